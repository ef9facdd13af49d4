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

/// <summary>
/// A meeting of a pair, or of a mentor's group (exactly one of the two): when, how long, how and where, what about; then what happened. Once created, it moves only
/// through <see cref="Reschedule"/>, <see cref="Cancel"/>, <see cref="Log"/> and <see cref="MarkMissed"/>, which refuse
/// an illegal move.
/// </summary>
public sealed class Session : IAudited, IVersionedOnSave
{
    public const int LocationMaxLength = 300;
    public const int ReasonMaxLength = 500;
    public const int NotesMaxLength = 4000;
    public const int FollowUpsMaxLength = 2000;
    public const int MinMinutes = 15;
    public const int MaxMinutes = 240;

    public const string NotChangeableMessage = "Only a scheduled session that has not started yet can be changed.";
    public const string NotCancellableMessage = "Only a scheduled session that has not started yet can be cancelled.";
    public const string CancelledLogMessage = "This session was cancelled, so it cannot be logged. Schedule a new one instead.";
    public const string AttendeeOutsideGroupMessage = "Tick only the group's own members.";
    public const string NotYetLogMessage = "This session has not started yet. Log it once it has taken place.";

    /// <summary>A scheduled session nobody logged this long after its end counts as missed.</summary>
    public static readonly TimeSpan MissedAfter = TimeSpan.FromHours(48);

    private DateTime _startsAtUtc;
    private int _durationMinutes;
    private DateTime _endsAtUtc;
    private SessionFormats _format;
    private string _location = "";
    private SessionStatus _status;
    private int _calendarSequence;
    private string? _cancelReason;
    private string? _cancelledByUserId;
    private DateTime? _cancelledAtUtc;
    private int? _heldMinutes;
    private string? _notes;
    private bool _notesSharedWithHr;
    private string? _followUps;
    private DateTime? _loggedAtUtc;
    private string? _loggedByUserId;
    private DateTime? _missedAtUtc;

    public int Id { get; set; }
    public int ProgramId { get; set; }

    /// <summary>The pair that meets; null for a group session, which has <see cref="GroupId"/> instead (never both).</summary>
    public int? PairId { get; set; }

    public Pair? Pair { get; set; }

    /// <summary>The group that meets, for a group session: one session for the mentor and every member.</summary>
    public int? GroupId { get; set; }

    public MentoringGroup? Group { get; set; }
    public DateTime StartsAtUtc { get => _startsAtUtc; init => _startsAtUtc = value; }
    public int DurationMinutes { get => _durationMinutes; init => _durationMinutes = value; }

    /// <summary>Stored so clashes and reminders are simple range queries.</summary>
    public DateTime EndsAtUtc { get => _endsAtUtc; init => _endsAtUtc = value; }

    /// <summary>One of the program's formats.</summary>
    public SessionFormats Format { get => _format; init => _format = value; }

    /// <summary>A room or address in person, a meeting link when virtual.</summary>
    public string Location { get => _location; init => _location = value; }

