namespace ReverseMentoring.Web.Domain;

public enum ProgramStatus
{
    Draft = 0,
    Enrolling = 1,
    Matching = 2,
    Running = 3,
    Closed = 4,
}

/// <summary>How pairs may meet. A program allows some; a participant accepts some.</summary>
[Flags]
public enum SessionFormats
{
    None = 0,
    InPerson = 1,
    Virtual = 2,
    Group = 4,
}

public enum MatchingObjective
{
    /// <summary>The set of pairs with the highest total score.</summary>
    BestTotalScore = 0,

    /// <summary>As many people matched as possible, then the highest total score among those sets.</summary>
    MostPeopleMatched = 1,
}

/// <summary>Who makes the pairs.</summary>
public enum MatchingMode
{
    /// <summary>HR runs the engine on the pairing board and publishes its proposal.</summary>
    HrLed = 0,

    /// <summary>Mentees browse the approved mentors and request them in order; a mentor accepts or declines.</summary>
    SelfService = 1,

    /// <summary>Both sides rank their top proposed partners; the engine honours the ranks within the hard rules.</summary>
    PreferenceLed = 2,
}

/// <summary>The program's matching rules: weights of each part of a pair's score and the hard limits.</summary>
public sealed class MatchingSettings
{
    public const int MaxWeight = 10;

    public int SkillWeight { get; set; } = 5;
    public int AvailabilityWeight { get; set; } = 3;
    public int TimeZoneWeight { get; set; } = 2;
    public int FormatWeight { get; set; } = 2;
    public int InterestWeight { get; set; } = 1;

    /// <summary>Pairs further apart than this many hours are never proposed; null means no limit.</summary>
    public int? MaxTimeZoneGapHours { get; set; }

    /// <summary>
    /// What a new program starts with: below 40% a pair typically shares neither a wanted skill nor free time, so
    /// proposing it would only set the pair up to fail.
    /// </summary>
    public const int SuggestedMinimumScorePercent = 40;

    /// <summary>Pairs scoring below this percentage of the best possible are never proposed.</summary>
    public int MinimumScorePercent { get; set; }

    public MatchingObjective Objective { get; set; } = MatchingObjective.BestTotalScore;

    public bool PreferCrossDepartment { get; set; }

    /// <summary>Today's reach: a person's manager and their manager's manager.</summary>
    public const int DefaultReportingLineDepth = 2;

    /// <summary>The deepest a program may set by number; deeper charts use the whole chain.</summary>
    public const int MaxReportingLineDepth = 20;

    /// <summary>
    /// How many steps up the reporting line the rule reaches: never pair two people when one is within this many steps
    /// above the other; null is the whole chain.
    /// </summary>
    public int? ReportingLineDepth { get; set; } = DefaultReportingLineDepth;

    /// <summary>Never pair two people of the same department.</summary>
    public bool SeparateDepartments { get; set; }

    public MatchingMode Mode { get; set; } = MatchingMode.HrLed;

    public const int MaxRequestsLimit = 10;

    /// <summary>Self-service: how many mentors a mentee may request, in their order of choice.</summary>
    public int MaxMentorRequests { get; set; } = 3;

    public const int MaxRequestAnswerDays = 30;

    /// <summary>Self-service: days a mentor has to answer a request before it passes to the mentee's next choice.</summary>
    public int RequestAnswerDays { get; set; } = 3;

    /// <summary>Preference-led: how many partners each side may rank.</summary>
    public const int MaxRankedPartners = 5;

    /// <summary>Preference-led: how much a ranked choice counts, 0 to <see cref="MaxWeight"/>, like the other weights.</summary>
    public int PreferenceWeight { get; set; } = 5;

    /// <summary>
    /// Preference-led: among the best sets, leave no two people who both prefer each other to the partners they got
    /// (stable within the hard rules).
    /// </summary>
    public bool RemoveBlockingPairs { get; set; }

    /// <summary>Points, 0 to <see cref="MaxWeight"/>, added to every pair of a person left unmatched in an earlier round.</summary>
    public int WaitingBonus { get; set; } = 2;
}

/// <summary>When the program's surveys go out: milestones after a pair is accepted, and the surveys after it ended.</summary>
public sealed class SurveySettings
{
    public const int MaxDays = 365;

    /// <summary>Days after the pair was accepted when the first milestone check-in goes out.</summary>
    public int FirstMilestoneDay { get; private set; } = 30;

    /// <summary>Days between later milestones; 0 sends only the first.</summary>
    public int MilestoneIntervalDays { get; private set; } = 60;

    /// <summary>Whether both sides get the end-of-pair survey when their pair ends.</summary>
    public bool EndOfPairSurvey { get; private set; } = true;

    /// <summary>Days after the pair ended when "have you used what you learned?" goes out; null sends none.</summary>
    public int? AppliedSurveyDays { get; private set; } = 60;

    public const string FirstMilestoneMessage = "The first check-in goes out between day 1 and day 365 of a pair.";
    public const string IntervalMessage = "Give the days between check-ins from 0 (only the first) to 365.";
    public const string AppliedMessage = "The \"applied?\" survey goes out 1 to 365 days after a pair ends; leave it empty to send none.";

