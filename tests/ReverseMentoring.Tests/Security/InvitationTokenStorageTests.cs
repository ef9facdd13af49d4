using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Features.Invitations;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// An invitation link's token is the key to someone else's registration: the link carries it, but the database keeps
/// only its SHA-256, and neither the audit log nor its CSV export ever shows the one or the other.
/// </summary>
public sealed class InvitationTokenStorageTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The migration before token hashes came in; existing databases are migrated from here.</summary>
    private const string BeforeHashes = "20261124051214_DashboardIndexes";

    [Fact]
    public async Task Invitation_tokens_reach_no_table_no_audit_entry_and_no_audit_export()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var client = await app.SignedInClientAsync(hr.User);
        var email = $"invited-{Guid.NewGuid():N}@example.com";

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Programs/{program.Id}/Invitations", new() { ["Data.Emails"] = email, ["Data.DefaultRole"] = Roles.Mentor })).StatusCode);
        var invitation = await app.ExecuteDbContextAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Email == email));
        await app.SendAsync(new ResendInvitation.Command(program.Id, invitation.Id), hr.As);

        // The resend carried a new link: exactly one of the two e-mailed links works.
        var tokens = app.MailTo(email).Select(MailLinks.InvitationToken).ToList();
        Assert.Equal(2, tokens.Distinct().Count());
        var working = new List<string>();
        foreach (var token in tokens)
        {
            if (await app.SendAsync(new Register.InviteQuery(token)) is not null)
            {
                working.Add(token);
            }
        }

        Assert.Single(working);
        var hashes = tokens.Select(Invitation.HashOf).ToList();
        foreach (var token in tokens)
        {
            Assert.True((await app.PlacesHoldingAsync(token)).Count == 0,
                $"The token is stored in {string.Join(", ", await app.PlacesHoldingAsync(token))}");
        }

        var audit = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Invitation) && a.EntityId == invitation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(a => a.Changes).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, changes => Assert.Equal("(private)", JsonDocument.Parse(changes).RootElement.GetProperty("TokenHash").GetProperty("After").GetString()));

        var filter = $"Data.Entity=Invitation&Data.EntityId={invitation.Id}";
        var page = await client.GetHtmlAsync($"/Audit?{filter}");
        var csvResponse = await client.GetAsync(new Uri($"/Audit?handler=Csv&{filter}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        Assert.Contains("(private)", csv, StringComparison.Ordinal);
        foreach (var secret in tokens.Concat(hashes))
        {
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, csv, StringComparison.Ordinal);
            Assert.DoesNotContain(audit, changes => changes.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Migrating_an_existing_database_leaves_no_token_in_the_invitations_or_the_audit_log()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rm-tests", "migrate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connection = $"Data Source={Path.Combine(folder, "old.db")};Pooling=False";
        var token = Invitation.NewToken();
        try
        {
            await using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options))
            {
                await db.GetService<IMigrator>().MigrateAsync(BeforeHashes);
                var changes = JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["Email"] = new { Before = (string?)null, After = "old@example.com" },
                    ["Token"] = new { Before = (string?)null, After = token },
                });
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Invitations" ("Email", "Role", "Token", "InvitedAtUtc", "ExpiresAtUtc") VALUES ('old@example.com', 'Mentor', {token}, '2026-11-20 10:00:00', '2026-12-20 10:00:00');
                    """);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "AuditEntries" ("AtUtc", "UserName", "Action", "Entity", "EntityId", "Changes") VALUES ('2026-11-20 10:00:00', 'hr@example.com', 'Added', 'Invitation', '1', {changes});
                    """);

                await db.Database.MigrateAsync();

                var stored = await db.Invitations.AsNoTracking().SingleAsync();
                Assert.NotEqual(token, stored.TokenHash);
                Assert.Matches("^[0-9a-f]{64}$", stored.TokenHash);
                var audited = JsonDocument.Parse(await db.AuditEntries.AsNoTracking().Select(a => a.Changes).SingleAsync()).RootElement;
                Assert.Equal("(private)", audited.GetProperty("Token").GetProperty("After").GetString());
                Assert.Equal("old@example.com", audited.GetProperty("Email").GetProperty("After").GetString());
            }

            Assert.Empty(await TestData.PlacesHoldingAsync(connection, token));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
