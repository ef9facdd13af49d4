using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// The database in a folder of its own, which a test moves away to make the database unreachable and moves back to
/// restore it. Pooling is off so that no open connection keeps the moved file reachable.
/// </summary>
public sealed class MovableDatabaseApp : AppFactory
{
    private readonly string _databaseFolder = Path.Combine(Path.GetTempPath(), "rm-tests", "db-" + Guid.NewGuid().ToString("N"));

    public MovableDatabaseApp() => With("Database:ConnectionString", $"Data Source={Path.Combine(_databaseFolder, "app.db")};Pooling=False");

    public void TakeDatabaseAway()
    {
        SqliteConnection.ClearAllPools();
        Directory.Move(_databaseFolder, _databaseFolder + "-away");
    }

    public void BringDatabaseBack() => Directory.Move(_databaseFolder + "-away", _databaseFolder);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var folder in new[] { _databaseFolder, _databaseFolder + "-away" })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

public sealed class DatabaseDownTests
{
    private const string Friendly = "We can't reach the database right now. Your last change may not have been saved; please try again in a minute.";

    [Fact]
    public async Task With_the_database_gone_pages_say_so_with_503_health_is_unhealthy_and_all_recovers_when_it_is_back()
    {
        using var app = new MovableDatabaseApp();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Programs", UriKind.Relative))).StatusCode);

        // The form is opened while the database is there: every signed-in request reads the account (its security
        // stamp), so with the database gone the form page itself answers 503 too.
        var form = await client.GetHtmlAsync("/Skills/Create");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        app.TakeDatabaseAway();
        try
        {
            var page = await client.GetAsync(new Uri("/Programs", UriKind.Relative));
            using var fields = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Data.Name"] = "Written while down",
                ["Data.Description"] = "Must not be half-saved.",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            });
            var write = await client.PostAsync(new Uri("/Skills/Create", UriKind.Relative), fields);
            var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

            foreach (var response in new[] { page, write })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Contains(Friendly, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
                Assert.Equal(DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("Retry-After")));
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        }
        finally
        {
            app.BringDatabaseBack();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Programs", UriKind.Relative))).StatusCode);
        Assert.Equal("Healthy", await (await client.GetAsync(new Uri("/health", UriKind.Relative))).Content.ReadAsStringAsync());
        var added = await client.PostFormAsync("/Skills/Create", new() { ["Data.Name"] = "Written after", ["Data.Description"] = "Saved once the database is back." });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var names = await app.ExecuteDbContextAsync(db => db.Skills.Select(s => s.Name).ToListAsync());
        Assert.Contains("Written after", names);
        Assert.DoesNotContain("Written while down", names);
    }

    [Fact]
    public void Only_failures_to_reach_the_database_count_as_an_outage()
    {
        Assert.True(DatabaseUnavailable.IsOutage(new SqliteException("unable to open database file", 14)));
        Assert.True(DatabaseUnavailable.IsOutage(new DbUpdateException("save failed", new SqliteException("disk I/O error", 10))));
        Assert.True(DatabaseUnavailable.IsOutage(new InvalidOperationException("wrapped", new SqliteException("database is locked", 5))));
        Assert.False(DatabaseUnavailable.IsOutage(new SqliteException("UNIQUE constraint failed", 19)));
        Assert.False(DatabaseUnavailable.IsOutage(new SqliteException("no such column", 1)));
        Assert.False(DatabaseUnavailable.IsOutage(new InvalidOperationException("a bug")));
    }
}
