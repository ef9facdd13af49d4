using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Pairing.Engine;

public enum UnmatchedReason
{
    /// <summary>Every possible partner breaks a hard rule (reporting line, time zones, formats, ban, decline).</summary>
    NoOnePassesHardRules = 0,

    /// <summary>Someone passes the hard rules but every such pair scores below the program's minimum.</summary>
    BelowMinimumScore = 1,

    /// <summary>
    /// Good enough partners exist, but the best set of pairs gave them all to others: for a mentee, every mentor who
    /// fits is full; for a mentor, every mentee they could take went to a better-fitting mentor.
    /// </summary>
    CapacityFull = 2,
}

/// <summary>A proposed pair with its score out of the best possible under the program's weights.</summary>
public sealed record ProposedPair(int MentorId, int MenteeId, int Score, int Percent, bool Pinned, IReadOnlyList<string> Reasons)
{
    /// <summary>Where the mentor ranked this mentee (1-5), or null when they did not.</summary>
    public int? MentorRank { get; init; }

    /// <summary>Where the mentee ranked this mentor (1-5), or null when they did not.</summary>
    public int? MenteeRank { get; init; }

    /// <summary>Points added to the score for the ranks and for waiting; the objective sums score plus bonus.</summary>
    public int Bonus { get; init; }

    public string Explanation => string.Join("; ", Reasons);
}

/// <param name="Detail">When the reporting-line or department rule leaves nobody, which rule and how many it rules out.</param>
public sealed record UnmatchedPerson(int Id, ParticipantRole Role, UnmatchedReason Reason, string? Detail = null)
{
    /// <summary>Why, in words that are true for this side: a mentor left over has free capacity, it is their mentees who went elsewhere.</summary>
    public string Explanation => Reason switch
    {
        UnmatchedReason.NoOnePassesHardRules => "no one passes the hard rules",
        UnmatchedReason.BelowMinimumScore => "below the minimum score",
        _ when Role == ParticipantRole.Mentor => "every mentee they could take went to a better-fitting mentor",
        _ => "every mentor who fits is already full",
    } + (Detail is null ? "" : $": {Detail}");
}

/// <summary>A pairing run's proposal: the pairs, who is left and why, and the pins that could not be kept.</summary>
public sealed class PairingResult
{
    public required IReadOnlyList<ProposedPair> Pairs { get; init; }
    public required IReadOnlyList<UnmatchedPerson> Unmatched { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The best score one pair can reach under the program's weights (100%).</summary>
    public required int BestPairScore { get; init; }

    public long TotalScore => Pairs.Sum(p => (long)p.Score);

    /// <summary>What the solve maximised: the scores plus the rank and waiting bonuses.</summary>
    public long TotalWithBonus => Pairs.Sum(p => (long)p.Score + p.Bonus);

    /// <summary>
    /// Among the people who ranked anyone: how many got their first to fifth choice (index 0 to 4; a mentor with several
    /// mentees counts once, by the best) and how many got none of the partners they ranked (index 5).
    /// </summary>
    public IReadOnlyList<int> Choices { get; init; } = new int[PairingEngine.ChoiceBuckets];

    /// <summary>
    /// Pairs outside the result that pass the hard rules and whose two people both prefer each other (by rank, then by
    /// score) to what they got; pinned mentees and slots taken by pins or earlier pairs are not in play.
    /// </summary>
    public int BlockingPairs { get; init; }

    /// <summary>Whether the result was made stable (no blocking pair) rather than best by the objective.</summary>
    public bool Stable { get; init; }

    /// <summary>Distinct mentors and mentees in this round's pairs.</summary>
    public int PeopleMatched => Pairs.Select(p => p.MentorId).Distinct().Count() + Pairs.Select(p => p.MenteeId).Distinct().Count();
}
