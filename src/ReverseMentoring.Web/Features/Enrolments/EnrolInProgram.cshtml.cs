using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Enrolments;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class EnrolInProgramModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    public const int BlankRows = 3;

    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public EnrolInProgram.Command Data { get; set; } = new();

    public EnrolInProgram.Form Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new EnrolInProgram.FormQuery(ProgramId), cancellationToken);
        Data = Form.Current;

        // Without JavaScript, empty rows are how a person adds slots and skills.
        for (var i = 0; i < BlankRows; i++)
        {
            Data.Availability.Add(new EnrolInProgram.Slot());
            Data.Skills.Add(new EnrolInProgram.SkillLevel());
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Participant/Programs/{ProgramId}");
    }

    // A form sent back with errors still needs the program, the roles and the skill catalogue.
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form ??= await mediator.Send(new EnrolInProgram.FormQuery(ProgramId), cancellationToken);
}

/// <summary>A participant enrols in a program with their profile, edits it, or enrols again after withdrawing.</summary>
public static class EnrolInProgram
{
    public sealed record SkillOption(int Id, string Name, bool IsRetired);

    public sealed record Form(
        int ProgramId,
        string ProgramName,
        SessionFormats ProgramFormats,
        IReadOnlyList<ParticipantRole> Roles,
        IReadOnlyList<SkillOption> Skills,
        EnrolmentStatus? Status,
        string? Refusal,
        Command Current)
    {
        public bool IsEdit => Status is not null and not EnrolmentStatus.Withdrawn;

        public bool IsReEnrolment => Status == EnrolmentStatus.Withdrawn;
    }

    /// <summary>What the form needs: the program, the roles the person may take, the skills, and their profile so far.</summary>
    [AllowedRoles(Domain.Roles.Mentor, Domain.Roles.Mentee)]
    public sealed record FormQuery(int ProgramId) : IQuery<Form>;

    public sealed class FormHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<FormQuery, Form>
    {
        public async ValueTask<Form> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var enrolment = await db.Enrolments.AsNoTracking()
                .Include(e => e.Skills)
                .Include(e => e.Availability)
                .SingleOrDefaultAsync(e => e.ProgramId == program.Id && e.UserId == userId, cancellationToken);
            if (program.Status == ProgramStatus.Draft && enrolment is null)
            {
                throw new NotFoundException();
            }

            var roles = HeldRoles(current);
            var used = enrolment?.Skills.Select(s => s.SkillId).ToList() ?? [];
            var skills = await db.Skills.AsNoTracking()
                .Where(s => !s.IsRetired || used.Contains(s.Id))
                .OrderBy(s => s.Name)
                .Select(s => new SkillOption(s.Id, s.Name, s.IsRetired))
                .ToListAsync(cancellationToken);

            Command command;
            if (enrolment is null)
            {
                var timeZone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
                command = new Command
                {
                    ProgramId = program.Id,
                    Role = roles.Count == 1 ? roles[0] : null,
                    TimeZoneId = timeZone,
                    Formats = EnrolmentRules.EachFormat.Where(f => program.Formats.HasFlag(f)).ToList(),
                };
            }
            else
            {
                command = new Command
                {
                    ProgramId = program.Id,
                    Version = enrolment.Status == EnrolmentStatus.Withdrawn ? null : enrolment.Version,
                    Role = enrolment.Role,
                    Department = enrolment.Department,
                    JobLevel = enrolment.JobLevel,
                    ManagerEmail = enrolment.ManagerEmail,
                    Location = enrolment.Location,
                    TimeZoneId = enrolment.TimeZoneId,
                    Formats = EnrolmentRules.EachFormat.Where(f => enrolment.Formats.HasFlag(f)).ToList(),
                    Availability = enrolment.Availability.OrderBy(s => s.Day == DayOfWeek.Sunday ? 7 : (int)s.Day).ThenBy(s => s.Starts)
                        .Select(s => new Slot { Day = s.Day, From = s.Starts, To = s.Ends }).ToList(),
                    Skills = enrolment.Skills.OrderByDescending(s => s.Level)
                        .Select(s => new SkillLevel { SkillId = s.SkillId, Level = s.Level }).ToList(),
                    Interests = enrolment.Interests,
                    Goals = enrolment.Goals,
                    Consent = enrolment.Status != EnrolmentStatus.Withdrawn && enrolment.ConsentedAtUtc is not null,
                };
            }

