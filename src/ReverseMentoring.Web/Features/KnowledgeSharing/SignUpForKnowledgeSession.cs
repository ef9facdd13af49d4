using FluentValidation;
using Mediator;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

/// <summary>
/// A senior of the program takes a seat, or the next place on the wait list once the seats are gone, and is told which.
/// A confirmed seat is e-mailed with its calendar file.
/// </summary>
public static class SignUpForKnowledgeSession
{
    [AllowedRoles(Roles.Mentee)]
    public sealed class Command : ICommand<SignUpResult>
    {
        public int SessionId { get; set; }
    }

    /// <summary>Booked, or waiting at <see cref="Position"/> (1 = next in line).</summary>
    public sealed record SignUpResult(bool WaitListed, int? Position);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.SessionId).GreaterThan(0).WithMessage("Choose a session to sign up for.");
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, SignUpResult>
    {
        public async ValueTask<SignUpResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var (session, standing) = await KnowledgeRules.SessionAsync(db, current, command.SessionId, track: true, cancellationToken);
            if (session.HostUserId == userId)
            {
                throw new DomainRuleException(KnowledgeRules.OwnSessionMessage);
            }

            if (!standing.MaySignUp)
            {
                throw new DomainRuleException(KnowledgeRules.NotSeniorMessage);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var outcome = session.SignUp(userId, now);
            await KnowledgeRules.SaveAsync(db, command, cancellationToken);
            if (!outcome.WaitListed)
            {
                var me = await db.Users.FindAsync([userId], cancellationToken) ?? throw new NotFoundException();
                await outbox.QueueAsync(KnowledgeMail.SeatConfirmed(session, outcome.Seat, me, links.To(KnowledgeRules.Link(session.Id)), now), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            return new SignUpResult(outcome.WaitListed, outcome.Position);
        }
    }
}
