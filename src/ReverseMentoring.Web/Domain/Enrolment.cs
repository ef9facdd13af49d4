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

/// <summary>One person's enrolment in one program, as mentor or mentee, with the profile the pairing uses.</summary>
public sealed class Enrolment : IAudited
{
    public const int TextMaxLength = 100;
    public const int InterestsMaxLength = 1000;
    public const int GoalsMaxLength = 2000;
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public MentoringProgram? Program { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public ParticipantRole Role { get; set; }
    public EnrolmentStatus Status { get; set; }
    public string Department { get; set; } = "";
    public string JobLevel { get; set; } = "";

    /// <summary>The e-mail of the person's manager: the pairing never pairs anyone within one reporting line.</summary>
    public string? ManagerEmail { get; set; }

    public string Location { get; set; } = "";
    public string TimeZoneId { get; set; } = "UTC";
    public SessionFormats Formats { get; set; }
    public string Interests { get; set; } = "";
    public string Goals { get; set; } = "";
    public DateTime? ConsentedAtUtc { get; set; }
    public string? DecisionReason { get; set; }
    public string? DecidedByUserId { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? UpdatedAtUtc { get; set; }
    public List<EnrolmentSkill> Skills { get; set; } = [];
    public List<AvailabilitySlot> Availability { get; set; } = [];
    public List<EnrolmentHistory> History { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();
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