            return new Form(program.Id, program.Name, program.Formats, roles, skills, enrolment?.Status,
                EnrolmentRules.Refusal(program, EnrolmentRules.Today(clock)), command);
        }
    }

    public sealed record Result(int EnrolmentId);

    [AllowedRoles(Domain.Roles.Mentor, Domain.Roles.Mentee)]
    public sealed class Command : ICommand<Result>
    {
        public int ProgramId { get; set; }

        /// <summary>The version of the enrolment being edited; empty when enrolling.</summary>
        public Guid? Version { get; set; }

        public ParticipantRole? Role { get; set; }

        public string? Department { get; set; }

        public string? JobLevel { get; set; }

        public string? ManagerEmail { get; set; }

        public string? Location { get; set; }

        public string? TimeZoneId { get; set; } = "UTC";

        public List<SessionFormats> Formats { get; set; } = [];

        public List<Slot> Availability { get; set; } = [];

        public List<SkillLevel> Skills { get; set; } = [];

        public string? Interests { get; set; }

        public string? Goals { get; set; }

        public bool Consent { get; set; }

        internal IEnumerable<Slot> FilledSlots => Availability.Where(s => !s.IsBlank);

        internal IEnumerable<SkillLevel> FilledSkills => Skills.Where(s => !s.IsBlank);
    }

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

    public static IReadOnlyList<ParticipantRole> HeldRoles(CurrentUser current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var roles = new List<ParticipantRole>();
        if (current.IsInRole(Domain.Roles.Mentor))
        {
            roles.Add(ParticipantRole.Mentor);
        }

        if (current.IsInRole(Domain.Roles.Mentee))
        {
            roles.Add(ParticipantRole.Mentee);
        }

        return roles;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, CurrentUser current, TimeProvider clock)
        {
            RuleFor(c => c).CustomAsync(async (command, context, ct) =>
            {
                var userId = current.Id;
                var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ProgramId, ct);
                var enrolment = await db.Enrolments.AsNoTracking()
                    .Where(e => e.ProgramId == command.ProgramId && e.UserId == userId)
                    .Select(e => new { e.Status })
                    .SingleOrDefaultAsync(ct);

                // Programs the person may not see are the handler's to refuse, as not found.
                if (program is null || (program.Status == ProgramStatus.Draft && enrolment is null))
                {
                    return;
                }

                if (EnrolmentRules.Refusal(program, EnrolmentRules.Today(clock)) is { } refusal)
                {
                    context.AddFailure(new ValidationFailure(nameof(Command.ProgramId), refusal));
                }
                else if (command.Version is null && enrolment is not null && enrolment.Status != EnrolmentStatus.Withdrawn)
                {
                    context.AddFailure(new ValidationFailure(nameof(Command.ProgramId), "You are already enrolled in this program."));
                }

                var chosen = EnrolmentRules.Combine(command.Formats);
                if (chosen == SessionFormats.None || (chosen & program.Formats) == SessionFormats.None)
                {
                    context.AddFailure(new ValidationFailure(nameof(Command.Formats),
                        $"Choose at least one way of meeting that this program uses: {EnrolmentRules.Formats(program.Formats)}."));
                }
            });

            RuleFor(c => c.Role).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose whether you take part as a mentor or as a mentee.")
                .Must(role => HeldRoles(current).Contains(role!.Value))
                .WithMessage(c => $"You can only take part as a role you hold, and you are not a {c.Role.ToString()!.ToLowerInvariant()}. Ask your HR coordinator if you should be.");

            RuleFor(c => c.Department).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter your department.")
                .MaximumLength(Enrolment.TextMaxLength).WithMessage("A department has at most 100 characters.");

            RuleFor(c => c.JobLevel).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter your job level, for example Graduate, Manager or Director.")
                .MaximumLength(Enrolment.TextMaxLength).WithMessage("A job level has at most 100 characters.");

            RuleFor(c => c.Location).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter where you work: an office or a city.")
                .MaximumLength(Enrolment.TextMaxLength).WithMessage("A location has at most 100 characters.");

            When(c => !string.IsNullOrWhiteSpace(c.ManagerEmail), () =>
            {
                RuleFor(c => c.ManagerEmail!).Cascade(CascadeMode.Stop)
                    .MaximumLength(Invitation.EmailMaxLength).WithMessage("An e-mail address has at most 256 characters.")
                    .Must(email => EnrolmentRules.IsEmail(email.Trim())).WithMessage("Enter your manager's e-mail address like name@company.com, or leave it empty.")
                    .MustAsync(async (email, ct) =>
                    {
                        var userId = current.Id;
                        var own = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
                        return !string.Equals(own, email.Trim(), StringComparison.OrdinalIgnoreCase);
                    })
                    .WithMessage("Enter your manager's e-mail address, not your own.");
            });

            RuleFor(c => c.TimeZoneId)
                .Must(EnrolmentRules.IsKnownTimeZone).WithMessage("Choose your time zone from the list.");

            RuleForEach(c => c.Availability).Where(s => !s.IsBlank).ChildRules(slot =>
            {
                slot.RuleFor(s => s.Day).NotNull().WithMessage("Choose a day.");
                slot.RuleFor(s => s.From).NotNull().WithMessage("Enter a start time.");
                slot.RuleFor(s => s.To).NotNull().WithMessage("Enter an end time.");
                slot.RuleFor(s => s.To)
                    .Must((s, to) => s.From < to).When(s => s.From is not null && s.To is not null)
                    .WithMessage("The end time must be after the start time.");
            });

            RuleFor(c => c.Availability).Custom((slots, context) =>
            {
                var filled = slots.Where(s => !s.IsBlank).ToList();
                if (filled.Count == 0)
                {
                    context.AddFailure("Add at least one weekly time when you can meet.");
                }
                else if (EnrolmentRules.Overlap(filled.Where(s => s is { Day: not null, From: not null, To: not null })
                    .Select(s => (s.Day!.Value, s.From!.Value, s.To!.Value))) is { } overlap)
                {
                    context.AddFailure(overlap);
                }
            });

            RuleForEach(c => c.Skills).Where(s => !s.IsBlank).ChildRules(skill =>
            {
                skill.RuleFor(s => s.SkillId).NotNull().WithMessage("Choose a skill.");
                skill.RuleFor(s => s.Level).NotNull().WithMessage("Choose a level from 1 (beginner) to 5 (expert).")
                    .InclusiveBetween(EnrolmentSkill.MinLevel, EnrolmentSkill.MaxLevel).WithMessage("Choose a level from 1 (beginner) to 5 (expert).");
            });

            RuleFor(c => c.Skills).CustomAsync(async (skills, context, ct) =>
            {
                var command = context.InstanceToValidate;
                var filled = skills.Select((s, i) => (Skill: s, Index: i)).Where(s => !s.Skill.IsBlank).ToList();
                if (filled.Count == 0)
                {
                    context.AddFailure(command.Role == ParticipantRole.Mentee
                        ? "Add at least one skill you want to learn."
                        : "Add at least one skill you can teach.");
                    return;
                }

                var ids = filled.Where(s => s.Skill.SkillId is not null).Select(s => s.Skill.SkillId!.Value).Distinct().ToList();
                var known = await db.Skills.AsNoTracking().Where(s => ids.Contains(s.Id) && !s.IsRetired)
                    .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
                var seen = new HashSet<int>();
                foreach (var (skill, index) in filled.Where(s => s.Skill.SkillId is not null))
                {
                    var id = skill.SkillId!.Value;
                    if (!known.TryGetValue(id, out var name))
                    {
                        context.AddFailure(new ValidationFailure($"{nameof(Command.Skills)}[{index}].{nameof(SkillLevel.SkillId)}",
                            "Unknown skill: choose one from the list."));
                    }
                    else if (!seen.Add(id))
                    {
                        context.AddFailure(new ValidationFailure($"{nameof(Command.Skills)}[{index}].{nameof(SkillLevel.SkillId)}",
                            $"{name} is listed twice. Keep it once, with one level."));
                    }
                }
            });

            RuleFor(c => c.Interests)
                .MaximumLength(Enrolment.InterestsMaxLength).WithMessage("Interests have at most 1,000 characters.");

            RuleFor(c => c.Goals).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Say in your own words what you hope to get from the program.")
                .MaximumLength(Enrolment.GoalsMaxLength).WithMessage("Goals have at most 2,000 characters.");

            RuleFor(c => c.Consent)
                .Equal(true).WithMessage("Tick the box to agree to the program's terms; you cannot take part without agreeing.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var enrolment = await db.Enrolments
                .Include(e => e.Skills).ThenInclude(s => s.Skill)
                .Include(e => e.Availability)
                .SingleOrDefaultAsync(e => e.ProgramId == program.Id && e.UserId == userId, cancellationToken);
            if ((program.Status == ProgramStatus.Draft && enrolment is null) || (command.Version is not null && enrolment is null))
            {
                throw new NotFoundException();
            }

            if (enrolment is null)
            {
                enrolment = new Enrolment { ProgramId = program.Id, UserId = userId, Status = EnrolmentStatus.Pending, ConsentedAtUtc = now, CreatedAtUtc = now };
                db.Enrolments.Add(enrolment);
                Apply(command, enrolment);
                enrolment.History.Add(new EnrolmentHistory
                {
                    AtUtc = now,
                    ByUserId = userId,
                    Event = "Submitted",
                    Detail = $"Enrolled as {command.Role!.Value.ToString().ToLowerInvariant()} and agreed to the program's terms.",
                });
            }
            else
            {
                if (command.Version is { } version)
                {
                    db.Entry(enrolment).Property(e => e.Version).OriginalValue = version;
                }

                if (enrolment.Status == EnrolmentStatus.Withdrawn)
                {
                    Apply(command, enrolment);
                    enrolment.Reenrol(userId, now, $"Enrolled again as {command.Role!.Value.ToString().ToLowerInvariant()} and agreed to the program's terms.");
                }
                else
                {
                    var changed = Apply(command, enrolment);
                    enrolment.UpdatedAtUtc = now;
                    enrolment.History.Add(new EnrolmentHistory
                    {
                        AtUtc = now,
                        ByUserId = userId,
                        Event = "Edited",
                        Detail = changed.Count == 0 ? "Saved with no changes." : $"Changed {Join(changed)}.",
                    });
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "",
                    "Your enrolment was changed elsewhere while you were editing (in another tab, or by HR). Reload to see the changes; yours were not saved.");
            }
            catch (DbUpdateException)
            {
                // Two submissions at once: the unique index keeps one.
                throw RequestValidationException.For(command, nameof(Command.ProgramId), "You are already enrolled in this program.");
            }

            return new Result(enrolment.Id);
        }

        /// <summary>Copies the form onto the enrolment and names the parts that changed.</summary>
        private List<string> Apply(Command command, Enrolment enrolment)
        {
            var changed = new List<string>();
            void Set<T>(string part, T before, T after, Action<T> assign)
            {
                if (!EqualityComparer<T>.Default.Equals(before, after))
                {
                    changed.Add(part);
                    assign(after);
                }
            }

            var role = command.Role!.Value;
            Set("role", enrolment.Role, role, v => enrolment.Role = v);
            Set("department", enrolment.Department, command.Department!.Trim(), v => enrolment.Department = v);
            Set("job level", enrolment.JobLevel, command.JobLevel!.Trim(), v => enrolment.JobLevel = v);
            Set("manager", enrolment.ManagerEmail, string.IsNullOrWhiteSpace(command.ManagerEmail) ? null : command.ManagerEmail.Trim(), v => enrolment.ManagerEmail = v);
            Set("location", enrolment.Location, command.Location!.Trim(), v => enrolment.Location = v);
            Set("time zone", enrolment.TimeZoneId, command.TimeZoneId!, v => enrolment.TimeZoneId = v);
            Set("formats", enrolment.Formats, EnrolmentRules.Combine(command.Formats), v => enrolment.Formats = v);
            Set("interests", enrolment.Interests, command.Interests?.Trim() ?? "", v => enrolment.Interests = v);
            Set("goals", enrolment.Goals, command.Goals!.Trim(), v => enrolment.Goals = v);

            var slots = command.FilledSlots.Select(s => (Day: s.Day!.Value, From: s.From!.Value, To: s.To!.Value)).Distinct().ToList();
            if (!enrolment.Availability.Select(s => (s.Day, s.Starts, s.Ends)).ToHashSet().SetEquals(slots))
            {
                changed.Add("availability");
                db.AvailabilitySlots.RemoveRange(enrolment.Availability);
                enrolment.Availability.Clear();
                enrolment.Availability.AddRange(slots.Select(s => new AvailabilitySlot { Day = s.Day, Starts = s.From, Ends = s.To }));
            }

            // Kept in place rather than replaced, so that a skill kept at another level stays the same row.
            var direction = role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn;
            var wanted = command.FilledSkills.ToDictionary(s => s.SkillId!.Value, s => s.Level!.Value);
            var skillsChanged = false;
            foreach (var existing in enrolment.Skills.ToList())
            {
                if (!wanted.TryGetValue(existing.SkillId, out var level))
                {
                    db.EnrolmentSkills.Remove(existing);
                    enrolment.Skills.Remove(existing);
                    skillsChanged = true;
                }
                else if (existing.Level != level || existing.Direction != direction)
                {
                    existing.Level = level;
                    existing.Direction = direction;
                    skillsChanged = true;
                }
            }

            foreach (var (skillId, level) in wanted.Where(w => enrolment.Skills.All(s => s.SkillId != w.Key)))
            {
                enrolment.Skills.Add(new EnrolmentSkill { SkillId = skillId, Level = level, Direction = direction });
                skillsChanged = true;
            }

            if (skillsChanged)
            {
                changed.Add("skills");
            }

            return changed;
        }

        private static string Join(List<string> parts) =>
            parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";
    }
}
