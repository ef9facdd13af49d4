using FluentValidation;
using Mediator;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

/// <summary>The host calls the session off before it starts; everyone booked is e-mailed the reason and a calendar cancellation.</summary>
public static class CancelKnowledgeSession
{
    [AllowedRoles(Roles.Mentor, Roles.HrCoordinator)]
    public sealed class Command : ICommand<Unit>
    {
        public int SessionId { get; set; }

        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Say why you cancel; everyone booked reads it.")
            .MaximumLength(KnowledgeSession.ReasonMaxLength).WithMessage($"A reason has at most {KnowledgeSession.ReasonMaxLength} characters; shorten it.");
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
            session.Cancel(command.Reason, now);
            var booked = session.Seats.Where(s => s.State == KnowledgeSeatState.Booked && s.User is not null).Select(s => s.User!).ToList();
            await outbox.QueueAsync(booked.Select(person => KnowledgeMail.Cancelled(session, person, links.To("/Participant/Knowledge"), now)).ToList(), cancellationToken);
            await KnowledgeRules.SaveAsync(db, command, cancellationToken);
            return Unit.Value;
        }
    }
}
