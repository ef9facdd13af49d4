using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Groups;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class ViewGroupSessionModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public CancelGroupSession.Command Cancel { get; set; } = new();

    public ViewGroupSession.Result Session { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Session = await mediator.Send(new ViewGroupSession.Query(Id), cancellationToken);
        Cancel = new CancelGroupSession.Command { SessionId = Id, Version = Session.Version };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Cancel.SessionId = Id;
        await mediator.Send(Cancel, cancellationToken);
        return LocalRedirect($"/Participant/GroupSessions/{Id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Session ??= await mediator.Send(new ViewGroupSession.Query(Id), cancellationToken);
}

/// <summary>A group session as its mentor and members see it: when, where, who, and who came once it is logged.</summary>
public static class ViewGroupSession
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int SessionId) : IQuery<Result>;

    public sealed record Attendee(string Name, bool IsMentor, bool? Attended);

    public sealed record Result(
        int Id, Guid Version, int GroupId, string GroupName, string ProgramName, string When, string Zone, SessionFormats Format, string Location,
        SessionStatus Status, bool IAmMentor, bool CanChange, bool CanLog, IReadOnlyList<string> Agenda, IReadOnlyList<Attendee> Attendees, string? CancelReason)
    {
        public string FormatText => EnrolmentRules.Describe(Format);

        public bool IsMeetingLink => Format == SessionFormats.Virtual && SessionRules.IsMeetingLink(Location);
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (session, sides) = await GroupRules.SessionAsync(db, query.SessionId, current.RequireId(), track: false, cancellationToken)
                ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;
            var attended = session.Attendance.ToDictionary(a => a.PairId, a => a.Attended);
            var attendees = new List<Attendee> { new(sides.Mentor.Name, true, null) };
            attendees.AddRange(sides.Members.Select(m => new Attendee(m.Name, false,
                session.Status == SessionStatus.Held && attended.TryGetValue(m.PairId!.Value, out var came) ? came : null)));
            return new Result(
                session.Id, session.Version, sides.Group.Id, sides.Group.Name, sides.Program.Name,
                SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, sides.Me.ZoneId), SessionTimes.Zone(sides.Me.ZoneId).Id,
                session.Format, session.Location, session.Status, sides.IAmMentor,
                sides.IAmMentor && session.CanChange(now),
                sides.IAmMentor && Session.LogRefusal(session.Status, session.StartsAtUtc, now) is null,
                SessionRules.Agenda(session, sides.Program), attendees, session.CancelReason);
        }
    }
}

/// <summary>The group's mentor calls off a planned group session for everyone, with a reason each member reads.</summary>
public static class CancelGroupSession
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<Unit>
    {
        public int SessionId { get; set; }

        public Guid Version { get; set; }

        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Say why you cancel; every member reads it.")
                .MaximumLength(Session.ReasonMaxLength).WithMessage($"A reason has at most {Session.ReasonMaxLength} characters; shorten it.");
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var (session, sides) = await GroupRules.SessionAsync(db, command.SessionId, userId, track: true, cancellationToken)
                ?? throw new NotFoundException();
            if (!sides.IAmMentor)
            {
                throw RequestValidationException.For(command, nameof(Command.Reason), GroupRules.OnlyMentorMessage);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            session.Cancel(userId, command.Reason, now);
            await outbox.QueueAsync(GroupRules.Mail(SessionMail.Change.Cancelled, session, sides, links.To($"/Participant/GroupSessions/{session.Id}"), now), cancellationToken);
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
