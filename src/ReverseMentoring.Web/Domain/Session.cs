namespace ReverseMentoring.Web.Domain;

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
