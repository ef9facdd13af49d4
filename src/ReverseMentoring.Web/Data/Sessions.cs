namespace ReverseMentoring.Web.Data;

/// <summary>
/// Scheduled: planned. Held: logged by one side as having taken place. Cancelled: called off by either side with a
/// reason. Missed: its time passed without a log (set by the reminders job; logging it later still makes it held).
/// </summary>
public enum SessionStatus
{
    Scheduled = 0,
    Held = 1,
    Cancelled = 2,
    Missed = 3,
}

/// <summary>On a session's agenda before it takes place, or covered according to its log.</summary>
public enum SessionTopicKind
{
    Agenda = 0,
    Covered = 1,
}

/// <summary>A meeting of a pair: when, how long, how and where, what about; then what happened.</summary>
public sealed class Session : IAudited
{
    public const int LocationMaxLength = 300;
    public const int ReasonMaxLength = 500;
    public const int NotesMaxLength = 4000;
    public const int FollowUpsMaxLength = 2000;
    public const int MinMinutes = 15;
    public const int MaxMinutes = 240;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public Pair? Pair { get; set; }
    public DateTime StartsAtUtc { get; set; }
    public int DurationMinutes { get; set; }

    /// <summary>Stored so clashes and reminders are simple range queries.</summary>
    public DateTime EndsAtUtc { get; set; }

    /// <summary>One of the program's formats.</summary>
    public SessionFormats Format { get; set; }

    /// <summary>A room or address in person, a meeting link when virtual.</summary>
    public string Location { get; set; } = "";

    public SessionStatus Status { get; set; }
    public string ScheduledByUserId { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? UpdatedAtUtc { get; set; }

    /// <summary>Calendar SEQUENCE: raised on every reschedule so calendars replace the earlier invitation.</summary>
    public int CalendarSequence { get; set; }

    public string? CancelReason { get; set; }
    public string? CancelledByUserId { get; set; }
    public DateTime? CancelledAtUtc { get; set; }

    // The log of a held session.
    public int? HeldMinutes { get; set; }

    /// <summary>Private to the pair unless <see cref="NotesSharedWithHr"/>.</summary>
    [AuditRedacted]
    public string? Notes { get; set; }

    public bool NotesSharedWithHr { get; set; }

    [AuditRedacted]
    public string? FollowUps { get; set; }

    public DateTime? LoggedAtUtc { get; set; }
    public string? LoggedByUserId { get; set; }
    public DateTime? MissedAtUtc { get; set; }

    public List<SessionTopic> Topics { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Sessions that hold a place in both people's calendars (and so can clash).</summary>
    public static IReadOnlyList<SessionStatus> BookedStatuses { get; } = [SessionStatus.Scheduled, SessionStatus.Held];
}

/// <summary>A program topic on a session's agenda or covered in it.</summary>
public sealed class SessionTopic
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int ProgramTopicId { get; set; }
    public ProgramTopic? ProgramTopic { get; set; }
    public SessionTopicKind Kind { get; set; }
}

/// <summary>One side's rating of a held session. Seen by its author and HR; leadership sees only aggregates.</summary>
public sealed class Feedback
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int CommentMaxLength = 2000;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public int SessionId { get; set; }
    public Session? Session { get; set; }
    public string ByUserId { get; set; } = "";
    public ParticipantRole Role { get; set; }
    public int Rating { get; set; }
    public string Comment { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

public enum CheckInQuestionKind
{
    /// <summary>Answered 1 (poor) to 5 (excellent).</summary>
    Rating = 0,
    YesNo = 1,
    Text = 2,
}

/// <summary>A question HR asks every participant of a program at each check-in milestone.</summary>
public sealed class CheckInQuestion : IAudited
{
    public const int TextMaxLength = 300;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public string Text { get; set; } = "";
    public CheckInQuestionKind Kind { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Retired questions are no longer asked; answers already given keep them.</summary>
    public DateTime? RetiredAtUtc { get; set; }
}

public enum CheckInKind
{
    /// <summary>HR's survey, sent at a milestone of the pair (by default day 30, then every 60 days).</summary>
    Milestone = 0,

    /// <summary>"Have you met yet?": sent to both sides of a pair with no held session 14 days after it was accepted.</summary>
    HaveYouMet = 1,
}

/// <summary>A check-in sent to one side of a pair; the unique key keeps every instance from sending it twice.</summary>
public sealed class CheckIn
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public Pair? Pair { get; set; }
    public int EnrolmentId { get; set; }
    public string UserId { get; set; } = "";
    public ParticipantRole Role { get; set; }
    public CheckInKind Kind { get; set; }

    /// <summary>Days after the pair was accepted: 30, 90, 150... for milestones; 14 for "have you met yet?".</summary>
    public int DayNumber { get; set; }

    public DateTime SentAtUtc { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>The answer to "have you met yet?".</summary>
    public bool? Met { get; set; }

    public List<CheckInAnswer> Answers { get; set; } = [];
}

public sealed class CheckInAnswer
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int CheckInId { get; set; }
    public int QuestionId { get; set; }
    public CheckInQuestion? Question { get; set; }
    public int? Rating { get; set; }
    public bool? YesNo { get; set; }
    public string? Text { get; set; }
}

public enum SkillRatingStage
{
    /// <summary>Self-rated when the pair starts.</summary>
    Start = 0,

    /// <summary>Self-rated when the pair ends.</summary>
    End = 1,
}

/// <summary>One side's self-rating of a skill in play in their pair, at its start or its end.</summary>
public sealed class SkillRating
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public int EnrolmentId { get; set; }
    public ParticipantRole Role { get; set; }
    public int SkillId { get; set; }
    public Skill? Skill { get; set; }
    public SkillRatingStage Stage { get; set; }

    /// <summary>1 (novice) to 5 (expert).</summary>
    public int Level { get; set; }

    public DateTime RatedAtUtc { get; set; }
}

/// <summary>How a pair ended.</summary>
public enum PairEnding
{
    Completed = 0,
    EndedEarly = 1,
}