    public static SurveySettings Create(int firstMilestoneDay, int milestoneIntervalDays, bool endOfPairSurvey, int? appliedSurveyDays)
    {
        if (firstMilestoneDay is < 1 or > MaxDays)
        {
            throw new DomainRuleException(FirstMilestoneMessage);
        }

        if (milestoneIntervalDays is < 0 or > MaxDays)
        {
            throw new DomainRuleException(IntervalMessage);
        }

        if (appliedSurveyDays is < 1 or > MaxDays)
        {
            throw new DomainRuleException(AppliedMessage);
        }

        return new SurveySettings
        {
            FirstMilestoneDay = firstMilestoneDay,
            MilestoneIntervalDays = milestoneIntervalDays,
            EndOfPairSurvey = endOfPairSurvey,
            AppliedSurveyDays = appliedSurveyDays,
        };
    }

    public SurveySettings Copy() => Create(FirstMilestoneDay, MilestoneIntervalDays, EndOfPairSurvey, AppliedSurveyDays);

    /// <summary>The milestone day reached after <paramref name="daysIn"/> days of a pair, or null before the first.</summary>
    public int? LatestMilestone(int daysIn)
    {
        if (daysIn < FirstMilestoneDay)
        {
            return null;
        }

        return MilestoneIntervalDays <= 0 ? FirstMilestoneDay : FirstMilestoneDay + ((daysIn - FirstMilestoneDay) / MilestoneIntervalDays * MilestoneIntervalDays);
    }

    /// <summary>Whether <paramref name="day"/> is one of the milestones.</summary>
    public bool IsMilestone(int day) =>
        day == FirstMilestoneDay || (MilestoneIntervalDays > 0 && day > FirstMilestoneDay && (day - FirstMilestoneDay) % MilestoneIntervalDays == 0);
}

