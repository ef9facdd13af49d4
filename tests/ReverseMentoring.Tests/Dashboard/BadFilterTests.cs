using System.Net;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// Filters that name nothing (an unknown program, department or job level, a period with no data, a value that is not
/// a date or a number, an enormous string): the pages answer 200 with the message next to the filter and the figures
/// without it, for HR and leadership alike; the CSV download answers 400 with the message.
/// </summary>
public sealed class BadFilterTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    // The world's programs run from 1 February to 31 December 2026, their enrolment opening 40 days before.
    private static readonly string NoData = FilterCheck.NoData(new DateOnly(2025, 12, 23), new DateOnly(2026, 12, 31));

    private static readonly string Huge = new('x', 5000);

    public static TheoryData<string, string, string, string> BadFilters()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var role in new[] { Roles.HrCoordinator, Roles.Leadership })
        {
            data.Add(role, "ProgramId=999999", "Filter.ProgramId", FilterCheck.NoProgram);
            data.Add(role, "ProgramId=abc", "Filter.ProgramId", FilterCheck.NoProgram);
            data.Add(role, "Department=NoSuchDept", "Filter.Department", FilterCheck.NoDepartment);
            data.Add(role, "JobLevel=Nope", "Filter.JobLevel", FilterCheck.NoJobLevel);
            data.Add(role, "From=1900-01-01", "Filter.From", NoData);
            data.Add(role, "To=2999-12-31", "Filter.To", NoData);
            data.Add(role, "From=2024-01-01&To=2024-06-30", "Filter.From", NoData);
            data.Add(role, "From=2026-13-45", "Filter.From", FilterCheck.NotADate);
            data.Add(role, $"Department={Huge}", "Filter.Department", FilterCheck.NoDepartment);
            data.Add(role, $"JobLevel={Huge}", "Filter.JobLevel", FilterCheck.NoJobLevel);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task The_dashboard_shows_the_message_next_to_the_filter_and_the_figures_without_it(string role, string filter, string field, string message)
    {
        var client = await app.SignedInClientAsync(role);

        var response = await client.GetAsync(new Uri($"/Dashboard?{filter}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, HttpClientForms.FieldError(html, field));

        // The filter is left out: the links to the CSV files and the printable view carry none of it.
        Assert.Contains("href=\"/Dashboard/Print\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"table-funnel\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task The_printable_view_lists_the_message_above_the_figures(string role, string filter, string field, string message)
    {
        _ = field;
        var client = await app.SignedInClientAsync(role);

        var response = await client.GetAsync(new Uri($"/Dashboard/Print?{filter}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<li>{WebUtility.HtmlEncode(message)}</li>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"table-funnel\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task The_csv_download_is_refused_with_the_message(string role, string filter, string field, string message)
    {
        _ = field;
        var client = await app.SignedInClientAsync(role);

        var response = await client.GetAsync(new Uri($"/Dashboard/Export?table=funnel&{filter}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<li>{WebUtility.HtmlEncode(message)}</li>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Department=NoSuchDept", "Filter.Department", FilterCheck.NoDepartment)]
    [InlineData("JobLevel=Nope", "Filter.JobLevel", FilterCheck.NoJobLevel)]
    [InlineData("From=2026-13-45", "Filter.From", FilterCheck.NotADate)]
    [InlineData("ProgramId=abc", null, null)]
    [InlineData("ProgramId=999999", null, null)]
    public async Task The_program_report_shows_the_message_next_to_the_filter(string filter, string? field, string? message)
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.GetAsync(new Uri($"/Programs/{app.World.Digital.Id}/Report?{filter}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        // The report's program is its address; a program id in the query string is not one of its filters.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Program report: Digital fluency", html, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Equal(message, HttpClientForms.FieldError(html, field));
        }
        else
        {
            Assert.DoesNotContain("field-validation-error", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Roles.HrCoordinator, "To=2999-12-31", "Filter.To")]
    [InlineData(Roles.Leadership, "From=1900-01-01", "Filter.From")]
    public async Task The_program_report_and_dashboard_keep_the_good_filters_beside_a_bad_date(string role, string badDate, string field)
    {
        var client = await app.SignedInClientAsync(role);

        var html = await client.GetHtmlAsync($"/Dashboard?Department=Sales&{badDate}");

        Assert.Equal(NoData, HttpClientForms.FieldError(html, field));
        Assert.Contains("href=\"/Dashboard/Print?Department=Sales\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_that_name_something_show_no_message()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Dashboard?ProgramId={app.World.Digital.Id}&Department=Sales&JobLevel=Junior&From=2026-03-02&To=2026-05-31");

        Assert.DoesNotContain("field-validation-error", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Dashboard/Print?ProgramId={app.World.Digital.Id}&amp;Department=Sales&amp;JobLevel=Junior&amp;From=2026-03-02&amp;To=2026-05-31\"", html, StringComparison.Ordinal);
    }
}
