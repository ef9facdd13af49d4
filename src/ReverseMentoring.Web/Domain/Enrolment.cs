namespace ReverseMentoring.Web.Domain;

public enum ParticipantRole
{
    /// <summary>A junior colleague who teaches.</summary>
    Mentor = 0,

    /// <summary>A senior leader who learns.</summary>
    Mentee = 1,
}

public enum EnrolmentStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}

public enum SkillDirection
{
    /// <summary>The participant can teach this skill (a mentor's offer).</summary>
    Teach = 0,

    /// <summary>The participant wants to learn this skill (a mentee's wish).</summary>
    Learn = 1,
}

/// <summary>
/// One person's enrolment in one program, as mentor or mentee, with the profile the pairing uses. Its status moves only
/// through <see cref="Approve"/>, <see cref="Reject"/>, <see cref="Withdraw"/> and <see cref="Reenrol"/>, each recorded
/// in its history.
/// </summary>
public sealed class Enrolment : IAudited, IVersionedOnSave
{
    public const int TextMaxLength = 100;
    public const int InterestsMaxLength = 1000;
    public const int GoalsMaxLength = 2000;
    public const int ReasonMaxLength = 500;

    private EnrolmentStatus _status;
    private DateTime? _consentedAtUtc;
    private string? _decisionReason;
    private string? _decidedByUserId;
    private DateTime? _decidedAtUtc;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public MentoringProgram? Program { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public ParticipantRole Role { get; set; }
    public EnrolmentStatus Status { get => _status; init => _status = value; }
    public string Department { get; set; } = "";
    public string JobLevel { get; set; } = "";

    /// <summary>The e-mail of the person's manager: the pairing never pairs anyone within one reporting line.</summary>
    public string? ManagerEmail { get; set; }

    public string Location { get; set; } = "";
    public string TimeZoneId { get; set; } = "UTC";
    public SessionFormats Formats { get; set; }
    public string Interests { get; set; } = "";
    public string Goals { get; set; } = "";
    public DateTime? ConsentedAtUtc { get => _consentedAtUtc; init => _consentedAtUtc = value; }
    public string? DecisionReason { get => _decisionReason; init => _decisionReason = value; }
    public string? DecidedByUserId { get => _decidedByUserId; init => _decidedByUserId = value; }
    public DateTime? DecidedAtUtc { get => _decidedAtUtc; init => _decidedAtUtc = value; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? UpdatedAtUtc { get; set; }
    public List<EnrolmentSkill> Skills { get; set; } = [];
    public List<AvailabilitySlot> Availability { get; set; } = [];
    public List<EnrolmentHistory> History { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Self-service: how many mentees this mentor takes, within the program's capacity; null takes the program's.</summary>
    public int? OwnCapacity { get; private set; }

    /// <summary>Self-service: a paused mentor is not shown to mentees and takes no requests.</summary>
    public DateTime? PausedAtUtc { get; private set; }

    public bool IsPaused => PausedAtUtc is not null;

    /// <summary>How many mentees this mentor may have in the program.</summary>
    public int CapacityIn(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Math.Max(1, Math.Min(OwnCapacity ?? program.MentorCapacity, program.MentorCapacity));
    }

    /// <summary>A mentor pauses or resumes taking requests, and sets how many mentees they take (null: the program's).</summary>
    public void SetRequestsTaken(bool paused, int? ownCapacity, MentoringProgram program, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (Role != ParticipantRole.Mentor || Status != EnrolmentStatus.Approved)
        {
            throw new DomainRuleException("Only an approved mentor of the program takes requests.");
        }

        if (ownCapacity is { } capacity && (capacity < 1 || capacity > program.MentorCapacity))
        {
            throw new DomainRuleException($"Take between 1 and {program.MentorCapacity} mentees; the program allows {program.MentorCapacity}.");
        }

        OwnCapacity = ownCapacity;
        PausedAtUtc = paused ? PausedAtUtc ?? now : null;
        UpdatedAtUtc = now;
    }

    /// <summary>Still in the program: approved, or waiting for HR's decision.</summary>
    public static IReadOnlyList<EnrolmentStatus> InProgramStatuses { get; } = [EnrolmentStatus.Pending, EnrolmentStatus.Approved];

    public static bool CanBeApproved(EnrolmentStatus status) => status is EnrolmentStatus.Pending or EnrolmentStatus.Rejected;

    public static bool CanBeRejected(EnrolmentStatus status) => status is EnrolmentStatus.Pending or EnrolmentStatus.Approved;

    /// <summary>HR accepts the person into the program (again, after a rejection); <paramref name="detail"/> is the history's note.</summary>
    public void Approve(string byUserId, DateTime now, string detail = "Approved.")
    {
        if (!CanBeApproved(Status))
        {
            throw new DomainRuleException($"Only pending or rejected enrolments can be approved; this one is {StatusName}.");
        }

        Decide(EnrolmentStatus.Approved, byUserId, null, now);
        Record(now, byUserId, "Approved", detail);
    }

    /// <summary>HR turns the enrolment down, saying why; the participant sees the reason.</summary>
    public void Reject(string byUserId, string reason, DateTime now)
    {
        if (!CanBeRejected(Status))
        {
            throw new DomainRuleException($"Only pending or approved enrolments can be rejected; this one is {StatusName}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Give a reason for turning this enrolment down; the participant will see it.");
        }

        Decide(EnrolmentStatus.Rejected, byUserId, reason.Trim(), now);
        Record(now, byUserId, "Rejected", reason.Trim());
    }

    /// <summary>The participant leaves the program; the enrolment and its history stay.</summary>
    public void Withdraw(string byUserId, string? reason, DateTime now)
    {
        if (Status == EnrolmentStatus.Withdrawn)
        {
            throw new DomainRuleException("You have already withdrawn from this program.");
        }

        _status = EnrolmentStatus.Withdrawn;
        UpdatedAtUtc = now;
        Record(now, byUserId, "Withdrawn", string.IsNullOrWhiteSpace(reason) ? "No reason given." : reason.Trim());
    }

    /// <summary>
    /// A withdrawn participant enrols again, agreeing to the terms anew: the enrolment waits for HR's review, and an
    /// earlier rejection stays on record until HR decides again.
    /// </summary>
    public void Reenrol(string byUserId, DateTime now, string detail)
    {
        if (Status != EnrolmentStatus.Withdrawn)
        {
            throw new DomainRuleException("Only someone who withdrew can enrol again.");
        }

        // HR's last decision stays: a rejection (its reason) keeps the program closed to this person until HR approves
        // again, however often they withdraw and enrol.
        _status = EnrolmentStatus.Pending;
        _consentedAtUtc = now;
        UpdatedAtUtc = now;
        Record(now, byUserId, "Re-enrolled",
            detail + (DecisionReason is null ? "" : " HR had turned the enrolment down; it waits for HR to approve it."));
    }

    /// <summary>Erasure: HR's words about the person go; the decision itself stays.</summary>
    public void EraseDecisionReason() => _decisionReason = null;

    private string StatusName => Status.ToString().ToLowerInvariant();

    private void Decide(EnrolmentStatus status, string byUserId, string? reason, DateTime now)
    {
        _status = status;
        _decisionReason = reason;
        _decidedByUserId = byUserId;
        _decidedAtUtc = now;
        UpdatedAtUtc = now;
    }

    private void Record(DateTime now, string byUserId, string what, string detail) =>
        History.Add(new EnrolmentHistory { AtUtc = now, ByUserId = byUserId, Event = what, Detail = detail });
}

public sealed class EnrolmentSkill
{
    public const int MinLevel = 1;
    public const int MaxLevel = 5;

    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public int SkillId { get; set; }
    public Skill? Skill { get; set; }
    public SkillDirection Direction { get; set; }

    /// <summary>Self-rated 1 (novice) to 5 (expert).</summary>
    public int Level { get; set; }
}

/// <summary>A weekly time slot when the participant can meet, in the enrolment's own time zone.</summary>
public sealed class AvailabilitySlot
{
    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Starts { get; set; }
    public TimeOnly Ends { get; set; }
}

/// <summary>What happened to an enrolment and who did it; kept through edits and withdrawal.</summary>
public sealed class EnrolmentHistory
{
    public const int EventMaxLength = 40;
    public const int DetailMaxLength = 2000;

    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ByUserId { get; set; }
    public string Event { get; set; } = "";
    public string Detail { get; set; } = "";
}
