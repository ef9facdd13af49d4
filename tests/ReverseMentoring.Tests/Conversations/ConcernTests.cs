using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Features.Coordinator;
using ReverseMentoring.Web.Features.Pairs;

namespace ReverseMentoring.Tests.Conversations;

public sealed class ConcernTests(ConversationsApp app) : IClassFixture<ConversationsApp>
{
    private const string Worry = "He cancels at the last minute and talks over me when we meet.";

    private Task<int> RaiseAsync(TalkingPair talk, string text = Worry, bool openly = false) =>
        app.SendAsync(new RaiseConcern.Command { PairId = talk.Id, Category = ConcernCategory.PowerDynamics, Text = text, MayActOpenly = openly }, talk.Mentor.As);

    private Task<Dictionary<int, PairHealth>> HealthAsync(TalkingPair talk) =>
        app.ExecuteDbContextAsync(db => db.Pairs.Where(p => p.Id == talk.Id).HealthByPairAsync(db, app.Now, CancellationToken.None));

    [Fact]
    public async Task A_concern_reaches_the_programs_coordinators_by_email_in_the_same_transaction()
    {
        var talk = await app.PairAsync();

        var id = await RaiseAsync(talk);

        var mail = await app.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.Key == $"coordinator-alert:concern-raised:{id}:{talk.Hr.Id}"));
        Assert.Equal(talk.Hr.Email, mail.Recipient);
        Assert.StartsWith("Concern raised:", mail.Subject);
        var alert = await app.ExecuteDbContextAsync(db => db.CoordinatorAlerts.AsNoTracking().SingleAsync(a => a.Key == $"concern-raised:{id}"));
        Assert.Equal(AlertKind.ConcernRaised, alert.Kind);
        Assert.True(alert.Urgent);
        Assert.DoesNotContain("talks over me", alert.Detail);
        Assert.False(await app.ExecuteDbContextAsync(db => db.Concerns.Where(c => c.Id == id).Select(c => c.MayActOpenly).SingleAsync()));
    }

    [Fact]
    public async Task A_concern_heads_the_to_do_list_as_urgent_and_flags_the_pair_without_saying_who_or_what()
    {
        var talk = await app.PairAsync();
        // Something else to act on, which the concern must still come before.
        await app.EnrolAsync(talk.Pair.Program, await app.PersonAsync(Roles.Mentee, TestData.Unique("Waiting")), ParticipantRole.Mentee, EnrolmentStatus.Pending);
        await RaiseAsync(talk);

        var todo = await app.ExecuteDbContextAsync(db => CoordinatorToDo.ItemsAsync(db, [talk.Pair.ProgramId], app.Now, CancellationToken.None));
        Assert.Equal(ToDoKind.ConcernRaised, todo[0].Kind);
        Assert.Contains(todo, i => i.Kind == ToDoKind.EnrolmentToReview);
        var home = await app.SendAsync(new CoordinatorHome.Query(AllPrograms: true), talk.Hr.As);
        Assert.Equal(ToDoKind.ConcernRaised, home.Groups[0].Kind);
        Assert.Equal("Concerns raised", home.Groups[0].Heading);

        var health = (await HealthAsync(talk))[talk.Id];
        var flag = Assert.Single(health.Flags, f => f.Kind == PairFlagKind.ConcernRaised);
        Assert.DoesNotContain(talk.Mentor.User.DisplayName, flag.Reason);
        Assert.DoesNotContain("talks over me", flag.Reason);
        Assert.DoesNotContain("mentor", flag.Reason, StringComparison.OrdinalIgnoreCase);
        var pairsPage = await (await app.SignedInClientAsync(talk.Hr.User)).GetHtmlAsync($"/Programs/{talk.Pair.ProgramId}/Pairs");
        Assert.Contains("Concern raised", pairsPage);
    }

    [Fact]
    public async Task Hr_reads_the_concern_on_the_pair_page_and_resolving_it_clears_the_flag_and_is_audited()
    {
        var talk = await app.PairAsync();
        var id = await RaiseAsync(talk, openly: true);
        var hrPage = await (await app.SignedInClientAsync(talk.Hr.User)).GetHtmlAsync($"/Programs/{talk.Pair.ProgramId}/Pairs/{talk.Id}");
        Assert.Contains("talks over me", hrPage);
        Assert.Contains("HR may act openly", hrPage);

        var client = await app.SignedInClientAsync(talk.Hr.User);
        var url = $"/Programs/{talk.Pair.ProgramId}/Pairs/{talk.Id}?handler=Resolve";
        var empty = await client.PostFormAsync(url, new() { ["Resolve.ConcernId"] = $"{id}", ["Resolve.Note"] = " " }, $"/Programs/{talk.Pair.ProgramId}/Pairs/{talk.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Say how the concern was resolved.", HttpClientForms.FieldError(await empty.Content.ReadAsStringAsync(), "Resolve.Note"));
        Assert.True((await HealthAsync(talk))[talk.Id].Has(PairFlagKind.ConcernRaised));

        var done = await client.PostFormAsync(url, new() { ["Resolve.ConcernId"] = $"{id}", ["Resolve.Note"] = "Spoke with both; agreed new rules." }, $"/Programs/{talk.Pair.ProgramId}/Pairs/{talk.Id}");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False((await HealthAsync(talk))[talk.Id].Has(PairFlagKind.ConcernRaised));
        var todo = await app.ExecuteDbContextAsync(db => CoordinatorToDo.ItemsAsync(db, [talk.Pair.ProgramId], app.Now, CancellationToken.None));
        Assert.DoesNotContain(todo, i => i.Kind == ToDoKind.ConcernRaised);
        var audit = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Concern) && a.EntityId == $"{id}").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["Added", "Modified"], audit.Select(a => a.Action));
        Assert.Contains("Spoke with both", audit[1].Changes);
        Assert.All(audit, a => Assert.DoesNotContain("talks over me", a.Changes));
    }

    [Fact]
    public async Task The_partner_is_told_nothing_neither_by_email_nor_on_their_pages()
    {
        var talk = await app.PairAsync();
        var outboxBefore = await app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync(m => m.Recipient == talk.Mentee.Email));

        await RaiseAsync(talk);

        Assert.Equal(outboxBefore, await app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync(m => m.Recipient == talk.Mentee.Email)));
        var partner = await app.SignedInClientAsync(talk.Mentee.User);
        foreach (var page in new[] { "/Participant", $"/Participant/Programs/{talk.Pair.ProgramId}", $"/Participant/Pairs/{talk.Id}/Messages", $"/Participant/Pairs/{talk.Id}/Concern", "/Participant/Sessions", "/Account/MyData" })
        {
            var response = await partner.GetAsync(new Uri(page, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("talks over me", html);
            Assert.DoesNotContain("Concern raised", html);
            if (!page.EndsWith("/Concern", StringComparison.Ordinal))
            {
                // The concern form lists the categories to choose from; no other page names one.
                Assert.DoesNotContain("Power dynamics", html);
            }
        }
    }

    [Fact]
    public async Task A_concern_without_a_category_or_text_is_refused_next_to_its_fields_and_nothing_is_sent()
    {
        var talk = await app.PairAsync();
        var client = await app.SignedInClientAsync(talk.Mentee.User);
        var url = $"/Participant/Pairs/{talk.Id}/Concern";

        var response = await client.PostFormAsync(url, new() { ["Data.Text"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("Choose what the concern is about.", HttpClientForms.FieldError(html, "Data.Category"));
        Assert.Equal("Tell HR what is wrong.", HttpClientForms.FieldError(html, "Data.Text"));
        var tooLong = await TestData.RefusalAsync(() => app.SendAsync(
            new RaiseConcern.Command { PairId = talk.Id, Category = ConcernCategory.Other, Text = new string('w', 4001) }, talk.Mentee.As), "Text");
        Assert.NotNull(tooLong);
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.Concerns.CountAsync(c => c.PairId == talk.Id)));
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.CoordinatorAlerts.CountAsync(a => a.Link.EndsWith($"/Pairs/{talk.Id}"))));

        var ok = await client.PostFormAsync(url, new() { ["Data.Category"] = "Tone", ["Data.Text"] = "The tone is harsh." });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(1, await app.ExecuteDbContextAsync(db => db.Concerns.CountAsync(c => c.PairId == talk.Id && c.RaisedByUserId == talk.Mentee.Id)));
    }
}
