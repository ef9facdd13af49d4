using System.Globalization;
using System.Numerics;

namespace ReverseMentoring.Web.Domain;

/// <summary>Why a pair needs HR's attention; a pair may carry several at once.</summary>
public enum PairFlagKind
{
    /// <summary>Not met for longer than the cadence plus a week, and nothing scheduled in the week ahead.</summary>
    Quiet = 0,

    /// <summary>Most of the last few sessions were missed or cancelled.</summary>
    MissingSessions = 1,

    /// <summary>The last few ratings, from either side, average below the bar.</summary>
    LowRating = 2,

    /// <summary>A "have you met yet?" check-in left unanswered for over a week.</summary>
    HaveYouMetUnanswered = 3,

    /// <summary>One of the pair told HR something is wrong, and HR has not resolved it yet.</summary>
    ConcernRaised = 4,
}

/// <summary>One flag of a pair, with the reason as HR reads it ("Quiet: last met 30 days ago ...").</summary>
public sealed record PairHealthFlag(PairFlagKind Kind, string Reason);

/// <summary>
/// Pair health: the one rule that says whether an active pair is at risk and why. Every page, CSV file, the dashboard
/// and the reminders job work it out from the same <see cref="PairHealthFacts"/> (read by
/// <see cref="PairHealthQueries.HealthFacts"/>), so the same pair shows the same flags and reasons everywhere.
/// Decision: docs/decisions/0006-pair-health.md.
/// </summary>
public sealed class PairHealth
{
    /// <summary>Quiet: days of grace after the program's cadence before a pair without a held session is flagged.</summary>
    public const int QuietGraceDays = 7;

    /// <summary>Quiet: a session scheduled this many days ahead (or fewer) keeps the pair from being flagged.</summary>
    public const int ScheduledAheadDays = 7;

    /// <summary>Missing sessions: how many of the pair's most recent past sessions are looked at.</summary>
    public const int RecentSessions = 3;

    /// <summary>Missing sessions: this many of them missed or cancelled flags the pair.</summary>
    public const int MissedOrCancelledAtLeast = 2;

    /// <summary>Low rating: how many of the pair's most recent ratings, from either side, are averaged.</summary>
    public const int RecentRatings = 3;

    /// <summary>Low rating: an average below this flags the pair.</summary>
    public const int LowRatingBelow = 3;

    /// <summary>"Have you met yet?": days a check-in may stay unanswered before the pair is flagged.</summary>
    public const int HaveYouMetUnansweredDays = 7;

    private PairHealth(int pairId, IReadOnlyList<PairHealthFlag> flags)
    {
        PairId = pairId;
        Flags = flags;
        foreach (var flag in flags)
        {
            _kinds |= 1 << (int)flag.Kind;
        }
    }

    // The kinds carried, one bit each: the dashboard asks each active pair several times per computation.
    private readonly int _kinds;

    public int PairId { get; }

    /// <summary>In the order of <see cref="PairFlagKind"/>; empty for a healthy pair.</summary>
    public IReadOnlyList<PairHealthFlag> Flags { get; }

    public bool AtRisk => Flags.Count > 0;

    public IEnumerable<string> Reasons => Flags.Select(f => f.Reason);

    public bool Has(PairFlagKind flag) => Carries(_kinds, flag);

    /// <summary>The flags of one pair, from its facts as at <see cref="PairHealthFacts.AsOfUtc"/>.</summary>
    public static PairHealth Of(PairHealthFacts facts) => Of(facts, facts?.AsOfUtc ?? default);

    /// <summary>
    /// The flags of one pair as at <paramref name="now"/>, from facts read at or before it with nothing between the two
    /// moving them (the dashboard's kept facts as at now), without a copy of the facts per pair and moment.
    /// </summary>
    public static PairHealth Of(PairHealthFacts facts, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var check = Check.Of(facts, now);

        // Most active pairs are healthy: they share the empty list, and a list is made only for a pair with a flag.
        if (check.Kinds == 0)
        {
            return new PairHealth(facts.PairId, []);
        }

        var flags = new List<PairHealthFlag>(BitOperations.PopCount((uint)check.Kinds));
        if (check.Carries(PairFlagKind.Quiet))
        {
            var since = facts.LastHeldUtc is null
                ? $"not met in the {DaysBetween(check.LastMet, now)} days since the pair was accepted"
                : $"last met {DaysBetween(check.LastMet, now)} days ago";
            flags.Add(new(PairFlagKind.Quiet,
                $"{Name(PairFlagKind.Quiet)}: {since} (the program's cadence is {facts.CadenceDays} days), and nothing is scheduled in the next {ScheduledAheadDays} days"));
        }

        if (check.Carries(PairFlagKind.MissingSessions))
        {
            flags.Add(new(PairFlagKind.MissingSessions,
                $"{Name(PairFlagKind.MissingSessions)}: {check.Missed} of the last {check.SessionsLooked} sessions missed or cancelled"));
        }

        if (check.Carries(PairFlagKind.LowRating))
        {
            var average = ((double)check.RatingSum / check.RatingsLooked).ToString("0.0", CultureInfo.InvariantCulture);
            flags.Add(new(PairFlagKind.LowRating,
                $"{Name(PairFlagKind.LowRating)}: the last {check.RatingsLooked} ratings average {average}, below {LowRatingBelow}"));
        }

        if (check.Carries(PairFlagKind.HaveYouMetUnanswered))
        {
            flags.Add(new(PairFlagKind.HaveYouMetUnanswered,
                $"{Name(PairFlagKind.HaveYouMetUnanswered)} for {DaysBetween(facts.OldestUnansweredHaveYouMetUtc!.Value, now)} days"));
        }

        // Says neither who raised it nor what it says: the pairs list, exports and the dashboard show this reason too.
        if (check.Carries(PairFlagKind.ConcernRaised))
        {
            flags.Add(new(PairFlagKind.ConcernRaised,
                $"{Name(PairFlagKind.ConcernRaised)}: open for {DaysBetween(facts.OldestOpenConcernUtc!.Value, now)} days"));
        }

        return new PairHealth(facts.PairId, flags);
    }

