using System.Net;
using System.Security.Claims;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Audit;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Audit;

/// <summary>Each test has a database of its own, so the log holds exactly the entries it wrote.</summary>
public sealed class AuditSearchTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(AppUser User, ClaimsPrincipal As)> CoordinatorAsync(string timeZone = "UTC")
    {
        var user = await _app.CreateUserAsync(Roles.HrCoordinator, name: "Harriet Auditor");
        await _app.ExecuteDbContextAsync(async db =>
        {
            // Start-up data (the skill catalogue) is audited too; these tests count only their own entries.
            await db.AuditEntries.ExecuteDeleteAsync();
            (await db.Users.FindAsync(user.Id))!.TimeZoneId = timeZone;
            await db.SaveChangesAsync();
        });
        return (user, AppFactory.PrincipalFor(user, Roles.HrCoordinator));
    }

    private Task AddAsync(params AuditEntry[] entries) =>
        _app.ExecuteDbContextAsync(async db =>
        {
            db.AuditEntries.AddRange(entries);
            await db.SaveChangesAsync();
        });

    private static AuditEntry Entry(string who, string action, string entity, string id, DateTime at, string changes = """{"Name":{"Before":"Old","After":"New"}}""") =>
        new() { UserName = who, Action = action, Entity = entity, EntityId = id, AtUtc = at, Changes = changes };

    private static readonly DateTime Day = new(2027, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private async Task<(SearchAudit.Result Result, ClaimsPrincipal As)> SeedAndSearchAsync(SearchAudit.Query query)
    {
        var (_, @as) = await CoordinatorAsync();
        await AddAsync(
            Entry("alice@example.com", "Added", nameof(MentoringProgram), "1", Day.AddDays(-2), """{"Name":{"Before":null,"After":"Pilot"}}"""),
            Entry("alice@example.com", "Modified", nameof(MentoringProgram), "1", Day.AddDays(-1), """{"Name":{"Before":"Pilot","After":"Spring pilot"}}"""),
            Entry("bob@example.com", "Modified", nameof(Enrolment), "7", Day, """{"Goals":{"Before":"","After":"Learn TikTok"}}"""),
            Entry("bob@example.com", "Deleted", nameof(Resource), "3", Day.AddDays(1), """{"Title":{"Before":"Guide","After":null}}"""));
        return (await _app.SendAsync(query, @as), @as);
    }

    [Fact]
    public async Task Entries_come_newest_first_with_their_changes()
    {
        var (result, _) = await SeedAndSearchAsync(new SearchAudit.Query());

        // Entries written outside an action stand alone, each its own row.
        Assert.Equal(["Deleted", "Modified", "Modified", "Added"], result.Rows.Select(r => Assert.Single(r.Records).Action));
        var renamed = result.Rows.Select(r => r.Records[0]).Single(r => r.Action == "Modified" && r.Entity == nameof(MentoringProgram));
        Assert.Equal(new SearchAudit.Change("Name", "Pilot", "Spring pilot"), Assert.Single(renamed.Changes));
        Assert.Null(renamed.Link);
    }

    [Fact]
    public async Task Filtering_by_who_matches_part_of_the_email_or_the_name()
    {
        var (byEmail, @as) = await SeedAndSearchAsync(new SearchAudit.Query { Who = "BOB@" });
        var (user, _) = await CoordinatorAsync();
        await AddAsync(new AuditEntry { UserId = user.Id, UserName = user.Email!, Action = "Added", Entity = nameof(Pair), EntityId = "9", AtUtc = Day, Changes = "{}" });

        var byName = await _app.SendAsync(new SearchAudit.Query { Who = "harriet" }, @as);

        Assert.Equal(2, byEmail.Total);
        Assert.All(byEmail.Rows, r => Assert.Equal("bob@example.com", r.Who));
        Assert.Equal(nameof(Pair), Assert.Single(byName.Rows).Records[0].Entity);
    }

    [Fact]
    public async Task Filtering_by_record_type_and_id()
    {
        var (byType, @as) = await SeedAndSearchAsync(new SearchAudit.Query { Entity = nameof(MentoringProgram) });
        var byId = await _app.SendAsync(new SearchAudit.Query { Entity = nameof(Enrolment), EntityId = "7" }, @as);
        var wrongId = await _app.SendAsync(new SearchAudit.Query { Entity = nameof(Enrolment), EntityId = "1" }, @as);

        Assert.Equal(2, byType.Total);
        Assert.All(byType.Rows, r => Assert.Equal(nameof(MentoringProgram), r.Records[0].Entity));
        Assert.Equal("7", Assert.Single(byId.Rows).Records[0].EntityId);
        Assert.Equal(0, wrongId.Total);
    }

    [Fact]
    public async Task Filtering_by_action()
    {
        var (result, _) = await SeedAndSearchAsync(new SearchAudit.Query { Action = "Deleted" });

        Assert.Equal(nameof(Resource), Assert.Single(result.Rows).Records[0].Entity);
    }

    [Fact]
    public async Task Filtering_by_dates_includes_whole_days_in_the_viewers_time_zone()
    {
        var (_, @as) = await CoordinatorAsync("America/New_York");
        await AddAsync(
            Entry("a@example.com", "Added", nameof(Pair), "1", new DateTime(2027, 3, 10, 3, 0, 0, DateTimeKind.Utc)),
            Entry("a@example.com", "Added", nameof(Pair), "2", new DateTime(2027, 3, 10, 15, 0, 0, DateTimeKind.Utc)),
            Entry("a@example.com", "Added", nameof(Pair), "3", new DateTime(2027, 3, 11, 3, 0, 0, DateTimeKind.Utc)),
            Entry("a@example.com", "Added", nameof(Pair), "4", new DateTime(2027, 3, 11, 6, 0, 0, DateTimeKind.Utc)));

        // 10 March in New York runs from 05:00 UTC on the 10th to 05:00 UTC on the 11th (before daylight saving).
        var result = await _app.SendAsync(new SearchAudit.Query { From = new DateOnly(2027, 3, 10), To = new DateOnly(2027, 3, 10) }, @as);
        var from = await _app.SendAsync(new SearchAudit.Query { From = new DateOnly(2027, 3, 11) }, @as);

        Assert.Equal(["3", "2"], result.Rows.Select(r => r.Records[0].EntityId));
        Assert.Equal("America/New_York", result.TimeZoneId);
        Assert.Equal(new DateTime(2027, 3, 10, 22, 0, 0), result.Rows[0].At);
        Assert.Equal(["4"], from.Rows.Select(r => r.Records[0].EntityId));
    }

    [Fact]
    public async Task Filtering_by_text_in_the_changed_values()
    {
        var (result, @as) = await SeedAndSearchAsync(new SearchAudit.Query { Text = "tiktok" });
        await AddAsync(Entry("c@example.com", "Added", nameof(Session), "5", Day,
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?> { ["Location"] = new { Before = (string?)null, After = "Café <2>" } })));
        var escaped = await _app.SendAsync(new SearchAudit.Query { Text = "Café <2>" }, @as);

        Assert.Equal(nameof(Enrolment), Assert.Single(result.Rows).Records[0].Entity);
        Assert.Equal("5", Assert.Single(escaped.Rows).Records[0].EntityId);
    }

    [Fact]
    public async Task Wrong_filters_are_refused_with_a_message()
    {
        var (_, @as) = await CoordinatorAsync();

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(
            new SearchAudit.Query { Entity = "AspNetUsers", Action = "Read", From = new DateOnly(2027, 3, 2), To = new DateOnly(2027, 3, 1), Text = new string('x', 201) }, @as));

        Assert.Equal(
            ["Entity: Choose a record type from the list.", "Action: Choose Added, Modified or Deleted.", "To: The last day must be on or after the first day.", "Text: Search for at most 200 characters of changed text."],
            invalid.Failures.Select(f => $"{f.PropertyName}: {f.ErrorMessage}"));
        var html = await (await SignedInCoordinatorClientAsync()).GetAsync(new Uri("/Audit?Data.From=2027-03-02&Data.To=2027-03-01", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, html.StatusCode);
        Assert.Equal("The last day must be on or after the first day.", HttpClientForms.FieldError(await html.Content.ReadAsStringAsync(), "Data.To"));
    }

    [Fact]
    public async Task The_log_pages_fifty_entries_at_a_time_keeping_the_filters()
    {
        var (_, @as) = await CoordinatorAsync();
        await AddAsync(Enumerable.Range(1, 60).Select(i => Entry("pager@example.com", "Added", nameof(Pair), i.ToString(System.Globalization.CultureInfo.InvariantCulture), Day.AddMinutes(i))).ToArray());

        var first = await _app.SendAsync(new SearchAudit.Query(), @as);
        var second = await _app.SendAsync(new SearchAudit.Query { Page = 2 }, @as);

        Assert.Equal((60, 2, 50), (first.Total, first.PageCount, first.Rows.Count));
        Assert.Equal("60", first.Rows[0].Records[0].EntityId);
        Assert.Equal(10, second.Rows.Count);
        Assert.Equal("10", second.Rows[0].Records[0].EntityId);
        var html = await (await SignedInCoordinatorClientAsync()).GetHtmlAsync("/Audit?Data.Who=pager&page=2");
        Assert.Contains("Page 2 of 2", html, StringComparison.Ordinal);
        Assert.Contains("?page=1&amp;Data.Who=pager", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_are_shown_html_encoded()
    {
        var client = await SignedInCoordinatorClientAsync();
        var program = new MentoringProgram { Name = "Linked", StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 6, 1), CreatedAtUtc = Day };
        await _app.ExecuteDbContextAsync(async db =>
        {
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        });
        await AddAsync(Entry("mallory@example.com", "Modified", nameof(MentoringProgram), program.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Day,
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?> { ["Name"] = new { Before = "Pilot", After = "<script>alert(1)</script>" } })));

        var html = await client.GetHtmlAsync("/Audit");

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programs/{program.Id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_says_so_when_nothing_matches()
    {
        var client = await SignedInCoordinatorClientAsync();

        var html = await client.GetHtmlAsync("/Audit?Data.Who=nobody-at-all");

        Assert.Contains("No changes match these filters.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_holds_the_filtered_entries_one_line_per_change()
    {
        var client = await SignedInCoordinatorClientAsync();
        await AddAsync(
            Entry("alice@example.com", "Modified", nameof(MentoringProgram), "1", Day, """{"Name":{"Before":"Pilot","After":"=HYPERLINK(\"x\")"},"Objectives":{"Before":"a, b","After":"c"}}"""),
            Entry("bob@example.com", "Added", nameof(Pair), "2", Day.AddHours(1)));

        var response = await client.GetAsync(new Uri("/Audit?handler=Csv&Data.Who=alice", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var text = new StringReader(await response.Content.ReadAsStringAsync());
        await using var csv = CsvReader.Create(text, new CsvReaderOptions());
        await csv.ReadHeaderAsync();
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
        }

        Assert.Equal(2, rows.Count);
        Assert.Equal(["2027-03-10 12:00:00", "alice@example.com", "", "Modified", "Program", "1", "", "Name", "Pilot", "'=HYPERLINK(\"x\")"], rows[0]);
        Assert.Equal(["Objectives", "a, b", "c"], rows[1][7..]);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_hr_can_search_or_export_the_log(string role)
    {
        var someone = await _app.CreateUserAsync(role);
        var @as = AppFactory.PrincipalFor(someone, role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(new SearchAudit.Query(), @as));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(new ExportAudit.Query(new SearchAudit.Query()), @as));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(new SearchAudit.Query()));

        var client = await _app.SignedInClientAsync(role);
        foreach (var page in new[] { "/Audit", "/Audit?handler=Csv" })
        {
            var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
            var anonymous = await _app.Client().GetAsync(new Uri(page, UriKind.Relative));
            Assert.StartsWith("/Account/SignIn", anonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
    }

    private Task<HttpClient> SignedInCoordinatorClientAsync() => _app.SignedInClientAsync(Roles.HrCoordinator);
}
