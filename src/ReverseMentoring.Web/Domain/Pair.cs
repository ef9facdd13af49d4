namespace ReverseMentoring.Web.Domain;

/// <summary>
/// Proposed: published, waiting for both sides. Accepted: both said yes (an active pair once the program runs).
/// Declined: one side said no; both are free for the next round and this pair is never proposed again.
/// Ended: finished, completed or early, with a reason; its history stays.
/// </summary>
public enum PairStatus
{
    Proposed = 0,
    Accepted = 1,
    Declined = 2,
    Ended = 3,
}

public enum PairResponse
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,
}

public enum PairingRuleKind
{
    /// <summary>HR wants this pair: it is in every run's result.</summary>
    Pin = 0,

    /// <summary>HR forbids this pair: it is never proposed.</summary>
    Ban = 1,
}

/// <summary>One run of the pairing engine for a program: a preview HR can inspect, adjust and publish.</summary>
public sealed class PairingRun
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedByUserId { get; set; }
    public MatchingObjective Objective { get; set; }
    public int PairCount { get; set; }
    public long TotalScore { get; set; }

    /// <summary>The engine's result as JSON: pairs with scores and reasons, the unmatched with reasons, warnings.</summary>
    public string Result { get; set; } = "";

    public DateTime? PublishedAtUtc { get; set; }
    public string? PublishedByUserId { get; set; }
}

/// <summary>A mentor and a mentee put together by a published run; in group mentoring a mentor has several.</summary>
public sealed class Pair : IAudited
{
    public const int ReasonsMaxLength = 1000;
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int? RunId { get; set; }
    public int MentorEnrolmentId { get; set; }
    public Enrolment? MentorEnrolment { get; set; }
    public int MenteeEnrolmentId { get; set; }
    public Enrolment? MenteeEnrolment { get; set; }
    public int Score { get; set; }
    public int ScorePercent { get; set; }

    /// <summary>Why the engine proposed it, as people read it: "teaches AI tools 4/5, wanted at 1/5; 3 h/week overlap".</summary>
    public string Reasons { get; set; } = "";

    public bool Pinned { get; set; }
    public PairStatus Status { get; set; }
    public PairResponse MentorResponse { get; set; }
    public PairResponse MenteeResponse { get; set; }
    public DateTime? MentorRespondedAtUtc { get; set; }
    public DateTime? MenteeRespondedAtUtc { get; set; }
    public string? DeclineReason { get; set; }
    public DateTime ProposedAtUtc { get; set; }

    /// <summary>Set when a side has not answered within the program's response time, so HR can follow up.</summary>
    public DateTime? NoResponseFlaggedAtUtc { get; set; }

    /// <summary>When the second side accepted: the pair's start, from which cadence and check-ins count.</summary>
    public DateTime? AcceptedAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }
    public PairEnding? Ending { get; set; }
    public string? EndedByUserId { get; set; }
    public string? EndReason { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>A live pair holds both people: they are not paired again, and the mentor's slot is taken.</summary>
    public static IReadOnlyList<PairStatus> LiveStatuses { get; } = [PairStatus.Proposed, PairStatus.Accepted];
}

/// <summary>HR's pin or ban of one mentor-mentee pair in a program; every later run honours it.</summary>
public sealed class PairingRule : IAudited
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int MentorEnrolmentId { get; set; }
    public int MenteeEnrolmentId { get; set; }
    public PairingRuleKind Kind { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedByUserId { get; set; }
}

/// <summary>How a pair ended.</summary>
public enum PairEnding
{
    Completed = 0,
    EndedEarly = 1,
}
