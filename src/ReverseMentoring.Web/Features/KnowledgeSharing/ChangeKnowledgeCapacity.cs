using FluentValidation;
using Mediator;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

/// <summary>The host changes the number of seats: never below those booked; new seats go to the wait list in order, each e-mailed.</summary>
public static class ChangeKnowledgeCapacity
{
    [AllowedRoles(Roles.Mentor, Roles.HrCoordinator)]
    public sealed class Command : ICommand<Unit>
    {
        public int SessionId { get; set; }

        public int Capacity { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Capacity)
            .InclusiveBetween(KnowledgeSession.MinCapacity, KnowledgeSession.MaxCapacity).WithMessage(KnowledgeSession.CapacityMessage);
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var (session, _) = await KnowledgeRules.SessionAsync(db, current, command.SessionId, track: true, cancellationToken);
            if (session.HostUserId != current.RequireId())
            {
                throw new NotFoundException();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            IReadOnlyList<KnowledgeSessionSeat> promoted;
            try
            {
                promoted = session.ChangeCapacity(command.Capacity, now);
            }
            catch (DomainRuleException refused)
            {
                throw RequestValidationException.For(command, nameof(Command.Capacity), refused.Message);
            }

            var link = links.To(KnowledgeRules.Link(session.Id));
            await outbox.QueueAsync(promoted.Where(s => s.User is not null).Select(s => KnowledgeMail.Promoted(session, s, s.User!, link, now)).ToList(), cancellationToken);
            await KnowledgeRules.SaveAsync(db, command, cancellationToken);
            return Unit.Value;
        }
    }
}
