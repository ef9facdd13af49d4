using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// A department and job level that hold one executive (<see cref="SummaryApp"/>): leadership sees no series and no figure
/// for them anywhere, on the page, in the printable view or in any CSV file, while HR (whose view is exact) does.
/// </summary>
public sealed class IsolatedExecutiveTests(SummaryApp app) : IClassFixture<SummaryApp>
{
    private const string Filter = $"Department={SummaryApp.ExecutiveDepartment}&JobLevel={SummaryApp.ExecutiveLevel}&From=2026-03-02&To=2026-05-31";

    private static readonly string[] TableKeys = ["funnel", "matching", "sessions", "cadence", "ratings", "skills", "risk", "programs"];

    [Fact]
    public async Task Hr_sees_the_executives_weekly_sessions_so_the_filter_selects_them()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var csv = await client.GetStringAsync(new Uri($"/Dashboard/Export?table=sessions&{Filter}", UriKind.Relative));

        Assert.Contains("2026-W10,2026-03-02,1", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leadership_page_shows_no_series_and_no_summary_figure_for_one_person()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);

        var html = await client.GetHtmlAsync($"/Dashboard?{Filter}");

        Assert.Contains(WebUtility.HtmlEncode(ExecutiveSummary.SmallGroupText), html, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-W", html, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-data-", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-summary=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"table-", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leadership_printable_view_shows_no_series_and_no_chart_for_one_person()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);

        var html = await client.GetHtmlAsync($"/Dashboard/Print?{Filter}");

        Assert.Contains(WebUtility.HtmlEncode(ExecutiveSummary.SmallGroupText), html, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-W", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td class=\"text-end\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leadership_csv_files_hold_only_their_headers_for_one_person()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);

        foreach (var key in TableKeys)
        {
            var csv = await client.GetStringAsync(new Uri($"/Dashboard/Export?table={key}&{Filter}", UriKind.Relative));
            var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(lines.Length == 1, $"The {key} file has rows: {csv}");
        }
    }

    [Fact]
    public async Task Leadership_printable_view_draws_svg_charts_after_the_summary_for_a_wide_selection()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);

        var html = await client.GetHtmlAsync("/Dashboard/Print?From=2026-03-02&To=2026-05-31");

        Assert.Contains("<svg class=\"svg-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-label=\"Chart of sessions held per week.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"table-sessions\"", html, StringComparison.Ordinal);
        var summary = html.IndexOf("id=\"heading-summary\"", StringComparison.Ordinal);
        Assert.InRange(summary, 0, html.IndexOf("id=\"heading-funnel\"", StringComparison.Ordinal));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}
