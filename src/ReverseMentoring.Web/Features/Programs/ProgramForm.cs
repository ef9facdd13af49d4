using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

/// <summary>Every setting of a program, as the create and edit forms post it.</summary>
public abstract class ProgramForm
{
    public const int BlankTopicRows = 3;
    public const int MaxTopics = 50;
    public const int MaxCadenceDays = 90;

    // A new form starts from the same defaults as a new program, kept in one place: the entity.
    private static readonly MentoringProgram NewProgram = new();

    public string? Name { get; set; }

    public string? Objectives { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public DateOnly? EnrolmentOpensOn { get; set; }

    public DateOnly? EnrolmentClosesOn { get; set; }

    public int SessionCadenceDays { get; set; } = NewProgram.SessionCadenceDays;

    public int SessionMinutes { get; set; } = NewProgram.SessionMinutes;

    public int ExpectedSessions { get; set; } = NewProgram.ExpectedSessions;

    /// <summary>Starts empty: a form posted with every box unticked must not fall back to a default.</summary>
    public List<SessionFormats> Formats { get; set; } = [];

    /// <summary>The pattern of virtual sessions' meeting links; empty for none.</summary>
    public string? MeetingLinkTemplate { get; set; }

    public int MentorCapacity { get; set; } = NewProgram.MentorCapacity;

    public List<TopicRow> Topics { get; set; } = [];

    public int SkillWeight { get; set; } = NewProgram.Matching.SkillWeight;

    public int AvailabilityWeight { get; set; } = NewProgram.Matching.AvailabilityWeight;

    public int TimeZoneWeight { get; set; } = NewProgram.Matching.TimeZoneWeight;

    public int FormatWeight { get; set; } = NewProgram.Matching.FormatWeight;

    public int InterestWeight { get; set; } = NewProgram.Matching.InterestWeight;

    public int? MaxTimeZoneGapHours { get; set; }

    public int MinimumScorePercent { get; set; } = MatchingSettings.SuggestedMinimumScorePercent;

    public MatchingObjective Objective { get; set; } = NewProgram.Matching.Objective;

    public bool PreferCrossDepartment { get; set; }

    /// <summary>The form's value for "the whole chain" (the program stores no limit).</summary>
    public const int WholeChain = 0;

    /// <summary>Levels up the reporting line the rule reaches, or <see cref="WholeChain"/>.</summary>
    public int ReportingLineDepth { get; set; } = MatchingSettings.DefaultReportingLineDepth;

    public bool SeparateDepartments { get; set; }

    public MatchingMode MatchingMode { get; set; } = NewProgram.Matching.Mode;

    public int MaxMentorRequests { get; set; } = NewProgram.Matching.MaxMentorRequests;

    public int RequestAnswerDays { get; set; } = NewProgram.Matching.RequestAnswerDays;

    public int PreferenceWeight { get; set; } = NewProgram.Matching.PreferenceWeight;

    public bool RemoveBlockingPairs { get; set; }

    public int WaitingBonus { get; set; } = NewProgram.Matching.WaitingBonus;

    /// <summary>The rows that say something; the blank rows the form offers for new topics are not topics.</summary>
    public IEnumerable<TopicRow> FilledTopics => Topics.Where(t => !t.IsBlank);

    /// <summary>Offers a few empty rows after the existing topics, so several can be added without scripts.</summary>
    public void AddBlankTopicRows()
    {
        var trailingBlanks = Topics.AsEnumerable().Reverse().TakeWhile(t => t.IsBlank).Count();
        for (var i = trailingBlanks; i < BlankTopicRows; i++)
        {
            Topics.Add(new TopicRow());
        }
    }

    public static SessionFormats Combine(IEnumerable<SessionFormats> formats) =>
        formats.Aggregate(SessionFormats.None, (all, format) => all | format);

    public static IReadOnlyList<SessionFormats> Split(SessionFormats formats) =>
        [.. Enum.GetValues<SessionFormats>().Where(f => f != SessionFormats.None && formats.HasFlag(f))];

    protected void CopyFrom(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        Name = program.Name;
        Objectives = program.Objectives;
        StartsOn = program.StartsOn;
        EndsOn = program.EndsOn;
        EnrolmentOpensOn = program.EnrolmentOpensOn;
        EnrolmentClosesOn = program.EnrolmentClosesOn;
        SessionCadenceDays = program.SessionCadenceDays;
        SessionMinutes = program.SessionMinutes;
        ExpectedSessions = program.ExpectedSessions;
        Formats = [.. Split(program.Formats)];
        MentorCapacity = program.MentorCapacity;
        MeetingLinkTemplate = program.MeetingLinkTemplate;
        Topics = [.. program.Topics.OrderBy(t => t.SortOrder).Select(t => new TopicRow { Title = t.Title, SuggestedActivities = t.SuggestedActivities, SkillId = t.SkillId })];
        SkillWeight = program.Matching.SkillWeight;
        AvailabilityWeight = program.Matching.AvailabilityWeight;
        TimeZoneWeight = program.Matching.TimeZoneWeight;
        FormatWeight = program.Matching.FormatWeight;
        InterestWeight = program.Matching.InterestWeight;
        MaxTimeZoneGapHours = program.Matching.MaxTimeZoneGapHours;
        MinimumScorePercent = program.Matching.MinimumScorePercent;
        Objective = program.Matching.Objective;
        PreferCrossDepartment = program.Matching.PreferCrossDepartment;
        ReportingLineDepth = program.Matching.ReportingLineDepth ?? WholeChain;
        SeparateDepartments = program.Matching.SeparateDepartments;
        MatchingMode = program.Matching.Mode;
        MaxMentorRequests = program.Matching.MaxMentorRequests;
        RequestAnswerDays = program.Matching.RequestAnswerDays;
        PreferenceWeight = program.Matching.PreferenceWeight;
        RemoveBlockingPairs = program.Matching.RemoveBlockingPairs;
        WaitingBonus = program.Matching.WaitingBonus;
    }

    /// <summary>
    /// Writes the form onto the program. Topics are matched by position and updated in place, so sessions whose agenda
    /// points at a topic keep it; returns the program's topics beyond the form's rows, which the caller removes.
    /// </summary>
    public IReadOnlyList<ProgramTopic> ApplyTo(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        program.Name = (Name ?? "").Trim();
        program.Objectives = (Objectives ?? "").Trim();
        program.StartsOn = StartsOn!.Value;
        program.EndsOn = EndsOn!.Value;
        program.EnrolmentOpensOn = EnrolmentOpensOn;
        program.EnrolmentClosesOn = EnrolmentClosesOn;
        program.SessionCadenceDays = SessionCadenceDays;
        program.SessionMinutes = SessionMinutes;
        program.ExpectedSessions = ExpectedSessions;
        program.Formats = Combine(Formats);
        program.MentorCapacity = MentorCapacity;
        program.MeetingLinkTemplate = string.IsNullOrWhiteSpace(MeetingLinkTemplate) ? null : MeetingLinkTemplate.Trim();
        program.Matching.SkillWeight = SkillWeight;
        program.Matching.AvailabilityWeight = AvailabilityWeight;
        program.Matching.TimeZoneWeight = TimeZoneWeight;
        program.Matching.FormatWeight = FormatWeight;
        program.Matching.InterestWeight = InterestWeight;
        program.Matching.MaxTimeZoneGapHours = MaxTimeZoneGapHours;
        program.Matching.MinimumScorePercent = MinimumScorePercent;
        program.Matching.Objective = Objective;
        program.Matching.PreferCrossDepartment = PreferCrossDepartment;
        program.Matching.ReportingLineDepth = ReportingLineDepth == WholeChain ? null : ReportingLineDepth;
        program.Matching.SeparateDepartments = SeparateDepartments;
        program.Matching.Mode = MatchingMode;
        program.Matching.MaxMentorRequests = MaxMentorRequests;
        program.Matching.RequestAnswerDays = RequestAnswerDays;
        program.Matching.PreferenceWeight = PreferenceWeight;
        program.Matching.RemoveBlockingPairs = RemoveBlockingPairs;
        program.Matching.WaitingBonus = WaitingBonus;
        var existing = program.Topics.OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToList();
        var rows = FilledTopics.ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var topic = i < existing.Count ? existing[i] : new ProgramTopic();
            topic.Title = (rows[i].Title ?? "").Trim();
            topic.SuggestedActivities = (rows[i].SuggestedActivities ?? "").Trim();
            topic.SkillId = rows[i].SkillId;
            topic.SortOrder = i;
            if (i >= existing.Count)
            {
                program.Topics.Add(topic);
            }
        }

        return existing.Skip(rows.Count).ToList();
    }
}

