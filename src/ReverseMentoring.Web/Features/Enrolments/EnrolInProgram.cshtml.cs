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
using ReverseMentoring.Web.Features.Coordinator;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Enrolments;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class EnrolInProgramModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    /// <summary>Empty rows the form opens with: with the script people add more as they go; without it, one more each save.</summary>
    public const int BlankRows = 1;

    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public EnrolInProgram.Command Data { get; set; } = new();

    public EnrolInProgram.Form Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new EnrolInProgram.FormQuery(ProgramId), cancellationToken);
        Data = Form.Current;

        // Without JavaScript, an empty row is how a person adds a slot or a skill (one per save); the script adds more in place.
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
public static partial class EnrolInProgram
{
    public sealed record Result(int EnrolmentId);

    /// <summary>The profile the person enrols with, in the program they choose.</summary>
    [AllowedRoles(Domain.Roles.Mentor, Domain.Roles.Mentee)]
    public sealed class Command : EnrolmentProfile, ICommand<Result>
    {
        public int ProgramId { get; set; }

        /// <summary>The version of the enrolment being edited; empty when enrolling.</summary>
        public Guid? Version { get; set; }
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

    /// <summary>Whether the program takes the enrolment and the person may take the role; the profile's own rules are <see cref="EnrolmentProfileValidator"/>'s.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        private static readonly EnrolmentProfileValidator Profile = new();

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

                // The chart, not the form, decides these where it has the person: set before the profile's rules run, so
                // a tampered field neither fails validation nor sticks.
                var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
                if ((await OrgChartSync.PlacementsAsync(db, email is null ? [] : [email], ct)).Values.SingleOrDefault() is { } placement)
                {
                    FromOrgChart(command, placement);
                }

                var ids = command.FilledSkills.Where(s => s.SkillId is not null).Select(s => s.SkillId!.Value).Distinct().ToList();
                var skills = await db.Skills.AsNoTracking().Where(s => ids.Contains(s.Id) && !s.IsRetired)
                    .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
                var ownEmail = string.IsNullOrWhiteSpace(command.ManagerEmail)
                    ? null
                    : await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
                foreach (var failure in Profile.Validate(command, new EnrolmentProfileFacts(program.Formats, skills, ownEmail)).Errors)
                {
                    context.AddFailure(failure);
                }
            });

            RuleFor(c => c.Role)
                .Must(role => HeldRoles(current).Contains(role!.Value)).When(c => c.Role is not null)
                .WithMessage(c => $"You can only take part as a role you hold, and you are not a {c.Role.ToString()!.ToLowerInvariant()}. Ask your HR coordinator if you should be.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, Result>
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

            var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            if ((await OrgChartSync.PlacementsAsync(db, email is null ? [] : [email], cancellationToken)).Values.SingleOrDefault() is { } placement)
            {
                FromOrgChart(command, placement);
            }

            var submitted = enrolment is null || enrolment.Status == EnrolmentStatus.Withdrawn;
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

            if (submitted)
            {
                // Saved in the same transaction as the enrolment, whose id the alert names.
                var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
                await CoordinatorAlerts.RaiseAsync(db, outbox, links, CoordinatorAlert.EnrolmentSubmitted(enrolment, name, now), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
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
