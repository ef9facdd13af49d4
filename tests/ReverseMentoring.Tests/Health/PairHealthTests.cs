namespace ReverseMentoring.Tests.Health;

/// <summary>
/// The pair health rule on hand-built facts: for each flag a pair just inside the threshold (not flagged) and one just
/// outside it (flagged, with its reason).
/// </summary>
public sealed class PairHealthTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A pair meeting every two weeks, last met 3 days ago, next session in 5 days, rating well, check-ins answered.</summary>
    private static readonly PairHealthFacts Healthy = new()
    {
        PairId = 7,
        ProgramId = 1,
        CadenceDays = 14,
        AcceptedAtUtc = Now.AddDays(-90),
        LastHeldUtc = Now.AddDays(-3),
        NextScheduledUtc = Now.AddDays(5),
        RecentPastSessions = [SessionStatus.Held, SessionStatus.Held, SessionStatus.Held],
        RecentRatings = [4, 5, 4],
        OldestUnansweredHaveYouMetUtc = null,
        AsOfUtc = Now,
    };

    private static IReadOnlyList<PairHealthFlag> FlagsOf(PairHealthFacts facts) => PairHealth.Of(facts).Flags;

    [Fact]
    public void A_pair_meeting_keeping_and_enjoying_its_sessions_has_no_flag()
    {
        var health = PairHealth.Of(Healthy);

        Assert.Equal(7, health.PairId);
        Assert.Empty(health.Flags);
        Assert.False(health.AtRisk);
    }

    [Fact]
    public void Quiet_when_the_last_held_session_is_older_than_the_cadence_plus_7_days_and_nothing_is_scheduled_in_the_next_7()
    {
        // Cadence 14 + 7 = 21 days. Exactly 21 days is not older than that; a minute more is.
        var inside = Healthy with { LastHeldUtc = Now.AddDays(-21), NextScheduledUtc = null };
        var outside = Healthy with { LastHeldUtc = Now.AddDays(-21).AddMinutes(-1), NextScheduledUtc = null };

        Assert.Empty(FlagsOf(inside));
        var flag = Assert.Single(FlagsOf(outside));
        Assert.Equal(PairFlagKind.Quiet, flag.Kind);
        Assert.Equal("Quiet: last met 21 days ago (the program's cadence is 14 days), and nothing is scheduled in the next 7 days", flag.Reason);

        // A session exactly 7 days ahead keeps the pair from being quiet; one a minute later does not.
        Assert.Empty(FlagsOf(outside with { NextScheduledUtc = Now.AddDays(7) }));
        Assert.Equal(PairFlagKind.Quiet, Assert.Single(FlagsOf(outside with { NextScheduledUtc = Now.AddDays(7).AddMinutes(1) })).Kind);

        // Never met: counted from the acceptance, with its own wording.
        var neverMet = Healthy with { LastHeldUtc = null, NextScheduledUtc = null, RecentPastSessions = [], RecentRatings = [] };
        Assert.Empty(FlagsOf(neverMet with { AcceptedAtUtc = Now.AddDays(-21) }));
        Assert.Equal(
            "Quiet: not met in the 30 days since the pair was accepted (the program's cadence is 14 days), and nothing is scheduled in the next 7 days",
            Assert.Single(FlagsOf(neverMet with { AcceptedAtUtc = Now.AddDays(-30) })).Reason);

        // The cadence is the program's: 7 + 7 = 14 days for a weekly program.
        Assert.Equal(PairFlagKind.Quiet, Assert.Single(FlagsOf(inside with { CadenceDays = 7 })).Kind);
    }

    [Fact]
    public void Missing_sessions_when_2_of_the_last_3_past_sessions_were_missed_or_cancelled()
    {
        var inside = Healthy with { RecentPastSessions = [SessionStatus.Held, SessionStatus.Missed, SessionStatus.Held] };
        var outside = Healthy with { RecentPastSessions = [SessionStatus.Cancelled, SessionStatus.Held, SessionStatus.Missed] };

        Assert.Empty(FlagsOf(inside));
        var flag = Assert.Single(FlagsOf(outside));
        Assert.Equal(PairFlagKind.MissingSessions, flag.Kind);
        Assert.Equal("Missing sessions: 2 of the last 3 sessions missed or cancelled", flag.Reason);

        // A pair with only two sessions so far, both missed, is flagged too; a fourth, older one is never looked at.
        Assert.Equal(
            "Missing sessions: 2 of the last 2 sessions missed or cancelled",
            Assert.Single(FlagsOf(Healthy with { RecentPastSessions = [SessionStatus.Missed, SessionStatus.Missed] })).Reason);
        Assert.Empty(FlagsOf(Healthy with { RecentPastSessions = [SessionStatus.Held, SessionStatus.Held, SessionStatus.Missed, SessionStatus.Missed] }));
    }

    [Fact]
    public void Low_rating_when_the_last_3_ratings_average_below_3()
    {
        // 3, 3, 3 average 3: not below. 3, 3, 2 average 2.67: below.
        var inside = Healthy with { RecentRatings = [3, 3, 3] };
        var outside = Healthy with { RecentRatings = [3, 3, 2] };

        Assert.Empty(FlagsOf(inside));
        var flag = Assert.Single(FlagsOf(outside));
        Assert.Equal(PairFlagKind.LowRating, flag.Kind);
        Assert.Equal("Low rating: the last 3 ratings average 2.7, below 3", flag.Reason);

        // Only the last three count: an older 1 does not pull 3, 3, 3 down. No ratings yet is no flag.
        Assert.Empty(FlagsOf(Healthy with { RecentRatings = [3, 3, 3, 1] }));
        Assert.Empty(FlagsOf(Healthy with { RecentRatings = [] }));
    }

    [Fact]
    public void Have_you_met_yet_unanswered_for_more_than_7_days()
    {
        var inside = Healthy with { OldestUnansweredHaveYouMetUtc = Now.AddDays(-7) };
        var outside = Healthy with { OldestUnansweredHaveYouMetUtc = Now.AddDays(-7).AddMinutes(-1) };

        Assert.Empty(FlagsOf(inside));
        var flag = Assert.Single(FlagsOf(outside));
        Assert.Equal(PairFlagKind.HaveYouMetUnanswered, flag.Kind);
        Assert.Equal("\"Have you met yet?\" unanswered for 7 days", flag.Reason);
    }

    [Fact]
    public void A_pair_carries_every_flag_that_applies_in_a_fixed_order()
    {
        var troubled = Healthy with
        {
            LastHeldUtc = Now.AddDays(-40),
            NextScheduledUtc = null,
            RecentPastSessions = [SessionStatus.Missed, SessionStatus.Cancelled, SessionStatus.Held],
            RecentRatings = [1, 2],
            OldestUnansweredHaveYouMetUtc = Now.AddDays(-12),
            OldestOpenConcernUtc = Now.AddDays(-2),
        };

        var health = PairHealth.Of(troubled);

        Assert.True(health.AtRisk);
        Assert.Equal(
            [PairFlagKind.Quiet, PairFlagKind.MissingSessions, PairFlagKind.LowRating, PairFlagKind.HaveYouMetUnanswered, PairFlagKind.ConcernRaised],
            health.Flags.Select(f => f.Kind));
        Assert.Equal("Concern raised: open for 2 days", health.Reasons.ElementAt(4));
        Assert.All(Enum.GetValues<PairFlagKind>(), kind => Assert.True(health.Has(kind)));
        Assert.Equal("Low rating: the last 2 ratings average 1.5, below 3", health.Reasons.ElementAt(2));
    }
    [Fact]
    public void The_kinds_counted_without_reasons_are_the_kinds_of_the_flags_with_reasons_for_any_facts()
    {
        // Seeded, so a failure names facts that can be built again: every field moved across each threshold and past it.
        var random = new Random(20261201);
        SessionStatus[] statuses = [SessionStatus.Held, SessionStatus.Missed, SessionStatus.Cancelled, SessionStatus.Scheduled];
        DateTime? Sometimes(Func<DateTime> when) => random.Next(3) == 0 ? null : when();
        var flagged = new HashSet<PairFlagKind>();
        for (var i = 0; i < 2000; i++)
        {
            var facts = Healthy with
            {
                CadenceDays = random.Next(1, 31),
                AcceptedAtUtc = Now.AddDays(-random.Next(0, 120)),
                LastHeldUtc = Sometimes(() => Now.AddDays(-random.Next(0, 60)).AddMinutes(-random.Next(0, 2))),
                NextScheduledUtc = Sometimes(() => Now.AddDays(random.Next(0, 14)).AddMinutes(random.Next(0, 2))),
                RecentPastSessions = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => statuses[random.Next(statuses.Length)])],
                RecentRatings = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(1, 6))],
                OldestUnansweredHaveYouMetUtc = Sometimes(() => Now.AddDays(-random.Next(0, 14))),
                OldestOpenConcernUtc = random.Next(4) == 0 ? Now.AddDays(-random.Next(0, 30)) : null,
            };
            var at = Now.AddHours(random.Next(0, 48));

            var health = PairHealth.Of(facts, at);
            var kinds = PairHealth.KindsOf(facts, at);
            foreach (var kind in Enum.GetValues<PairFlagKind>())
            {
                Assert.Equal(health.Has(kind), PairHealth.Carries(kinds, kind));
                Assert.Equal(health.Flags.Any(f => f.Kind == kind), PairHealth.Carries(kinds, kind));
            }

            Assert.Equal(health.AtRisk, kinds != 0);
            flagged.UnionWith(health.Flags.Select(f => f.Kind));
        }

        // The facts reached every kind, so the comparison covered each rule.
        Assert.Equal(Enum.GetValues<PairFlagKind>().Order(), flagged.Order());
    }
}
