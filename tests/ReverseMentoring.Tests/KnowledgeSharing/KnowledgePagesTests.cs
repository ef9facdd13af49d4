using System.Globalization;
using System.Net;

namespace ReverseMentoring.Tests.KnowledgeSharing;

/// <summary>The pages of knowledge-sharing sessions, as each role opens them, and their forms with bad input.</summary>
public sealed class KnowledgePagesTests(KnowledgeApp app) : IClassFixture<KnowledgeApp>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_capacity_of_zero_on_the_offer_form_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        var program = await app.ProgramAsync();
        var junior = await app.JuniorAsync(program);
        var client = await app.SignedInClientAsync(junior.User);
        var before = await app.KnowledgeCountAsync();

        using var response = await client.PostFormAsync("/Knowledge/Offer", new Dictionary<string, string>
        {
            ["Data.ProgramId"] = Id(program.Id),
            ["Data.Title"] = "Prompting",
            ["Data.Date"] = "2027-03-09",
            ["Data.Time"] = "10:00",
            ["Data.DurationMinutes"] = "60",
            ["Data.Format"] = "Virtual",
            ["Data.Location"] = "https://meet.example.com/p",
            ["Data.Capacity"] = "0",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(KnowledgeSession.CapacityMessage, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Capacity"));
        Assert.Equal(before, await app.KnowledgeCountAsync());
    }

    [Fact]
    public async Task A_tampered_program_id_on_the_offer_form_is_refused_next_to_the_field()
    {
        var program = await app.ProgramAsync();
        var other = await app.ProgramAsync();
        var junior = await app.JuniorAsync(program);
        var client = await app.SignedInClientAsync(junior.User);

        using var response = await client.PostFormAsync("/Knowledge/Offer", new Dictionary<string, string>
        {
            ["Data.ProgramId"] = Id(other.Id),
            ["Data.Title"] = "Prompting",
            ["Data.Date"] = "2027-03-09",
            ["Data.Time"] = "10:00",
            ["Data.Capacity"] = "10",
            ["Data.Format"] = "Virtual",
            ["Data.Location"] = "https://meet.example.com/p",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose one of your programs", HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.ProgramId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seniors_see_the_programs_upcoming_sessions_with_seats_left_and_others_do_not()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), app.UtcNow.AddDays(7), capacity: 8,
            change: k => k.Title = "Spreadsheets with an assistant");
        var senior = await app.SeniorAsync(program);
        var outsider = await app.SeniorAsync(await app.ProgramAsync());

        var list = await (await app.SignedInClientAsync(senior.User)).GetHtmlAsync("/Participant/Knowledge");
        var outsiderClient = await app.SignedInClientAsync(outsider.User);
        var outsiderList = await outsiderClient.GetHtmlAsync("/Participant/Knowledge");
        using var outsiderDetail = await outsiderClient.GetAsync(new Uri($"/Knowledge/{id}", UriKind.Relative));

        Assert.Contains("Spreadsheets with an assistant", list, StringComparison.Ordinal);
        Assert.Contains("8 of 8", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Spreadsheets with an assistant", outsiderList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, outsiderDetail.StatusCode);
    }

    [Fact]
    public async Task Hr_sees_the_programs_sessions_with_counts_and_leadership_and_participants_cannot()
    {
        var program = await app.ProgramAsync();
        var id = await app.KnowledgeSessionAsync(program, await app.JuniorAsync(program), app.UtcNow.AddDays(7), capacity: 1);
        await app.SendAsync(new Web.Features.KnowledgeSharing.SignUpForKnowledgeSession.Command { SessionId = id }, (await app.SeniorAsync(program)).As);
        await app.SendAsync(new Web.Features.KnowledgeSharing.SignUpForKnowledgeSession.Command { SessionId = id }, (await app.SeniorAsync(program)).As);

        var hr = await (await app.SignedInClientAsync(Roles.HrCoordinator)).GetHtmlAsync($"/Programs/{program.Id}/Knowledge");
        using var leader = await (await app.SignedInClientAsync(Roles.Leadership)).GetAsync(new Uri($"/Programs/{program.Id}/Knowledge", UriKind.Relative));
        using var mentor = await (await app.SignedInClientAsync(Roles.Mentor)).GetAsync(new Uri($"/Programs/{program.Id}/Knowledge", UriKind.Relative));

        Assert.Contains("1 of 1", hr, StringComparison.Ordinal);
        Assert.Contains("data-label=\"Waiting\">1<", hr, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, leader.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, mentor.StatusCode);
    }

    [Fact]
    public async Task The_host_sees_who_booked_and_a_senior_sees_only_their_own_seat()
    {
        var program = await app.ProgramAsync();
        var host = await app.JuniorAsync(program);
        var id = await app.KnowledgeSessionAsync(program, host, app.UtcNow.AddDays(7));
        var booked = await app.SeniorAsync(program, TestData.Unique("Bea Booked"));
        await app.SendAsync(new Web.Features.KnowledgeSharing.SignUpForKnowledgeSession.Command { SessionId = id }, booked.As);
        var other = await app.SeniorAsync(program);

        var hostPage = await (await app.SignedInClientAsync(host.User)).GetHtmlAsync($"/Knowledge/{id}");
        var otherPage = await (await app.SignedInClientAsync(other.User)).GetHtmlAsync($"/Knowledge/{id}");

        Assert.Contains(booked.User.DisplayName, hostPage, StringComparison.Ordinal);
        Assert.DoesNotContain(booked.User.DisplayName, otherPage, StringComparison.Ordinal);
        Assert.Contains("handler=SignUp", otherPage, StringComparison.Ordinal);
    }
}