/// <summary>A reverse mentoring program run by HR: juniors teach seniors over a set period.</summary>
public sealed class MentoringProgram : IAudited, IVersionedOnSave
{
    public const int NameMaxLength = 120;
    public const int ObjectivesMaxLength = 4000;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Objectives { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public DateOnly? EnrolmentOpensOn { get; set; }
    public DateOnly? EnrolmentClosesOn { get; set; }

    /// <summary>How often a pair is expected to meet, in days (14 = every two weeks).</summary>
    public int SessionCadenceDays { get; set; } = 14;

    public int SessionMinutes { get; set; } = 60;
    public int ExpectedSessions { get; set; } = 6;
    public SessionFormats Formats { get; set; } = SessionFormats.InPerson | SessionFormats.Virtual;

    /// <summary>The pattern of virtual sessions' meeting links (<see cref="MeetingLinks"/>), or null for none.</summary>
    public string? MeetingLinkTemplate { get; set; }

    /// <summary>The chat tool of the program's channel, when HR connected one (<see cref="ConnectChat"/>).</summary>
    public ChatKind? ChatKind { get; private set; }

    /// <summary>The channel's incoming webhook: a secret that lets anyone post there, so never shown again nor logged.</summary>
    [AuditRedacted]
    public string? ChatWebhookUrl { get; private set; }

    /// <summary>Whether the channel gets a weekly summary of the program's figures (never names).</summary>
    public bool ChatWeeklySummary { get; private set; }

    /// <summary>HR connects the program's channel; the address is checked by the caller against the allowed hosts.</summary>
    public void ConnectChat(ChatKind kind, string webhookUrl, bool weeklySummary)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookUrl);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainRuleException("Choose Slack or Microsoft Teams.");
        }

        ChatKind = kind;
        ChatWebhookUrl = webhookUrl.Trim();
        ChatWeeklySummary = weeklySummary;
    }

    /// <summary>Changes what the connected channel receives, keeping its address.</summary>
    public void ChooseChatSummary(bool weeklySummary)
    {
        if (ChatWebhookUrl is null)
        {
            throw new DomainRuleException("Connect a channel first.");
        }

        ChatWeeklySummary = weeklySummary;
    }

    public void DisconnectChat()
    {
        ChatKind = null;
        ChatWebhookUrl = null;
        ChatWeeklySummary = false;
    }

    /// <summary>How many mentees one mentor may take: 1 is one-to-one, more is group mentoring.</summary>
    public int MentorCapacity { get; set; } = 1;

    public MatchingSettings Matching { get; set; } = new();

    /// <summary>When the program's check-in surveys go out.</summary>
    public SurveySettings Surveys { get; set; } = new();

    /// <summary>Days each side has to accept or decline a proposed pair before it is flagged for HR.</summary>
    public int PairResponseDays { get; set; } = 7;
    public List<ProgramTopic> Topics { get; set; } = [];
    public ProgramStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime? UpdatedAtUtc { get; set; }

    /// <summary>Archived programs leave the everyday lists but keep all their history.</summary>
    public DateTime? ArchivedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, portable across SQLite and SQL Server (rowversion is SQL Server only).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Who coordinates the program; at least one person once it is created (its creator to begin with).</summary>
    public List<ProgramCoordinator> Coordinators { get; set; } = [];

    /// <summary>Makes an HR person a coordinator of the program. The coordinators must be loaded.</summary>
    public void AddCoordinator(string userId, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (Coordinators.Any(c => c.UserId == userId))
        {
            throw new DomainRuleException("This person coordinates the program already.");
        }

        Coordinators.Add(new ProgramCoordinator { ProgramId = Id, UserId = userId, AddedAtUtc = now });
    }

    /// <summary>Takes a person off the program's coordinators; the last one stays, so the program is always someone's.</summary>
    public void RemoveCoordinator(string userId)
    {
        var coordinator = Coordinators.SingleOrDefault(c => c.UserId == userId)
            ?? throw new DomainRuleException("This person does not coordinate the program.");
        if (Coordinators.Count == 1)
        {
            throw new DomainRuleException("A program needs at least one coordinator. Add another coordinator before removing the last one.");
        }

        Coordinators.Remove(coordinator);
    }

    /// <summary>
    /// A new draft with this program's settings, matching rules and topics under a new name and dates; never its people,
    /// who enrol, are invited and paired in each program anew. The topics must be loaded.
    /// </summary>
    public MentoringProgram CopyAsDraft(
        string name, DateOnly startsOn, DateOnly endsOn, DateOnly? enrolmentOpensOn, DateOnly? enrolmentClosesOn, DateTime nowUtc, string? byUserId)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength)
        {
            throw new DomainRuleException($"A program's name has 1 to {NameMaxLength} characters.");
        }

        if (endsOn <= startsOn)
        {
            throw new DomainRuleException("End date must be after the start date.");
        }

        if (enrolmentOpensOn is null != enrolmentClosesOn is null || enrolmentOpensOn >= enrolmentClosesOn || enrolmentClosesOn > endsOn)
        {
            throw new DomainRuleException("Enrolment opens before it closes, and closes by the program's end date; or set neither date.");
        }

        return new MentoringProgram
        {
            Name = name.Trim(),
            Objectives = Objectives,
            StartsOn = startsOn,
            EndsOn = endsOn,
            EnrolmentOpensOn = enrolmentOpensOn,
            EnrolmentClosesOn = enrolmentClosesOn,
            SessionCadenceDays = SessionCadenceDays,
            SessionMinutes = SessionMinutes,
            ExpectedSessions = ExpectedSessions,
            Formats = Formats,
            MeetingLinkTemplate = MeetingLinkTemplate,
            MentorCapacity = MentorCapacity,
            PairResponseDays = PairResponseDays,
            Matching = new MatchingSettings
            {
                SkillWeight = Matching.SkillWeight,
                AvailabilityWeight = Matching.AvailabilityWeight,
                TimeZoneWeight = Matching.TimeZoneWeight,
                FormatWeight = Matching.FormatWeight,
                InterestWeight = Matching.InterestWeight,
                MaxTimeZoneGapHours = Matching.MaxTimeZoneGapHours,
                MinimumScorePercent = Matching.MinimumScorePercent,
                Objective = Matching.Objective,
                PreferCrossDepartment = Matching.PreferCrossDepartment,
                ReportingLineDepth = Matching.ReportingLineDepth,
                SeparateDepartments = Matching.SeparateDepartments,
                Mode = Matching.Mode,
                MaxMentorRequests = Matching.MaxMentorRequests,
                RequestAnswerDays = Matching.RequestAnswerDays,
                PreferenceWeight = Matching.PreferenceWeight,
                RemoveBlockingPairs = Matching.RemoveBlockingPairs,
                WaitingBonus = Matching.WaitingBonus,
            },
            Surveys = Surveys.Copy(),
            Topics = Topics.OrderBy(t => t.SortOrder).ThenBy(t => t.Id).Select((t, i) => new ProgramTopic
            {
                Title = t.Title,
                SuggestedActivities = t.SuggestedActivities,
                SkillId = t.SkillId,
                SortOrder = i,
            }).ToList(),
            Status = ProgramStatus.Draft,
            CreatedAtUtc = nowUtc,
            CreatedByUserId = byUserId,

            // Whoever copies the program coordinates the copy, as the creator of a new one does.
            Coordinators = byUserId is null ? [] : [new ProgramCoordinator { UserId = byUserId, AddedAtUtc = nowUtc }],
        };
    }
}

/// <summary>A recommended topic of the program's framework, with suggested activities for the sessions.</summary>
public sealed class ProgramTopic : IAudited
{
    public const int TitleMaxLength = 120;
    public const int ActivitiesMaxLength = 2000;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int? SkillId { get; set; }
    public Skill? Skill { get; set; }
    public string Title { get; set; } = "";
    public string SuggestedActivities { get; set; } = "";
    public int SortOrder { get; set; }
}

/// <summary>A skill in HR's catalogue: what juniors teach and seniors want to learn.</summary>
public sealed class Skill : IAudited
{
    public const int NameMaxLength = 80;
    public const int DescriptionMaxLength = 500;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Retired skills stay on old enrolments but are no longer offered.</summary>
    public bool IsRetired { get; set; }
}
