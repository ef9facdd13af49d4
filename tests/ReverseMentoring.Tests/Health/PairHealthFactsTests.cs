using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Health;

/// <summary>The one projection of a pair's health facts, read from a real database in one statement.</summary>
public sealed class PairHealthFactsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime Now = DateTime.UtcNow;

    private static DateTime DaysAgo(double days) => Now.AddDays(-days);

    [Fact]
    public async Task The_facts_of_each_active_pair_are_read_in_one_statement()
    {
        var program = await app.ProgramAsync(cadenceDays: 10);
        var pair = await app.PairAsync(program, acceptedAtUtc: DaysAgo(50));
        var oldest = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(20));
        await app.SessionAsync(pair, SessionStatus.Missed, DaysAgo(12));
        await app.SessionAsync(pair, SessionStatus.Cancelled, DaysAgo(9));
        var latest = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(6));
        await app.SessionAsync(pair, SessionStatus.Cancelled, DaysAgo(-1));
        await app.SessionAsync(pair, SessionStatus.Scheduled, DaysAgo(-9));
        await app.SessionAsync(pair, SessionStatus.Scheduled, DaysAgo(-3));

        // Written out of order: the newest rating by time has a lower id than an older one.
        await app.FeedbackAsync(pair, oldest, ParticipantRole.Mentor, 5, atUtc: DaysAgo(20));
        await app.FeedbackAsync(pair, latest, ParticipantRole.Mentor, 2, atUtc: DaysAgo(5));
        await app.FeedbackAsync(pair, oldest, ParticipantRole.Mentee, 1, atUtc: DaysAgo(19));
        await app.FeedbackAsync(pair, latest, ParticipantRole.Mentee, 4, atUtc: DaysAgo(6));

        await app.CheckInAsync(pair, ParticipantRole.Mentor, CheckInKind.HaveYouMet, 14, DaysAgo(36), DaysAgo(35));
        await app.CheckInAsync(pair, ParticipantRole.Mentee, CheckInKind.HaveYouMet, 14, DaysAgo(30));
        await app.CheckInAsync(pair, ParticipantRole.Mentee, CheckInKind.HaveYouMet, 28, DaysAgo(22));
        await app.CheckInAsync(pair, ParticipantRole.Mentee, CheckInKind.Milestone, 30, DaysAgo(40));

        // Neither a proposed nor an ended pair is active.
        await app.PairAsync(program, PairStatus.Proposed);
        await app.PairAsync(program, PairStatus.Ended);

        var statements = new SentStatements();
        await using var db = app.RecordingContext(statements);

        var facts = await db.Pairs.Where(p => p.ProgramId == program.Id).HealthFacts(db, Now).ToListAsync();

        Assert.Equal(1, statements.Count);
        var f = Assert.Single(facts);
        Assert.Equal((pair.Id, program.Id, 10), (f.PairId, f.ProgramId, f.CadenceDays));
        Assert.Equal(DaysAgo(50), f.AcceptedAtUtc, TimeSpan.FromSeconds(1));
        Assert.Equal(DaysAgo(6), f.LastHeldUtc!.Value, TimeSpan.FromSeconds(1));

        // The next scheduled session (cancelled ones are not), and the last three that started, newest first.
        Assert.Equal(DaysAgo(-3), f.NextScheduledUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal([SessionStatus.Held, SessionStatus.Cancelled, SessionStatus.Missed], f.RecentPastSessions);
        Assert.Equal(PairHealth.RecentSessions, f.RecentPastSessions.Count);

        // The last three ratings by when they were given, from either side.
        Assert.Equal([2, 4, 1], f.RecentRatings);
        Assert.Equal(PairHealth.RecentRatings, f.RecentRatings.Count);

        // The oldest "have you met yet?" still unanswered; the answered one and the milestone check-in do not count.
        Assert.Equal(DaysAgo(30), f.OldestUnansweredHaveYouMetUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(Now, f.AsOfUtc);

        // Missing sessions (2 of the last 3) and quiet? No: last met 6 days ago, with a session in 3 days. Low rating:
        // (2 + 4 + 1) / 3 = 2.33. Unanswered for 30 days.
        Assert.Equal(
            [PairFlagKind.MissingSessions, PairFlagKind.LowRating, PairFlagKind.HaveYouMetUnanswered],
            PairHealth.Of(f).Flags.Select(x => x.Kind));
    }

    [Fact]
    public async Task A_pair_with_no_sessions_ratings_or_check_ins_has_empty_facts()
    {
        var pair = await app.PairAsync(acceptedAtUtc: DaysAgo(3));

        var facts = await app.ExecuteDbContextAsync(db => db.Pairs.Where(p => p.Id == pair.Id).HealthFacts(db, Now).SingleAsync());

        Assert.Null(facts.LastHeldUtc);
        Assert.Null(facts.NextScheduledUtc);
        Assert.Empty(facts.RecentPastSessions);
        Assert.Empty(facts.RecentRatings);
        Assert.Null(facts.OldestUnansweredHaveYouMetUtc);
        Assert.False(PairHealth.Of(facts).AtRisk);
    }

    [Fact]
    public void The_projection_is_one_statement_on_sql_server_too()
    {
        using var db = new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=unused;Database=unused").Options);

        var sql = db.Pairs.HealthFacts(db, Now).ToQueryString();

        // Every fact is a correlated subquery of the one SELECT over the pairs: no window over all sessions or ratings.
        Assert.DoesNotContain("ROW_NUMBER", sql, StringComparison.Ordinal);
        Assert.Equal(1, sql.Split("FROM [Pairs]").Length - 1);
    }
}
