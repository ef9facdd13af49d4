using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

[Authorize(Policy = PagePolicies.ProgramPeople)]
public sealed class RecordKnowledgeAttendanceModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public RecordKnowledgeAttendance.Command Data { get; set; } = new();

    public RecordKnowledgeAttendance.Form Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new RecordKnowledgeAttendance.Query(Id), cancellationToken);
        Data = new RecordKnowledgeAttendance.Command { SessionId = Id, AttendedUserIds = Form.People.Where(p => p.Attended).Select(p => p.UserId).ToList() };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.SessionId = Id;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect(KnowledgeRules.Link(Id));
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form ??= await mediator.Send(new RecordKnowledgeAttendance.Query(Id), cancellationToken);
}

/// <summary>
/// Once the session has started, its host ticks who of those booked came (and may correct it later); the session is then
/// held, and those who came may give feedback. Only the host opens it: anyone else gets 404.
/// </summary>
public static class RecordKnowledgeAttendance
{
    public sealed record Attendee(string UserId, string Name, bool Attended);

    public sealed record Form(int SessionId, string Title, string When, bool HasStarted, bool Cancelled, IReadOnlyList<Attendee> People);

    [AllowedRoles(Roles.Mentor, Roles.HrCoordinator)]
    public sealed record Query(int SessionId) : IQuery<Form>;

    public sealed class QueryHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Form>
    {
        public async ValueTask<Form> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var (session, _) = await KnowledgeRules.SessionAsync(db, current, query.SessionId, track: false, cancellationToken);
            if (session.HostUserId != userId)
            {
                throw new NotFoundException();
            }

            var zone = await KnowledgeRules.ZoneAsync(db, userId, cancellationToken);
            var people = session.Seats.Where(s => s.State == KnowledgeSeatState.Booked)
                .OrderBy(s => s.User?.DisplayName, StringComparer.CurrentCultureIgnoreCase)
                .Select(s => new Attendee(s.UserId, s.User?.DisplayName ?? "", s.Attended)).ToList();
            return new Form(session.Id, session.Title, KnowledgeRules.When(session, zone), session.StartsAtUtc <= clock.GetUtcNow().UtcDateTime,
                session.Status == KnowledgeSessionStatus.Cancelled, people);
        }
    }

    [AllowedRoles(Roles.Mentor, Roles.HrCoordinator)]
    public sealed class Command : ICommand<Unit>
    {
        public int SessionId { get; set; }

        public List<string> AttendedUserIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.AttendedUserIds)
            .Must(ids => ids is null || ids.Count <= KnowledgeSession.MaxCapacity)
            .WithMessage("Tick only people with a booked seat.");
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var (session, _) = await KnowledgeRules.SessionAsync(db, current, command.SessionId, track: true, cancellationToken);
            if (session.HostUserId != current.RequireId())
            {
                throw new NotFoundException();
            }

            var attended = (command.AttendedUserIds ?? []).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
            try
            {
                session.RecordAttendance(attended, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException refused)
            {
                throw RequestValidationException.For(command, nameof(Command.AttendedUserIds), refused.Message);
            }

            await KnowledgeRules.SaveAsync(db, command, cancellationToken);
            return Unit.Value;
        }
    }
}
