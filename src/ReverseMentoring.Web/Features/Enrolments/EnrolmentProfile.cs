using ReverseMentoring.Web.Infrastructure;
using FluentValidation;
using FluentValidation.Results;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>
/// What a person tells a program about themselves to take part, whether they fill in the enrol form or HR imports
/// them from a file: one shape, checked by one <see cref="EnrolmentProfileValidator"/>.
/// </summary>
public class EnrolmentProfile
{
    /// <summary>The most weekly time slots, and the most skills, one profile holds: enough for anyone, few enough to pair on.</summary>
    public const int MaxRows = 20;

    public ParticipantRole? Role { get; set; }

    public string? Department { get; set; }

    public string? JobLevel { get; set; }

    public string? ManagerEmail { get; set; }

    public string? Location { get; set; }

    public string? TimeZoneId { get; set; } = "UTC";

    public List<SessionFormats> Formats { get; set; } = [];

    public List<EnrolInProgram.Slot> Availability { get; set; } = [];

    public List<EnrolInProgram.SkillLevel> Skills { get; set; } = [];

    public string? Interests { get; set; }

    public string? Goals { get; set; }

    public bool Consent { get; set; }

    internal IEnumerable<EnrolInProgram.Slot> FilledSlots => Availability.Where(s => !s.IsBlank);

    internal IEnumerable<EnrolInProgram.SkillLevel> FilledSkills => Skills.Where(s => !s.IsBlank);
}

/// <summary>The rows of a profile: weekly time slots and skills with levels; blank rows are how the form offers more.</summary>
public static partial class EnrolInProgram
{
    public sealed class Slot
    {
        public DayOfWeek? Day { get; set; }

        public TimeOnly? From { get; set; }

        public TimeOnly? To { get; set; }

        internal bool IsBlank => Day is null && From is null && To is null;
    }

    public sealed class SkillLevel
    {
        public int? SkillId { get; set; }

        public int? Level { get; set; }

        internal bool IsBlank => SkillId is null && Level is null;
    }
}

/// <summary>What a profile is checked against besides itself.</summary>
/// <param name="ProgramFormats">The ways of meeting the program uses.</param>
/// <param name="Skills">The skills that may be chosen (not retired), by id, with their names; other ids are unknown.</param>
/// <param name="OwnEmail">The person's own e-mail address, which cannot be their manager's.</param>
public sealed record EnrolmentProfileFacts(SessionFormats ProgramFormats, IReadOnlyDictionary<int, string> Skills, string? OwnEmail);

