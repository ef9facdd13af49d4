using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.OrgChart;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.OrgChart.OrgChartTestKit;

namespace ReverseMentoring.Tests.OrgChart;

/// <summary>HR uploads the org chart as CSV: previewed, then applied all or nothing, never over single sign-on or SCIM.</summary>
public sealed class UploadOrgChartTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Header = "email,department,job_level,manager_email,employee_number";

    private static string File(params string[] lines) => Header + "\n" + string.Join("\n", lines) + "\n";

    private async Task<Person> HrAsync() => await app.PersonAsync(Roles.HrCoordinator);

    private Task<UploadOrgChart.Result> SendAsync(Person hr, string csv, bool apply) =>
        app.SendAsync(new UploadOrgChart.Command { Csv = csv, Apply = apply }, hr.As);

    private Task<List<OrgChartEntry>> EntriesAsync(params string[] emails)
    {
        var keys = emails.Select(OrgChartEntry.Normalize).ToList();
        return app.ExecuteDbContextAsync(db => db.OrgChart.AsNoTracking().Where(o => keys.Contains(o.NormalizedEmail)).OrderBy(o => o.Id).ToListAsync());
    }

    private async Task<List<string>> RefusedAsync(Person hr, string csv)
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => SendAsync(hr, csv, apply: true));
        return [.. refused.Failures.Select(f => f.ErrorMessage)];
    }

    [Fact]
    public async Task A_file_is_previewed_with_what_it_adds_changes_and_keeps_then_applied()
    {
        var hr = await HrAsync();
        var (ceo, cfo, analyst) = (NewEmail("ceo"), NewEmail("cfo"), NewEmail("analyst"));
        var csv = File($"{ceo},Board,Executive,,E1", $"{cfo},Finance,Director,{ceo},E2", $"{analyst},Finance,Analyst,{cfo.ToUpperInvariant()},");

        var preview = await SendAsync(hr, csv, apply: false);

        Assert.Equal((false, 3, 0, 0), (preview.Applied, preview.Added, preview.Changed, preview.Unchanged));
        Assert.Empty(await EntriesAsync(ceo, cfo, analyst));

        var applied = await SendAsync(hr, csv, apply: true);

        Assert.Equal((true, 3, 0, 0), (applied.Applied, applied.Added, applied.Changed, applied.Unchanged));
        var entries = await EntriesAsync(ceo, cfo, analyst);
        Assert.Equal(
            [(ceo, "Board", "Executive", null, "E1"), (cfo, "Finance", "Director", OrgChartEntry.Normalize(ceo), "E2"), (analyst, "Finance", "Analyst", OrgChartEntry.Normalize(cfo), null)],
            entries.Select(e => (e.Email, e.Department, e.JobLevel, e.ManagerEmail, e.EmployeeNumber)));
        Assert.All(entries, e => Assert.Equal(OrgSource.Csv, e.Source));

        // The analyst moves department: one changed, two unchanged.
        var again = await SendAsync(hr, File($"{ceo},Board,Executive,,E1", $"{cfo},Finance,Director,{ceo},E2", $"{analyst},Strategy,Analyst,{cfo},"), apply: true);
        Assert.Equal((0, 1, 2), (again.Added, again.Changed, again.Unchanged));
        Assert.Equal("Strategy", (await EntriesAsync(analyst)).Single().Department);
        Assert.Equal("Org chart updated: 0 people added, 1 person changed, 2 people unchanged; 0 enrolments brought in step.", again.Summary);
    }

    [Fact]
    public async Task Enrolled_people_follow_the_chart_when_it_changes()
    {
        var hr = await HrAsync();
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var boss = NewEmail("boss");
        var person = await app.PersonAsync(ParticipantRole.Mentor, email: NewEmail("junior"));
        await app.EnrolAsync(program, person, ParticipantRole.Mentor, department: "Typed", jobLevel: "Typed", managerEmail: "typed@example.com");

        var result = await SendAsync(hr, File($"{boss},Operations,Director,,", $"{person.Email},Operations,Graduate,{boss},"), apply: true);

        Assert.Equal(1, result.EnrolmentsUpdated);
        var enrolment = await app.SavedEnrolmentAsync(program.Id, person.Id);
        Assert.Equal(("Operations", "Graduate", boss), (enrolment!.Department, enrolment.JobLevel, enrolment.ManagerEmail));
    }

    [Fact]
    public async Task A_cycle_of_managers_is_refused_naming_everyone_in_it_and_nothing_changes()
    {
        var hr = await HrAsync();
        var (a, b, c, top) = (NewEmail("a"), NewEmail("b"), NewEmail("c"), NewEmail("top"));

        var problems = await RefusedAsync(hr, File($"{top},Board,Executive,,", $"{a},Sales,Manager,{b},", $"{b},Sales,Manager,{c},", $"{c},Sales,Manager,{a},"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("The managers go round in a circle: ", problem, StringComparison.Ordinal);
        Assert.All([a, b, c], email => Assert.Contains(email, problem, StringComparison.Ordinal));
        Assert.DoesNotContain(top, problem, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync(a, b, c, top));
    }

    [Fact]
    public async Task A_cycle_through_people_already_in_the_chart_is_refused_too()
    {
        var hr = await HrAsync();
        var (kept, uploaded) = (NewEmail("kept"), NewEmail("uploaded"));
        await app.PlaceAsync(kept, "Sales", uploaded, OrgSource.Scim);

        var problems = await RefusedAsync(hr, File($"{uploaded},Sales,Manager,{kept},"));

        Assert.Contains(problems, p => p.Contains("circle", StringComparison.Ordinal) && p.Contains(kept, StringComparison.Ordinal) && p.Contains(uploaded, StringComparison.Ordinal));
        Assert.Empty(await EntriesAsync(uploaded));
    }

    [Fact]
    public async Task A_manager_in_neither_the_file_nor_the_chart_is_refused()
    {
        var hr = await HrAsync();
        var (known, person, stranger, other) = (NewEmail("known"), NewEmail("person"), NewEmail("stranger"), NewEmail("other"));
        await app.PlaceAsync(known, "Board", null);

        var problems = await RefusedAsync(hr, File($"{other},Sales,Analyst,{known},", $"{person},Sales,Analyst,{stranger},"));

        Assert.Equal([$"Row 3, manager_email: {stranger} is neither in the file nor already in the org chart. Add a row for them."], problems);
        Assert.Empty(await EntriesAsync(person, other));
    }

    [Fact]
    public async Task Duplicate_bad_and_over_long_values_are_refused_by_row_and_column()
    {
        var hr = await HrAsync();
        var (one, two) = (NewEmail("one"), NewEmail("two"));
        var longText = new string('x', OrgChartEntry.TextMaxLength + 1);

        var problems = await RefusedAsync(hr, File(
            $"{one},Sales,Analyst,,",
            $"{one.ToUpperInvariant()},Sales,Analyst,,",
            "not-an-email,Sales,Analyst,,",
            $"{two},{longText},Analyst,,",
            $"{NewEmail("three")},Sales,Analyst,nobody@,",
            $"{new string('a', 250)}@example.com,Sales,Analyst,,",
            $"{NewEmail("four")},Sales,,,{longText}"));

        Assert.Equal(
        [
            $"Row 3, email: {one.ToUpperInvariant()} is already on row 2. Each person appears once.",
            "Row 4, email: \"not-an-email\" is not an e-mail address like name@company.com.",
            $"Row 5, department: at most {OrgChartEntry.TextMaxLength} characters.",
            "Row 6, manager_email: \"nobody@\" is not an e-mail address; leave it empty at the top of the chart.",
            $"Row 7, email: an e-mail address has at most {OrgChartEntry.EmailMaxLength} characters.",
            "Row 8, job_level: enter the person's job level.",
            $"Row 8, employee_number: at most {OrgChartEntry.TextMaxLength} characters.",
        ], problems);
        Assert.Empty(await EntriesAsync(one, two));
    }

    [Fact]
    public async Task Too_many_rows_or_too_big_a_file_is_refused_whole()
    {
        var hr = await HrAsync();
        var rows = Enumerable.Range(0, UploadOrgChart.MaxRows + 1).Select(i => $"p{i}-{Guid.NewGuid():N}@example.com,Sales,Analyst,,").ToArray();

        Assert.Equal([$"The file has more than {UploadOrgChart.MaxRows:N0} people. Split it into files of at most {UploadOrgChart.MaxRows:N0} rows."],
            await RefusedAsync(hr, File(rows)));
        Assert.Equal([UploadOrgChart.TooBigMessage],
            await RefusedAsync(hr, File($"{NewEmail("big")},Sales,Analyst,,{new string('9', 10)}") + new string(' ', (int)UploadOrgChartModel.MaxFileBytes)));
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.OrgChart.CountAsync(o => o.NormalizedEmail.StartsWith("P0-"))));
    }

    [Fact]
    public async Task Entries_kept_by_single_sign_on_or_scim_are_skipped_not_overwritten()
    {
        var hr = await HrAsync();
        var (sso, scim, fresh) = (NewEmail("sso"), NewEmail("scim"), NewEmail("fresh"));
        await app.PlaceAsync(sso, "Identity", null, OrgSource.SingleSignOn);
        await app.PlaceAsync(scim, "Directory", null, OrgSource.Scim);

        var result = await SendAsync(hr, File($"{sso},Overwritten,Analyst,,", $"{scim},Overwritten,Analyst,,", $"{fresh},Sales,Analyst,{sso},"), apply: true);

        Assert.Equal((1, 0, 0), (result.Added, result.Changed, result.Unchanged));
        Assert.Equal([$"{sso} (single sign-on)", $"{scim} (SCIM)"], result.Skipped);
        Assert.Contains("2 people skipped (kept by single sign-on or SCIM)", result.Summary, StringComparison.Ordinal);
        var entries = await EntriesAsync(sso, scim);
        Assert.Equal([("Identity", OrgSource.SingleSignOn), ("Directory", OrgSource.Scim)], entries.Select(e => (e.Department, e.Source)));
    }

    [Fact]
    public async Task Only_hr_may_upload_or_list_the_chart()
    {
        foreach (var role in new[] { Roles.Mentor, Roles.Mentee, Roles.Leadership })
        {
            var person = await app.PersonAsync(role);
            await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
                app.SendAsync(new UploadOrgChart.Command { Csv = File($"{NewEmail("x")},Sales,Analyst,,"), Apply = true }, person.As));
            await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ListOrgChart.Query(null), person.As));

            var client = await app.SignedInClientAsync(role);
            foreach (var url in new[] { "/OrgChart", "/OrgChart/Upload" })
            {
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Hr_uploads_through_the_page_confirms_and_finds_people_in_the_list()
    {
        var hr = await HrAsync();
        var client = await app.SignedInClientAsync(hr.User);
        var (lead, member) = (NewEmail("lead"), NewEmail("member"));
        var department = $"Dept {Guid.NewGuid():N}";
        var csv = File($"{lead},{department},Director,,", $"{member},{department},Analyst,{lead},");

        var previewResponse = await client.PostMultipartAsync("/OrgChart/Upload?handler=Preview", new(), "Upload", "chart.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.OK, previewResponse.StatusCode);
        var preview = WebUtility.HtmlDecode(await previewResponse.Content.ReadAsStringAsync());
        Assert.Contains("<strong>2</strong> people added", preview, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync(lead, member));

        var confirm = await client.PostFormAsync("/OrgChart/Upload?handler=Confirm", new() { ["Csv"] = csv }, "/OrgChart/Upload");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(2, (await EntriesAsync(lead, member)).Count);

        var list = WebUtility.HtmlDecode(await client.GetHtmlAsync($"/OrgChart?q={Uri.EscapeDataString(department)}"));
        Assert.Contains(member, list, StringComparison.Ordinal);
        Assert.Contains(lead, list, StringComparison.Ordinal);
        var none = WebUtility.HtmlDecode(await client.GetHtmlAsync($"/OrgChart?q=nobody-{Guid.NewGuid():N}"));
        Assert.DoesNotContain(member, none, StringComparison.Ordinal);
        Assert.Contains("Nobody in the chart matches", none, StringComparison.Ordinal);

        var refused = await client.PostMultipartAsync("/OrgChart/Upload?handler=Preview", new(), "Upload", "chart.csv",
            Encoding.UTF8.GetBytes(File($"{NewEmail("loop")},Sales,Analyst,{NewEmail("ghost")},")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is neither in the file nor already in the org chart", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
