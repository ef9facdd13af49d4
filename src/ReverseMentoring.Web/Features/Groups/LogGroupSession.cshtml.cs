using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Groups;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class LogGroupSessionModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public LogGroupSession.Command Data { get; set; } = new();

    public LogGroupSession.Form Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new LogGroupSession.FormQuery(Id), cancellationToken);
        Data = new LogGroupSession.Command
        {
            SessionId = Id,
            Version = Form.Version,
            HeldMinutes = Form.HeldMinutes,
            Notes = Form.Notes,
            NotesSharedWithHr = Form.NotesSharedWithHr,
            AttendedPairIds = Form.Members.Where(m => m.Attended).Select(m => m.PairId).ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.SessionId = Id;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Participant/GroupSessions/{Id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form ??= await mediator.Send(new LogGroupSession.FormQuery(Id), cancellationToken);
}

/// <summary>
/// The group's mentor logs the one session for everyone: minutes, notes and which mentees came. Members read it; only
/// the mentor writes it, so there is one log, not one per pair.
/// </summary>
public static class LogGroupSession
{
    public sealed record Member(int PairId, string Name, bool Attended);

    public sealed record Form(int Id, Guid Version, string GroupName, string When, bool IAmMentor, string? Refusal, int HeldMinutes, string? Notes, bool NotesSharedWithHr, IReadOnlyList<Member> Members);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record FormQuery(int SessionId) : IQuery<Form>;

    public sealed class FormHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<FormQuery, Form>
    {
        public async ValueTask<Form> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var (session, sides) = await GroupRules.SessionAsync(db, query.SessionId, current.RequireId(), track: false, cancellationToken)
                ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;
            var held = session.Status == SessionStatus.Held;
            var attended = session.Attendance.Where(a => a.Attended).Select(a => a.PairId).ToHashSet();
            return new Form(
                session.Id, session.Version, sides.Group.Name,
                SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, sides.Me.ZoneId),
                sides.IAmMentor,
                sides.IAmMentor ? Session.LogRefusal(session.Status, session.StartsAtUtc, now) : GroupRules.OnlyMentorMessage,
                session.HeldMinutes ?? session.DurationMinutes,
                sides.IAmMentor ? session.Notes : null,
                session.NotesSharedWithHr,
                sides.Members.Select(m => new Member(m.PairId!.Value, m.Name, held ? attended.Contains(m.PairId!.Value) : true)).ToList());
        }
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<Unit>
    {
        public int SessionId { get; set; }

        public Guid Version { get; set; }

        public int HeldMinutes { get; set; }

        public string? Notes { get; set; }

        public bool NotesSharedWithHr { get; set; }

        public List<int> AttendedPairIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.HeldMinutes)
                .InclusiveBetween(1, Session.MaxMinutes)
                .WithMessage($"Enter how many minutes you met, from 1 to {Session.MaxMinutes}.");
            RuleFor(c => c.Notes)
                .MaximumLength(Session.NotesMaxLength)
                .WithMessage($"Notes have at most {Session.NotesMaxLength:N0} characters; shorten them.");
            RuleFor(c => c.AttendedPairIds)
                .Must(ids => ids is null || ids.Count <= 50)
                .WithMessage("Tick only the group's own members.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var (session, sides) = await GroupRules.SessionAsync(db, command.SessionId, userId, track: true, cancellationToken)
                ?? throw new NotFoundException();
            if (!sides.IAmMentor)
            {
                throw RequestValidationException.For(command, "", GroupRules.OnlyMentorMessage);
            }

            var attended = (command.AttendedPairIds ?? []).Distinct().ToList();
            if (attended.Any(id => sides.Members.All(m => m.PairId != id)))
            {
                throw RequestValidationException.For(command, nameof(Command.AttendedPairIds), Session.AttendeeOutsideGroupMessage);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var members = await db.MentoringGroupMembers.AsNoTracking().Where(m => m.GroupId == sides.Group.Id).ToListAsync(cancellationToken);
            try
            {
                session.Log(userId, command.HeldMinutes, session.Topics.Where(t => t.Kind == SessionTopicKind.Agenda).Select(t => t.ProgramTopicId).ToList(),
                    command.Notes, command.NotesSharedWithHr, null, now);
                session.RecordAttendance(members, attended);
            }
            catch (DomainRuleException refused)
            {
                throw RequestValidationException.For(command, "", refused.Message);
            }

            db.Entry(session).Property(s => s.Version).OriginalValue = command.Version;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", SessionRules.ConflictMessage);
            }

            return Unit.Value;
        }
    }
}