/// <summary>
/// Every rule of an enrolment profile, written once: the enrol form shows its messages next to the fields, and the
/// import reports them for each row of the file.
/// </summary>
public sealed class EnrolmentProfileValidator : AbstractValidator<EnrolmentProfile>
{
    public EnrolmentProfileValidator()
    {
        RuleFor(p => p.Role)
            .NotNull().WithMessage("Choose whether you take part as a mentor or as a mentee.");

        RuleFor(p => p.Department).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your department.")
            .MaximumLength(Enrolment.TextMaxLength).WithMessage("A department has at most 100 characters.");

        RuleFor(p => p.JobLevel).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your job level, for example Graduate, Manager or Director.")
            .MaximumLength(Enrolment.TextMaxLength).WithMessage("A job level has at most 100 characters.");

        RuleFor(p => p.Location).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter where you work: an office or a city.")
            .MaximumLength(Enrolment.TextMaxLength).WithMessage("A location has at most 100 characters.");

        When(p => !string.IsNullOrWhiteSpace(p.ManagerEmail), () =>
        {
            RuleFor(p => p.ManagerEmail!).Cascade(CascadeMode.Stop)
                .MaximumLength(Invitation.EmailMaxLength).WithMessage("An e-mail address has at most 256 characters.")
                .MustBeDeliverableAddress().WithMessage("Enter your manager's e-mail address like name@company.com, or leave it empty.")
                .Must((_, email, context) => !string.Equals(Facts(context).OwnEmail, email.Trim(), StringComparison.OrdinalIgnoreCase))
                .WithMessage("Enter your manager's e-mail address, not your own.");
        });

        RuleFor(p => p.TimeZoneId)
            .Must(EnrolmentRules.IsKnownTimeZone).WithMessage("Choose your time zone from the list.");

        RuleFor(p => p.Formats).Custom((formats, context) =>
        {
            var offered = Facts(context).ProgramFormats;
            var chosen = EnrolmentRules.Combine(formats);
            if (chosen == SessionFormats.None || (chosen & offered) == SessionFormats.None)
            {
                context.AddFailure($"Choose at least one way of meeting that this program uses: {EnrolmentRules.Formats(offered)}.");
            }
        });

        RuleForEach(p => p.Availability).Where(s => !s.IsBlank).ChildRules(slot =>
        {
            slot.RuleFor(s => s.Day).NotNull().WithMessage("Choose a day.");
            slot.RuleFor(s => s.From).NotNull().WithMessage("Enter a start time.");
            slot.RuleFor(s => s.To).NotNull().WithMessage("Enter an end time.");
            slot.RuleFor(s => s.To)
                .Must((s, to) => s.From < to).When(s => s.From is not null && s.To is not null)
                .WithMessage("The end time must be after the start time.");
        });

        RuleFor(p => p.Availability).Custom((slots, context) =>
        {
            var filled = slots.Where(s => !s.IsBlank).ToList();
            if (filled.Count == 0)
            {
                context.AddFailure("Add at least one weekly time when you can meet.");
            }
            else if (filled.Count > EnrolmentProfile.MaxRows)
            {
                context.AddFailure($"Give at most {EnrolmentProfile.MaxRows} weekly times; you gave {filled.Count}. Remove {filled.Count - EnrolmentProfile.MaxRows} or join some together.");
            }
            else if (EnrolmentRules.Overlap(filled.Where(s => s is { Day: not null, From: not null, To: not null })
                .Select(s => (s.Day!.Value, s.From!.Value, s.To!.Value))) is { } overlap)
            {
                context.AddFailure(overlap);
            }
        });

        RuleForEach(p => p.Skills).Where(s => !s.IsBlank).ChildRules(skill =>
        {
            skill.RuleFor(s => s.SkillId).NotNull().WithMessage("Choose a skill.");
            skill.RuleFor(s => s.Level).NotNull().WithMessage("Choose a level from 1 (beginner) to 5 (expert).")
                .InclusiveBetween(EnrolmentSkill.MinLevel, EnrolmentSkill.MaxLevel).WithMessage("Choose a level from 1 (beginner) to 5 (expert).");
        });

        RuleFor(p => p.Skills).Custom((skills, context) =>
        {
            var filled = skills.Select((s, i) => (Skill: s, Index: i)).Where(s => !s.Skill.IsBlank).ToList();
            if (filled.Count == 0)
            {
                context.AddFailure(context.InstanceToValidate.Role == ParticipantRole.Mentee
                    ? "Add at least one skill you want to learn."
                    : "Add at least one skill you can teach.");
                return;
            }

            if (filled.Count > EnrolmentProfile.MaxRows)
            {
                context.AddFailure($"Give at most {EnrolmentProfile.MaxRows} skills; you gave {filled.Count}. Keep the ones that matter most.");
                return;
            }

            var known = Facts(context).Skills;
            var seen = new HashSet<int>();
            foreach (var (skill, index) in filled.Where(s => s.Skill.SkillId is not null))
            {
                var id = skill.SkillId!.Value;
                if (!known.TryGetValue(id, out var name))
                {
                    context.AddFailure(new ValidationFailure($"{nameof(EnrolmentProfile.Skills)}[{index}].{nameof(EnrolInProgram.SkillLevel.SkillId)}",
                        "Unknown skill: choose one from the list."));
                }
                else if (!seen.Add(id))
                {
                    context.AddFailure(new ValidationFailure($"{nameof(EnrolmentProfile.Skills)}[{index}].{nameof(EnrolInProgram.SkillLevel.SkillId)}",
                        $"{name} is listed twice. Keep it once, with one level."));
                }
            }
        });

        RuleFor(p => p.Interests)
            .MaximumLength(Enrolment.InterestsMaxLength).WithMessage("Interests have at most 1,000 characters.");

        RuleFor(p => p.Goals).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Say in your own words what you hope to get from the program.")
            .MaximumLength(Enrolment.GoalsMaxLength).WithMessage("Goals have at most 2,000 characters.");

        RuleFor(p => p.Consent)
            .Equal(true).WithMessage("Tick the box to agree to the program's terms; you cannot take part without agreeing.");
    }

    /// <summary>Checks a profile against what it depends on: the program, the skill catalogue and the person.</summary>
    public ValidationResult Validate(EnrolmentProfile profile, EnrolmentProfileFacts facts)
    {
        var context = new ValidationContext<EnrolmentProfile>(profile);
        context.RootContextData[nameof(EnrolmentProfileFacts)] = facts;
        return Validate(context);
    }

    private static EnrolmentProfileFacts Facts(ValidationContext<EnrolmentProfile> context) =>
        context.RootContextData.TryGetValue(nameof(EnrolmentProfileFacts), out var facts) && facts is EnrolmentProfileFacts known
            ? known
            : throw new InvalidOperationException("A profile is validated with the facts it depends on: call Validate(profile, facts).");
}