    public SessionStatus Status { get => _status; init => _status = value; }
    public string ScheduledByUserId { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? UpdatedAtUtc { get; set; }

    /// <summary>Calendar SEQUENCE: raised on every reschedule so calendars replace the earlier invitation.</summary>
    public int CalendarSequence { get => _calendarSequence; init => _calendarSequence = value; }

    public string? CancelReason { get => _cancelReason; init => _cancelReason = value; }
    public string? CancelledByUserId { get => _cancelledByUserId; init => _cancelledByUserId = value; }
    public DateTime? CancelledAtUtc { get => _cancelledAtUtc; init => _cancelledAtUtc = value; }

    // The log of a held session.
    public int? HeldMinutes { get => _heldMinutes; init => _heldMinutes = value; }

    /// <summary>Private to the pair unless <see cref="NotesSharedWithHr"/>.</summary>
    [AuditRedacted]
    public string? Notes { get => _notes; init => _notes = value; }

    public bool NotesSharedWithHr { get => _notesSharedWithHr; init => _notesSharedWithHr = value; }

    [AuditRedacted]
    public string? FollowUps { get => _followUps; init => _followUps = value; }

    public DateTime? LoggedAtUtc { get => _loggedAtUtc; init => _loggedAtUtc = value; }
    public string? LoggedByUserId { get => _loggedByUserId; init => _loggedByUserId = value; }
    public DateTime? MissedAtUtc { get => _missedAtUtc; init => _missedAtUtc = value; }

    public List<SessionTopic> Topics { get; set; } = [];

    /// <summary>For a held group session: which members' mentees came (one row per member, recorded by the mentor).</summary>
    public List<SessionAttendance> Attendance { get; set; } = [];

    public bool IsGroupSession => GroupId is not null;

    /// <summary>Every time the session was moved to another time, and by whom.</summary>
    public List<SessionMove> Moves { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Sessions that hold a place in both people's calendars (and so can clash).</summary>
    public static IReadOnlyList<SessionStatus> BookedStatuses { get; } = [SessionStatus.Scheduled, SessionStatus.Held];

    /// <summary>Planned and not started: it can still be moved or cancelled (queries use <see cref="SessionQueries.Upcoming"/>).</summary>
    public bool CanChange(DateTime now) => Status == SessionStatus.Scheduled && StartsAtUtc > now;

    /// <summary>
    /// Why a session cannot be logged at <paramref name="now"/>, or null when it can: once it has started, either side
    /// logs it, and a held one's log can be corrected; a missed one logged late becomes held.
    /// </summary>
    public static string? LogRefusal(SessionStatus status, DateTime startsAtUtc, DateTime now) =>
        status == SessionStatus.Cancelled ? CancelledLogMessage
        : startsAtUtc > now ? NotYetLogMessage
        : null;

    /// <summary>Moves or changes a planned session; the calendar sequence goes up so calendars replace the invitation.</summary>
    public void Reschedule(string byUserId, DateTime startsAtUtc, int durationMinutes, SessionFormats format, string location, IReadOnlyCollection<int> agendaTopicIds, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(agendaTopicIds);
        if (!CanChange(now))
        {
            throw new DomainRuleException(NotChangeableMessage);
        }

        if (startsAtUtc <= now)
        {
            throw new DomainRuleException("A session can only be moved to a time in the future.");
        }

        // A move is kept apart from other changes: HR talks to a person who keeps moving sessions.
        if (startsAtUtc != _startsAtUtc)
        {
            Moves.Add(new SessionMove { ByUserId = byUserId, AtUtc = now, FromUtc = _startsAtUtc, ToUtc = startsAtUtc });
        }

        _startsAtUtc = startsAtUtc;
        _durationMinutes = durationMinutes;
        _endsAtUtc = startsAtUtc.AddMinutes(durationMinutes);
        _format = format;
        _location = location.Trim();
        _calendarSequence++;
        UpdatedAtUtc = now;
        SetTopics(SessionTopicKind.Agenda, agendaTopicIds);
    }

    /// <summary>Calls off a planned session with a reason the other side reads; it stays in both histories.</summary>
    public void Cancel(string byUserId, string reason, DateTime now)
    {
        if (!CanChange(now))
        {
            throw new DomainRuleException(NotCancellableMessage);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Say why you cancel; the other side reads it.");
        }

        _status = SessionStatus.Cancelled;
        _cancelReason = reason.Trim();
        _cancelledByUserId = byUserId;
        _cancelledAtUtc = now;
        UpdatedAtUtc = now;

        // A cancellation must carry a higher sequence than the invitation it withdraws.
        _calendarSequence++;
    }

    /// <summary>Records that the session took place (or corrects its log): minutes, topics covered, notes and follow-ups.</summary>
    public void Log(string byUserId, int heldMinutes, IReadOnlyCollection<int> coveredTopicIds, string? notes, bool notesSharedWithHr, string? followUps, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(coveredTopicIds);
        if (LogRefusal(Status, StartsAtUtc, now) is { } refusal)
        {
            throw new DomainRuleException(refusal);
        }

        _status = SessionStatus.Held;
        _heldMinutes = heldMinutes;
        _notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        _notesSharedWithHr = notesSharedWithHr;
        _followUps = string.IsNullOrWhiteSpace(followUps) ? null : followUps.Trim();
        UpdatedAtUtc = now;

        // The first log's time stays: feedback reminders count from it, and a correction should not restart them.
        _loggedAtUtc ??= now;
        _loggedByUserId ??= byUserId;
        SetTopics(SessionTopicKind.Covered, coveredTopicIds);
    }

    /// <summary>
    /// Records, for a held group session, which of the group's members came: one row per member, replaced on a
    /// correction. Refuses a pair outside the group.
    /// </summary>
    public void RecordAttendance(IReadOnlyCollection<MentoringGroupMember> members, IReadOnlyCollection<int> attendedPairIds)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(attendedPairIds);
        if (GroupId is null || members.Any(m => m.GroupId != GroupId))
        {
            throw new DomainRuleException("Attendance is recorded for group sessions only.");
        }

        if (Status != SessionStatus.Held)
        {
            throw new DomainRuleException("Log the session before recording who came.");
        }

        if (attendedPairIds.Any(id => members.All(m => m.PairId != id)))
        {
            throw new DomainRuleException(AttendeeOutsideGroupMessage);
        }

        foreach (var member in members)
        {
            var row = Attendance.FirstOrDefault(a => a.PairId == member.PairId);
            if (row is null)
            {
                row = new SessionAttendance { PairId = member.PairId, MenteeEnrolmentId = member.MenteeEnrolmentId };
                Attendance.Add(row);
            }

            row.Attended = attendedPairIds.Contains(member.PairId);
        }
    }

    /// <summary>A scheduled session nobody logged within <see cref="MissedAfter"/> of its end counts as missed.</summary>
    public void MarkMissed(DateTime now)
    {
        if (Status != SessionStatus.Scheduled || LoggedAtUtc is not null)
        {
            throw new DomainRuleException("Only a scheduled session that nobody logged can be marked missed.");
        }

        if (EndsAtUtc >= now - MissedAfter)
        {
            throw new DomainRuleException("A session counts as missed only two days after its end.");
        }

        _status = SessionStatus.Missed;
        _missedAtUtc = now;
        UpdatedAtUtc = now;
    }

    /// <summary>
    /// Erasure: the pair's notes and follow-ups go, and so does the place or meeting link either side typed (a phone
    /// number, a desk, an address); that the session was held, and how long, stay.
    /// </summary>
    public void EraseNotesAndPlace()
    {
        _notes = null;
        _followUps = null;
        _location = "";
    }

    /// <summary>Erasure: the words of a person's cancellation go; that it was cancelled stays.</summary>
    public void EraseCancelReason() => _cancelReason = null;

    private void SetTopics(SessionTopicKind kind, IReadOnlyCollection<int> topicIds)
    {
        Topics.RemoveAll(t => t.Kind == kind && !topicIds.Contains(t.ProgramTopicId));
        foreach (var id in topicIds.Distinct().Where(id => !Topics.Any(t => t.Kind == kind && t.ProgramTopicId == id)))
        {
            Topics.Add(new SessionTopic { ProgramTopicId = id, Kind = kind });
        }
    }
}

/// <summary>A planned session moved to another time: who moved it, when, from and to.</summary>
public sealed class SessionMove
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public string ByUserId { get; set; } = "";
    public DateTime AtUtc { get; set; }
    public DateTime FromUtc { get; set; }
    public DateTime ToUtc { get; set; }
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
