using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Groups;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class CreateGroupModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public CreateGroup.Command Data { get; set; } = new();

    public CreateGroup.Form Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new CreateGroup.FormQuery(ProgramId), cancellationToken);
        Data = new CreateGroup.Command { ProgramId = ProgramId };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        var id = await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Participant/Groups/{id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form ??= await mediator.Send(new CreateGroup.FormQuery(ProgramId), cancellationToken);
}

/// <summary>
/// A mentor puts some of their accepted pairs in a program together as a group: they then meet in one session, with
/// one calendar file, one log and one thread of messages.
/// </summary>
public static class CreateGroup
{
    public sealed record Mentee(int PairId, string Name);

    /// <summary>The mentor's accepted pairs not yet in a live group, and the groups they already run in the program.</summary>
    public sealed record Form(int ProgramId, string ProgramName, IReadOnlyList<Mentee> Mentees, IReadOnlyList<string> ExistingGroups);

    /// <summary>404 unless the caller is a mentor in the program.</summary>
    [AllowedRoles(Roles.Mentor)]
    public sealed record FormQuery(int ProgramId) : IQuery<Form>;

    public sealed class FormHandler(AppDbContext db, CurrentUser current) : IQueryHandler<FormQuery, Form>
    {
        public async ValueTask<Form> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var mentor = await MentorAsync(db, query.ProgramId, current.RequireId(), cancellationToken) ?? throw new NotFoundException();
            var grouped = await GroupedPairIdsAsync(db, mentor.Id, cancellationToken);
            var mentees = await db.Pairs.AsNoTracking().Active()
                .Where(p => p.MentorEnrolmentId == mentor.Id && !grouped.Contains(p.Id))
                .OrderBy(p => p.MenteeEnrolment!.User!.DisplayName).ThenBy(p => p.Id)
                .Select(p => new Mentee(p.Id, p.MenteeEnrolment!.User!.DisplayName))
                .ToListAsync(cancellationToken);
            var groups = await db.MentoringGroups.AsNoTracking()
                .Where(g => g.MentorEnrolmentId == mentor.Id && g.EndedAtUtc == null)
                .OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(cancellationToken);
            var programName = await db.Programs.Where(p => p.Id == query.ProgramId).Select(p => p.Name).SingleAsync(cancellationToken);
            return new Form(query.ProgramId, programName, mentees, groups);
        }
    }

    [AllowedRoles(Roles.Mentor)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }

        public string Name { get; set; } = "";

        public List<int> PairIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Give the group a name, such as \"Thursday circle\".")
                .MaximumLength(MentoringGroup.NameMaxLength).WithMessage($"A group's name has at most {MentoringGroup.NameMaxLength} characters; shorten it.");
            RuleFor(c => c.PairIds)
                .Must(ids => ids is not null && ids.Distinct().Count() >= MentoringGroup.MinMembers)
                .WithMessage(MentoringGroup.TooFewMessage);
            RuleFor(c => c.PairIds)
                .Must(ids => ids is null || ids.Count <= 50)
                .WithMessage("Choose at most 50 mentees.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var mentor = await MentorAsync(db, command.ProgramId, userId, cancellationToken) ?? throw new NotFoundException();
            var ids = command.PairIds.Distinct().ToList();

            // Only the caller's own pairs are read: another mentor's pair id is refused like a made-up one, without a hint.
            var pairs = await db.Pairs.Where(p => ids.Contains(p.Id) && p.MentorEnrolmentId == mentor.Id).ToListAsync(cancellationToken);
            if (pairs.Count != ids.Count)
            {
                throw RequestValidationException.For(command, nameof(Command.PairIds), MentoringGroup.NotYourPairMessage);
            }

            var grouped = await GroupedPairIdsAsync(db, mentor.Id, cancellationToken);
            MentoringGroup group;
            try
            {
                group = MentoringGroup.Create(userId, mentor, command.Name, pairs, grouped, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException refused)
            {
                var field = refused.Message == MentoringGroup.NameMessage ? nameof(Command.Name) : nameof(Command.PairIds);
                throw RequestValidationException.For(command, field, refused.Message);
            }

            db.MentoringGroups.Add(group);
            await db.SaveChangesAsync(cancellationToken);
            return group.Id;
        }
    }

    private static Task<Enrolment?> MentorAsync(AppDbContext db, int programId, string userId, CancellationToken cancellationToken) =>
        db.Enrolments.AsNoTracking()
            .Where(e => e.ProgramId == programId && e.UserId == userId && e.Role == ParticipantRole.Mentor)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The mentor's pairs already in a live group.</summary>
    public static Task<List<int>> GroupedPairIdsAsync(AppDbContext db, int mentorEnrolmentId, CancellationToken cancellationToken) =>
        db.MentoringGroupMembers.AsNoTracking()
            .Where(m => db.MentoringGroups.Any(g => g.Id == m.GroupId && g.MentorEnrolmentId == mentorEnrolmentId && g.EndedAtUtc == null))
            .Select(m => m.PairId)
            .ToListAsync(cancellationToken);
}
