using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Queries;

/// <summary>
/// How the queries behind every participant's save reach their rows. On the small test data a scan answers as fast as an
/// index, so only the plan shows the difference that cost 0.2-1 s per query on the 100,000-participant volume
/// (docs/benchmarks.md). SQLite's plans: PostgreSQL plans small tables differently, so these run on SQLite only.
/// </summary>
public sealed class QueryPlanTests(AppFactory app) : IClassFixture<AppFactory>
{
    private SqliteAppDbContext Context(SentStatements statements) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={app.DatabasePath}").AddInterceptors(statements).Options);

    /// <summary>SQLite's plan of a query, one line per step ("SEARCH s USING INTEGER PRIMARY KEY (rowid=?)").</summary>
    private static async Task<List<string>> PlanAsync<T>(AppDbContext db, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    [Fact]
    public async Task A_participants_session_is_found_by_its_key_and_their_pairs_not_by_reading_every_session()
    {
        if (app.PostgreSqlConnectionString is not null)
        {
            return;
        }

        var mine = await app.PairAsync();
        var theirs = await app.PairAsync(mine.Program, mentorName: "Olga Other", menteeName: "Theo Third");
        var mySession = await app.SessionAsync(mine, SessionStatus.Held, DateTime.UtcNow.AddDays(-3));
        var theirSession = await app.SessionAsync(theirs, SessionStatus.Held, DateTime.UtcNow.AddDays(-3));
        var me = mine.Mentee.User.Id;

        await using var db = Context(new SentStatements());
        var plan = await PlanAsync(db, db.Sessions.OfParticipant(db, me).Where(s => s.Id == mySession.Id));

        // Before: "SCAN s0 USING COVERING INDEX IX_Sessions_PairId_StartsAtUtc" twice, every session joined to its pair
        // and enrolment to find the person's.
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH s USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("IX_Enrolments_UserId", StringComparison.Ordinal));

        // And it still finds the person's session only.
        Assert.Equal(mySession.Id, (await db.Sessions.OfParticipant(db, me).SingleAsync(s => s.Id == mySession.Id)).Id);
        Assert.Null(await db.Sessions.OfParticipant(db, me).SingleOrDefaultAsync(s => s.Id == theirSession.Id));
    }

    [Fact]
    public async Task The_day_facts_of_a_program_without_groups_do_not_look_for_group_sessions()
    {
        if (app.PostgreSqlConnectionString is not null)
        {
            return;
        }

        var pair = await app.PairAsync();
        var day = DateTime.UtcNow.Date.AddDays(-2).AddHours(10);
        await app.SessionAsync(pair, SessionStatus.Held, day);
        var statements = new SentStatements();
        await using var db = Context(statements);

        var facts = await DayFactsBuilder.BuildAsync(db, [pair.Program.Id], DateOnly.FromDateTime(day), DateOnly.FromDateTime(day), CancellationToken.None);

        // Before: a query of the period's sessions with a group, which SQLite answered by reading every session (it cannot
        // tell how few have one), on every fold.
        Assert.DoesNotContain(statements.Sent, sql => sql.Contains("FROM \"Sessions\"", StringComparison.Ordinal) && sql.Contains("\"GroupId\" IS NOT NULL", StringComparison.Ordinal));
        var facts1 = Assert.Single(facts);
        Assert.Equal(1, Assert.Single(facts1.Pairs).Held);
        Assert.Empty(facts1.GroupSessions);
    }
}
