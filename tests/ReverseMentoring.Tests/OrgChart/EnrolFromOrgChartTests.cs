using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using static ReverseMentoring.Tests.OrgChart.OrgChartTestKit;

namespace ReverseMentoring.Tests.OrgChart;

/// <summary>Where the org chart has a person, their department, job level and manager come from it: shown read-only, never taken from a form or file.</summary>
public sealed class EnrolFromOrgChartTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(Person Person, string Boss)> PlacedAsync(string role)
    {
        var boss = NewEmail("Boss");
        await app.PlaceAsync(boss, "Board", null);
        var person = await app.PersonAsync(role, email: NewEmail("placed"));
        await app.PlaceAsync(person.Email.ToUpperInvariant(), "Treasury", boss, OrgSource.SingleSignOn, jobLevel: "Analyst");
        return (person, boss);
    }

    [Fact]
    public async Task The_form_shows_the_charts_values_read_only()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var (person, boss) = await PlacedAsync(Roles.Mentor);
        var client = await app.SignedInClientAsync(person.User);

        var html = WebUtility.HtmlDecode(await client.GetHtmlAsync($"/Participant/Programs/{program.Id}/Enrol"));

        Assert.Contains("From your company's org chart.", html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"col-sm-8\">Treasury</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"col-sm-8\">Analyst</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd class=\"col-sm-8\">{boss}</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Your manager's e-mail (optional)", html, StringComparison.Ordinal);

        var form = await app.SendAsync(new EnrolInProgram.FormQuery(program.Id), person.As);
        Assert.Equal(("Treasury", "Analyst", boss), (form.Current.Department, form.Current.JobLevel, form.Current.ManagerEmail));
    }

    [Fact]
    public async Task A_tampered_form_cannot_change_what_the_chart_says()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var (person, boss) = await PlacedAsync(Roles.Mentor);
        var command = await app.EnrolmentFormAsync(program.Id);
        command.Department = new string('x', 500);
        command.JobLevel = "Chief Executive";
        command.ManagerEmail = "someone-else@example.com";

        await app.SendAsync(command, person.As);

        var saved = await app.SavedEnrolmentAsync(program.Id, person.Id);
        Assert.Equal(("Treasury", "Analyst", boss), (saved!.Department, saved.JobLevel, saved.ManagerEmail));

        // An edit of the profile keeps them too.
        var edit = (await app.SendAsync(new EnrolInProgram.FormQuery(program.Id), person.As)).Current;
        edit.Department = "Tampered";
        edit.ManagerEmail = null;
        await app.SendAsync(edit, person.As);
        saved = await app.SavedEnrolmentAsync(program.Id, person.Id);
        Assert.Equal(("Treasury", boss), (saved!.Department, saved.ManagerEmail));
    }

    [Fact]
    public async Task A_tampered_page_post_is_ignored_too()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var (person, boss) = await PlacedAsync(Roles.Mentee);
        var client = await app.SignedInClientAsync(person.User);
        var url = $"/Participant/Programs/{program.Id}/Enrol";

        var response = await client.PostFormAsync(url, new()
        {
            ["Data.Role"] = "Mentee",
            ["Data.Department"] = "Tampered",
            ["Data.JobLevel"] = "",
            ["Data.ManagerEmail"] = "not an e-mail",
            ["Data.Location"] = "Leeds",
            ["Data.TimeZoneId"] = "Europe/London",
            ["Data.Formats"] = "InPerson",
            ["Data.Availability[0].Day"] = "Tuesday",
            ["Data.Availability[0].From"] = "08:00",
            ["Data.Availability[0].To"] = "09:00",
            ["Data.Skills[0].SkillId"] = (await app.SkillIdAsync("Fintech")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Data.Skills[0].Level"] = "1",
            ["Data.Goals"] = "Understand how younger customers handle money.",
            ["Data.Consent"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.SavedEnrolmentAsync(program.Id, person.Id);
        Assert.Equal(("Treasury", "Analyst", boss), (saved!.Department, saved.JobLevel, saved.ManagerEmail));
    }

    [Fact]
    public async Task Without_a_chart_entry_the_form_asks_as_before()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.Mentor);

        var html = await client.GetHtmlAsync($"/Participant/Programs/{program.Id}/Enrol");

        Assert.DoesNotContain("From your company's org chart", html, StringComparison.Ordinal);
        Assert.Contains("Your manager's e-mail (optional)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_takes_the_charts_values_over_the_files()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var (person, boss) = await PlacedAsync(Roles.Mentor);
        var csv = "email,name,role,department,job_level,manager_email,location,time_zone,formats,skills,availability,interests,goals\n"
            + $"{person.Email},Someone,Mentor,FromFile,FromFile,file-boss@example.com,London,Europe/London,Virtual,\"AI tools:4\",\"Mon 09:00-10:00\",Photography,Share.\n";

        await app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = csv }, hr.As);

        var saved = await app.SavedEnrolmentAsync(program.Id, person.Id);
        Assert.Equal(("Treasury", "Analyst", boss), (saved!.Department, saved.JobLevel, saved.ManagerEmail));
    }
}
