using FluentValidation;
using Mediator;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

/// <summary>A senior gives up their seat (or place in line); a freed seat goes to the first on the wait list, who is e-mailed.</summary>
public static class GiveUpKnowledgeSeat
{
    [AllowedRoles(Roles.Mentee)]
    public sealed class Command : ICommand<Unit>
    {
        public int SessionId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.SessionId).GreaterThan(0).WithMessage("Choose a session.");
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var (session, _) = await KnowledgeRules.SessionAsync(db, current, command.SessionId, track: true, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var promoted = session.CancelSeat(current.RequireId(), now);
            await KnowledgeRules.SaveAsync(db, command, cancellationToken);
            if (promoted is { User: { } person })
            {
                await outbox.QueueAsync(KnowledgeMail.Promoted(session, promoted, person, links.To(KnowledgeRules.Link(session.Id)), now), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            return Unit.Value;
        }
    }
}
