namespace ReverseMentoring.Web.Domain;

public enum GoalStatus
{
    NotStarted = 0,
    InProgress = 1,
    Achieved = 2,
    Dropped = 3,
}

/// <summary>
/// One side's goal in a pair, in its own words: both sides see both sides' goals, only the owner changes theirs. The
/// junior's goals (coaching, communication, presence) count as much as the senior's skills.
/// </summary>
public sealed class PairGoal : IAudited
{
    public const int TitleMaxLength = 200;
    public const int NotesMaxLength = 2000;
    public const string NotYoursMessage = "Only the person whose goal this is can change it.";

    public int Id { get; set; }
    public int PairId { get; private set; }
    public int ProgramId { get; private set; }
    public string OwnerUserId { get; private set; } = "";
    public ParticipantRole OwnerSide { get; private set; }

    // Goals are the pair's own words: the audit log records that they changed, not what they say.
    [AuditRedacted]
    public string Title { get; private set; } = "";

    /// <summary>One of the program's recommended topics the goal is about, when it is about one.</summary>
    public int? ProgramTopicId { get; private set; }

    public GoalStatus Status { get; private set; }

    [AuditRedacted]
    public string Notes { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public Guid Version { get; private set; } = Guid.NewGuid();

    public static PairGoal Set(Pair pair, string ownerUserId, ParticipantRole side, string title, int? programTopicId, string? notes, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (!pair.IsActive)
        {
            throw new DomainRuleException("Goals are set in a confirmed pair that has not ended.");
        }

        var goal = new PairGoal
        {
            PairId = pair.Id,
            ProgramId = pair.ProgramId,
            OwnerUserId = ownerUserId,
            OwnerSide = side,
            CreatedAtUtc = now,
        };
        goal.Apply(title, programTopicId, GoalStatus.NotStarted, notes, now);
        return goal;
    }

    /// <summary>The owner rewrites the goal or moves its status.</summary>
    public void Change(string byUserId, string title, int? programTopicId, GoalStatus status, string? notes, DateTime now)
    {
        RequireOwner(byUserId);
        Apply(title, programTopicId, status, notes, now);
    }

    /// <summary>The owner moves the goal's status (from a session's log).</summary>
    public void MoveTo(string byUserId, GoalStatus status, DateTime now)
    {
        RequireOwner(byUserId);
        RequireStatus(status);
        if (status != Status)
        {
            Status = status;
            UpdatedAtUtc = now;
            Version = Guid.NewGuid();
        }
    }

    /// <summary>Records that a held session of this goal's pair moved it forward.</summary>
    public GoalProgress ProgressIn(Session session, string byUserId, string? note, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.PairId != PairId)
        {
            throw new DomainRuleException("A goal moves forward only in its own pair's sessions.");
        }

        var text = (note ?? "").Trim();
        if (text.Length > GoalProgress.NoteMaxLength)
        {
            throw new DomainRuleException($"A note on progress has at most {GoalProgress.NoteMaxLength} characters.");
        }

        return new GoalProgress { GoalId = Id, SessionId = session.Id, ByUserId = byUserId, Note = text, RecordedAtUtc = now };
    }

    private void RequireOwner(string byUserId)
    {
        if (byUserId != OwnerUserId)
        {
            throw new DomainRuleException(NotYoursMessage);
        }
    }

    private static void RequireStatus(GoalStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainRuleException("Choose one of the statuses.");
        }
    }

    private void Apply(string title, int? programTopicId, GoalStatus status, string? notes, DateTime now)
    {
        var cleanTitle = (title ?? "").Trim();
        var cleanNotes = (notes ?? "").Trim();
        if (cleanTitle.Length == 0 || cleanTitle.Length > TitleMaxLength)
        {
            throw new DomainRuleException($"A goal's title has 1 to {TitleMaxLength} characters.");
        }

        if (cleanNotes.Length > NotesMaxLength)
        {
            throw new DomainRuleException($"A goal's notes have at most {NotesMaxLength:N0} characters.");
        }

        RequireStatus(status);
        Title = cleanTitle;
        ProgramTopicId = programTopicId;
        Status = status;
        Notes = cleanNotes;
        UpdatedAtUtc = now;
        Version = Guid.NewGuid();
    }
}

/// <summary>A goal moved forward in one session, with a word on how.</summary>
public sealed class GoalProgress : IAudited
{
    public const int NoteMaxLength = 500;

    public int Id { get; set; }
    public int GoalId { get; set; }
    public int SessionId { get; set; }
    public string ByUserId { get; set; } = "";

    [AuditRedacted]
    public string Note { get; set; } = "";

    public DateTime RecordedAtUtc { get; set; }
}