/// <summary>One row of the recommended topics table; a row left empty is ignored.</summary>
public sealed class TopicRow
{
    public string? Title { get; set; }

    public string? SuggestedActivities { get; set; }

    public int? SkillId { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(SuggestedActivities) && SkillId is null;
}

/// <summary>The rules every program keeps, whether it is being created or edited.</summary>
/// <remarks>Generic so that the validator scan does not register it on its own; each command's validator includes it.</remarks>
public sealed class ProgramFormRules<T> : AbstractValidator<T>
    where T : ProgramForm
{
    public ProgramFormRules(AppDbContext db, Func<T, int?> programId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(programId);

        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a name for the program.")
            .MaximumLength(MentoringProgram.NameMaxLength).WithMessage($"A program name has at most {MentoringProgram.NameMaxLength} characters.")
            .MustAsync(async (command, name, ct) => !await ProgramNames.IsTakenAsync(db, name!, programId(command), ct))
            .WithMessage("Another program has this name already. Choose a different name.");

        RuleFor(c => c.Objectives)
            .MaximumLength(MentoringProgram.ObjectivesMaxLength).WithMessage($"Objectives have at most {MentoringProgram.ObjectivesMaxLength} characters.");

        RuleFor(c => c.StartsOn).NotNull().WithMessage("Enter the date the program starts.");
        RuleFor(c => c.StartsOn).WithinSupportedDates();
        RuleFor(c => c.EndsOn).WithinSupportedDates();
        RuleFor(c => c.EnrolmentOpensOn).WithinSupportedDates();
        RuleFor(c => c.EnrolmentClosesOn).WithinSupportedDates();
        RuleFor(c => c.EndsOn).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the date the program ends.")
            .GreaterThan(c => c.StartsOn).When(c => c.StartsOn is not null, ApplyConditionTo.CurrentValidator).WithMessage("End date must be after the start date.");

        RuleFor(c => c.EnrolmentOpensOn)
            .NotNull().When(c => c.EnrolmentClosesOn is not null)
            .WithMessage("Enter the date enrolment opens too, or clear both enrolment dates.");
        RuleFor(c => c.EnrolmentClosesOn)
            .NotNull().When(c => c.EnrolmentOpensOn is not null)
            .WithMessage("Enter the date enrolment closes too, or clear both enrolment dates.");
        RuleFor(c => c.EnrolmentClosesOn)
            .GreaterThan(c => c.EnrolmentOpensOn)
            .When(c => c.EnrolmentOpensOn is not null && c.EnrolmentClosesOn is not null)
            .WithMessage("Enrolment must close after it opens.");
        RuleFor(c => c.EnrolmentClosesOn)
            .LessThanOrEqualTo(c => c.EndsOn)
            .When(c => c.EnrolmentClosesOn is not null && c.EndsOn is not null)
            .WithMessage("The enrolment window must close by the program's end date.");
        RuleFor(c => c.EnrolmentOpensOn)
            .LessThan(c => c.EndsOn)
            .When(c => c.EnrolmentOpensOn is not null && c.EndsOn is not null)
            .WithMessage("Enrolment must open before the program ends.");

        RuleFor(c => c.SessionCadenceDays)
            .InclusiveBetween(1, ProgramForm.MaxCadenceDays).WithMessage($"Pairs meet every 1 to {ProgramForm.MaxCadenceDays} days; choose how often from the list.");
        RuleFor(c => c.SessionMinutes)
            .InclusiveBetween(15, 240).WithMessage("A session lasts between 15 and 240 minutes.");
        RuleFor(c => c.ExpectedSessions)
            .InclusiveBetween(1, 100).WithMessage("Expect between 1 and 100 sessions.");
        RuleFor(c => c.Formats)
            .Must(f => f is not null && ProgramForm.Combine(f) != SessionFormats.None).WithMessage("Choose at least one session format.");
        RuleForEach(c => c.Formats)
            .Must(f => f is SessionFormats.InPerson or SessionFormats.Virtual or SessionFormats.Group).WithMessage("Choose formats from the list.");
        RuleFor(c => c.MeetingLinkTemplate)
            .Must(t => MeetingLinks.Problem(t) is null)
            .WithMessage(c => MeetingLinks.Problem(c.MeetingLinkTemplate) ?? "");
        RuleFor(c => c.MentorCapacity)
            .InclusiveBetween(1, 20).WithMessage("A mentor takes between 1 and 20 mentees (1 is one-to-one).");

        RuleFor(c => c.Topics)
            .Must(t => t.Count(r => !r.IsBlank) <= ProgramForm.MaxTopics).WithMessage($"A program has at most {ProgramForm.MaxTopics} recommended topics.");
        RuleForEach(c => c.Topics).ChildRules(topic =>
        {
            topic.RuleFor(t => t.Title)
                .NotEmpty().When(t => !t.IsBlank).WithMessage("Give this topic a title, or clear the row.")
                .MaximumLength(ProgramTopic.TitleMaxLength).WithMessage($"A topic title has at most {ProgramTopic.TitleMaxLength} characters.");
            topic.RuleFor(t => t.SuggestedActivities)
                .MaximumLength(ProgramTopic.ActivitiesMaxLength).WithMessage($"Suggested activities have at most {ProgramTopic.ActivitiesMaxLength} characters.");
        });
        RuleFor(c => c).CustomAsync(async (command, context, ct) =>
        {
            var wanted = command.Topics.Where(t => t.SkillId is not null).Select(t => t.SkillId!.Value).Distinct().ToList();
            if (wanted.Count == 0)
            {
                return;
            }

            // A skill retired after it was chosen may stay on the topic it was chosen for, but is not offered anew.
            var id = programId(command);
            var usable = await db.Skills.AsNoTracking()
                .Where(s => wanted.Contains(s.Id) && (!s.IsRetired || db.ProgramTopics.Any(t => t.ProgramId == id && t.SkillId == s.Id)))
                .Select(s => s.Id)
                .ToListAsync(ct);
            for (var i = 0; i < command.Topics.Count; i++)
            {
                if (command.Topics[i].SkillId is { } skillId && !usable.Contains(skillId))
                {
                    context.AddFailure($"{nameof(ProgramForm.Topics)}[{i}].{nameof(TopicRow.SkillId)}", "Unknown skill. Choose one from the catalogue, or none.");
                }
            }
        });

        RuleFor(c => c.SkillWeight).InclusiveBetween(0, MatchingSettings.MaxWeight).WithMessage("A weight is between 0 and 10.");
        RuleFor(c => c.AvailabilityWeight).InclusiveBetween(0, MatchingSettings.MaxWeight).WithMessage("A weight is between 0 and 10.");
        RuleFor(c => c.TimeZoneWeight).InclusiveBetween(0, MatchingSettings.MaxWeight).WithMessage("A weight is between 0 and 10.");
        RuleFor(c => c.FormatWeight).InclusiveBetween(0, MatchingSettings.MaxWeight).WithMessage("A weight is between 0 and 10.");
        RuleFor(c => c.InterestWeight).InclusiveBetween(0, MatchingSettings.MaxWeight).WithMessage("A weight is between 0 and 10.");
        RuleFor(c => c.SkillWeight)
            .Must((c, _) => c.SkillWeight + c.AvailabilityWeight + c.TimeZoneWeight + c.FormatWeight + c.InterestWeight > 0)
            .WithMessage("Give at least one matching weight a value above 0, or no pair could score anything.");
        RuleFor(c => c.MaxTimeZoneGapHours)
            .InclusiveBetween(0, 14).When(c => c.MaxTimeZoneGapHours is not null)
            .WithMessage("The largest time-zone gap is between 0 and 14 hours; leave it empty for no limit.");
        RuleFor(c => c.MinimumScorePercent)
            .InclusiveBetween(0, 100).WithMessage("The minimum score is between 0 and 100 per cent.");
        RuleFor(c => c.ReportingLineDepth)
            .InclusiveBetween(ProgramForm.WholeChain, MatchingSettings.MaxReportingLineDepth)
            .WithMessage($"Choose how many levels the reporting-line rule reaches (1 to {MatchingSettings.MaxReportingLineDepth}) or the whole chain.");
        RuleFor(c => c.Objective).IsInEnum().WithMessage("Choose what the matching aims for from the list.");
        RuleFor(c => c.MatchingMode).IsInEnum().WithMessage("Choose who makes the pairs from the list.");
        RuleFor(c => c.MaxMentorRequests)
            .InclusiveBetween(1, MatchingSettings.MaxRequestsLimit)
            .WithMessage($"A mentee may request between 1 and {MatchingSettings.MaxRequestsLimit} mentors.");
        RuleFor(c => c.RequestAnswerDays)
            .InclusiveBetween(1, MatchingSettings.MaxRequestAnswerDays)
            .WithMessage($"A mentor answers a request within 1 to {MatchingSettings.MaxRequestAnswerDays} days.");
        RuleFor(c => c.PreferenceWeight).InclusiveBetween(0, MatchingSettings.MaxWeight).WithMessage("A weight is between 0 and 10.");
        RuleFor(c => c.WaitingBonus).InclusiveBetween(0, MatchingSettings.MaxWeight).WithMessage("The bonus is between 0 and 10 points.");
    }
}

/// <summary>Program names are unique among the programs not archived, whatever their case.</summary>
public static class ProgramNames
{
    public static Task<bool> IsTakenAsync(AppDbContext db, string name, int? exceptProgramId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(name);
        var wanted = name.Trim().ToLowerInvariant();

        // EF translates ToLower() to SQL; string.Equals with a StringComparison it cannot translate.
#pragma warning disable CA1862
        return db.Programs.AnyAsync(p => p.ArchivedAtUtc == null && p.Id != exceptProgramId && p.Name.ToLower() == wanted, cancellationToken);
#pragma warning restore CA1862
    }
}

/// <summary>The skills a program's topics may be linked to, for the form's drop-downs.</summary>
public static class ProgramSkillChoices
{
    public sealed record Choice(int Id, string Name, bool IsRetired);

    /// <summary>Active skills, plus retired ones the program already uses so its topics keep them.</summary>
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int? ProgramId) : IQuery<IReadOnlyList<Choice>>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<Choice>>
    {
        public async ValueTask<IReadOnlyList<Choice>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Skills.AsNoTracking()
                .Where(s => !s.IsRetired || db.ProgramTopics.Any(t => t.ProgramId == query.ProgramId && t.SkillId == s.Id))
                .OrderBy(s => s.Name)
                .Select(s => new Choice(s.Id, s.Name, s.IsRetired))
                .ToListAsync(cancellationToken);
    }
}