    /// <summary>
    /// The kinds of flag a pair carries as at <paramref name="now"/>, one bit each (<c>1 &lt;&lt; kind</c>), by the same
    /// rule as <see cref="Of(PairHealthFacts, DateTime)"/> but without its reasons: counting the flags of every active pair
    /// makes no object per pair.
    /// </summary>
    public static int KindsOf(PairHealthFacts facts, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Check.Of(facts, now).Kinds;
    }

    /// <summary>Whether <paramref name="kinds"/> (from <see cref="KindsOf"/>) holds <paramref name="flag"/>.</summary>
    public static bool Carries(int kinds, PairFlagKind flag) => (kinds & (1 << (int)flag)) != 0;

    // The rule itself, once: which kinds apply, and the numbers their reasons quote.
    private readonly record struct Check(int Kinds, DateTime LastMet, int SessionsLooked, int Missed, int RatingsLooked, int RatingSum)
    {
        public bool Carries(PairFlagKind flag) => PairHealth.Carries(Kinds, flag);

        public static Check Of(PairHealthFacts facts, DateTime now)
        {
            var kinds = 0;
            var lastMet = facts.LastHeldUtc ?? facts.AcceptedAtUtc;
            var scheduledSoon = facts.NextScheduledUtc is { } next && next <= now.AddDays(ScheduledAheadDays);
            if (lastMet < now.AddDays(-(facts.CadenceDays + QuietGraceDays)) && !scheduledSoon)
            {
                kinds |= 1 << (int)PairFlagKind.Quiet;
            }

            var (sessionsLooked, missed) = (Math.Min(RecentSessions, facts.RecentPastSessions.Count), 0);
            for (var i = 0; i < sessionsLooked; i++)
            {
                missed += facts.RecentPastSessions[i] is SessionStatus.Missed or SessionStatus.Cancelled ? 1 : 0;
            }

            if (missed >= MissedOrCancelledAtLeast)
            {
                kinds |= 1 << (int)PairFlagKind.MissingSessions;
            }

            var (ratingsLooked, ratingSum) = (Math.Min(RecentRatings, facts.RecentRatings.Count), 0);
            for (var i = 0; i < ratingsLooked; i++)
            {
                ratingSum += facts.RecentRatings[i];
            }

            if (ratingsLooked > 0 && (double)ratingSum / ratingsLooked < LowRatingBelow)
            {
                kinds |= 1 << (int)PairFlagKind.LowRating;
            }

            if (facts.OldestUnansweredHaveYouMetUtc is { } sent && sent < now.AddDays(-HaveYouMetUnansweredDays))
            {
                kinds |= 1 << (int)PairFlagKind.HaveYouMetUnanswered;
            }

            if (facts.OldestOpenConcernUtc is not null)
            {
                kinds |= 1 << (int)PairFlagKind.ConcernRaised;
            }

            return new Check(kinds, lastMet, sessionsLooked, missed, ratingsLooked, ratingSum);
        }
    }

    /// <summary>The flag's short name, as charts and badges show it.</summary>
    public static string Name(PairFlagKind flag) => flag switch
    {
        PairFlagKind.Quiet => "Quiet",
        PairFlagKind.MissingSessions => "Missing sessions",
        PairFlagKind.LowRating => "Low rating",
        PairFlagKind.HaveYouMetUnanswered => "\"Have you met yet?\" unanswered",
        PairFlagKind.ConcernRaised => "Concern raised",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, null),
    };

    /// <summary>What the flag means, for filters, table rows and footnotes.</summary>
    public static string Describe(PairFlagKind flag) => flag switch
    {
        PairFlagKind.Quiet => $"{Name(flag)}: no session held for longer than the cadence plus {QuietGraceDays} days, and none scheduled in the next {ScheduledAheadDays}",
        PairFlagKind.MissingSessions => $"{Name(flag)}: {MissedOrCancelledAtLeast} or more of the last {RecentSessions} sessions missed or cancelled",
        PairFlagKind.LowRating => $"{Name(flag)}: the last {RecentRatings} ratings average below {LowRatingBelow}",
        PairFlagKind.HaveYouMetUnanswered => $"{Name(flag)} for more than {HaveYouMetUnansweredDays} days",
        PairFlagKind.ConcernRaised => $"{Name(flag)}: one of the pair told HR something is wrong, not resolved yet",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, null),
    };

    /// <summary>Whole days from one instant to a later one, rounded down.</summary>
    private static int DaysBetween(DateTime from, DateTime to) => (int)Math.Floor((to - from).TotalDays);
}
