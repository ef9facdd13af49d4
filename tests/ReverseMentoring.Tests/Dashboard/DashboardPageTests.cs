using System.Net;
using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>The dashboard, its CSV files, the printable view and HR's program report, as the browser gets them.</summary>
public sealed partial class DashboardPageTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private const string Period = "From=2026-03-02&To=2026-05-31";

    /// <summary>The page without the white space between tags, so a table row reads as one string.</summary>
    private static string Squash(string html) => BetweenTags().Replace(html, "><");

    private static async Task<string> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_dashboard_draws_each_chart_over_an_accessible_table_without_inline_script()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);

        var html = await client.GetHtmlAsync($"/Dashboard?{Period}");

        Assert.Contains("<h1 class=\"h3 mb-0\">Uptake dashboard</h1>", html, StringComparison.Ordinal);
        foreach (var key in new[] { "funnel", "sessions", "cadence", "ratings", "skills", "risk", "programs" })
        {
            Assert.Contains($"<canvas data-chart=\"chart-data-{key}\" role=\"img\" aria-label=", html, StringComparison.Ordinal);
            Assert.Contains($"<script type=\"application/json\" id=\"chart-data-{key}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"table-{key}\"", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/Dashboard/Export?table={key}&amp;From=2026-03-02&amp;To=2026-05-31\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<figcaption", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\"", html, StringComparison.Ordinal);
        Assert.Contains("/js/dashboard.js", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Dashboard/Print?From=2026-03-02&amp;To=2026-05-31\"", html, StringComparison.Ordinal);

        // Every script either loads a file or is a JSON data block: nothing runs inline, and no inline handlers.
        foreach (Match script in ScriptTag().Matches(html))
        {
            Assert.True(script.Value.Contains("src=", StringComparison.Ordinal) || script.Value.Contains("type=\"application/json\"", StringComparison.Ordinal), script.Value);
        }

        Assert.DoesNotMatch(" on[a-z]+=\"", html);
    }

    [Fact]
    public async Task Leadership_sees_no_figure_for_a_department_of_three_on_the_page_or_in_the_csv()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);

        var html = await client.GetHtmlAsync($"/Dashboard?Department=Finance&{Period}");
        var funnel = await CsvAsync(client, $"/Dashboard/Export?table=funnel&Department=Finance&{Period}");

        // Finance holds M6, S5 and S6: fewer than 5 people, so every section says so instead of showing figures.
        Assert.Contains(WebUtility.HtmlEncode(ExecutiveSummary.SmallGroupText), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\" class=\"fw-normal\">Enrolled</th>", Squash(html), StringComparison.Ordinal);
        Assert.Contains("Stage,Mentors,Mentees", Assert.Single(funnel.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), StringComparison.Ordinal);
        Assert.DoesNotContain("Enrolled,1,2", funnel, StringComparison.Ordinal);

        // No chart data either.
        Assert.DoesNotContain("id=\"chart-data-", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HR_sees_the_exact_numbers_for_the_same_department()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var funnel = await CsvAsync(client, $"/Dashboard/Export?table=funnel&Department=Finance&{Period}");

        Assert.Equal(
            "Stage,Mentors,Mentees\r\nInvited,not available,not available\r\nEnrolled,1,2\r\nApproved,1,2\r\nPaired,1,2\r\nAccepted,0,1\r\nActive,0,1\r\nCompleted,0,0\r\n",
            funnel);
    }

    [Fact]
    public async Task Leadership_pages_and_csv_files_name_no_participant()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);
        var texts = new List<string>
        {
            await client.GetHtmlAsync($"/Dashboard?{Period}"),
            await client.GetHtmlAsync($"/Dashboard/Print?{Period}"),
            await client.GetHtmlAsync($"/Dashboard?ProgramId={app.World.Digital.Id}&{Period}"),
        };
        foreach (var key in new[] { "funnel", "matching", "sessions", "cadence", "ratings", "skills", "risk", "programs" })
        {
            texts.Add(await CsvAsync(client, $"/Dashboard/Export?table={key}&{Period}"));
        }

        foreach (var text in texts)
        {
            Assert.DoesNotContain(" Zed", text, StringComparison.Ordinal);
        }

        // The aggregates are there all the same: 26 sessions, which leadership sees rounded to the nearest 5 (26 → 25), and
        // 3 pairs at risk shown as "fewer than 5".
        Assert.Contains("25 in all", texts[0], StringComparison.Ordinal);
        Assert.Contains("At risk for any reason,fewer than 5", texts[3 + 6], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_table_downloads_as_a_csv_file_named_for_it_and_the_day()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.GetAsync(new Uri($"/Dashboard/Export?table=sessions&{Period}", UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("uptake-sessions-2026-06-15.csv", response.Content.Headers.ContentDisposition?.FileName);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Week,Week starting,Sessions held", lines[0]);
        Assert.Equal("2026-W10,2026-03-02,2", lines[1]);
        Assert.Equal(14, lines.Length);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/Dashboard/Export?table=nothing", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_printable_view_has_the_tables_and_no_charts()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);

        var html = await client.GetHtmlAsync($"/Dashboard/Print?ProgramId={app.World.Digital.Id}&{Period}");

        Assert.Contains("Digital fluency", html, StringComparison.Ordinal);
        Assert.Contains("id=\"table-funnel\"", html, StringComparison.Ordinal);
        Assert.Contains("dashboard-print.css", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<canvas", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Download CSV", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_shows_the_message_next_to_the_dates()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);

        var response = await client.GetAsync(new Uri("/Dashboard?From=2026-05-01&To=2026-04-01", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("The period must end on or after its first day.", HttpClientForms.FieldError(html, "Filter.To"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Mentor, "/Dashboard")]
    [InlineData(Roles.Mentee, "/Dashboard")]
    [InlineData(Roles.Mentor, "/Dashboard/Export?table=funnel")]
    [InlineData(Roles.Mentee, "/Dashboard/Print")]
    [InlineData(Roles.Leadership, "/Programs/{0}/Report")]
    [InlineData(Roles.Leadership, "/Programs/{0}/Report?handler=Csv")]
    [InlineData(Roles.Mentor, "/Programs/{0}/Report")]
    public async Task Only_the_right_roles_open_the_pages(string role, string url)
    {
        var client = await app.SignedInClientAsync(role);

        var response = await client.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, app.World.Digital.Id), UriKind.Relative));

        // Refused by the folder policy: the access-denied page, as for every other area.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leadership_cannot_read_the_pairs_at_risk_by_name_whatever_calls_the_handler()
    {
        var leader = await app.CreateUserAsync(Roles.Leadership);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProgramReport.Query(app.World.Digital.Id), AppFactory.PrincipalFor(leader, Roles.Leadership)));
    }

    [Fact]
    public async Task The_program_report_lists_the_pairs_at_risk_by_name_with_their_reasons()
    {
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);

        var report = await app.SendAsync(new ProgramReport.Query(app.World.Digital.Id), AppFactory.PrincipalFor(hr, Roles.HrCoordinator));

        // P2: no session since 7 April (69 days, more than the cadence of 14 plus 7) and last ratings 1, 2, 3 (average 2);
        // P3: never met and "have you met yet?" unanswered since 1 March. P3 is not quiet under the pair health rule: its
        // session on 20 June is within the next 7 days (the old definition, without the look ahead, flagged it).
        Assert.Equal(2, report.Total);
        var p2 = report.AtRisk.Single(r => r.PairId == app.World.Pairs["P2"].Id);
        Assert.Equal(
            ("Person M2 Zed", "Person S2 Zed", true, true, false),
            (p2.MentorName, p2.MenteeName, p2.Health.Has(PairFlagKind.Quiet), p2.Health.Has(PairFlagKind.LowRating), p2.Health.Has(PairFlagKind.HaveYouMetUnanswered)));
        Assert.Equal(2.0, p2.RecentRating);
        Assert.Equal("2026-04-07", p2.LastHeld);
        var p3 = report.AtRisk.Single(r => r.PairId == app.World.Pairs["P3"].Id);
        Assert.Equal(
            ("Person S3 Zed", false, false, true, "none yet"),
            (p3.MenteeName, p3.Health.Has(PairFlagKind.Quiet), p3.Health.Has(PairFlagKind.LowRating), p3.Health.Has(PairFlagKind.HaveYouMetUnanswered), p3.LastHeld));

        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var html = await client.GetHtmlAsync($"/Programs/{app.World.Digital.Id}/Report?{Period}");
        Assert.Contains($"<a href=\"/Programs/{app.World.Digital.Id}/Pairs/{p2.PairId}\">Person S2 Zed</a>", html, StringComparison.Ordinal);
        Assert.Contains("Person M3 Zed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Person BS1 Zed", html, StringComparison.Ordinal);

        // HR sees exact counts: the program's one completed mentor and mentee.
        Assert.Contains("<th scope=\"row\" class=\"fw-normal\">Completed</th><td class=\"text-end\">1</td><td class=\"text-end\">1</td>", Squash(html), StringComparison.Ordinal);

        var csv = await CsvAsync(client, $"/Programs/{app.World.Digital.Id}/Report?handler=Csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"{p2.PairId},Person M2 Zed,Person S2 Zed,2026-02-13,2026-04-07,2.00,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_of_a_program_that_does_not_exist_is_not_found()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.GetAsync(new Uri("/Programs/999999/Report", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_program_page_links_to_its_report()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{app.World.Digital.Id}");

        Assert.Contains($"href=\"/Programs/{app.World.Digital.Id}/Report\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
