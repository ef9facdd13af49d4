using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>HR wants this mentor with this mentee: every run keeps the pair. A mentee has one pin at a time.</summary>
public static class PinPair
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int MentorEnrolmentId { get; set; }

        public int MenteeEnrolmentId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await PairingRuleChange.ProgramForPairAsync(db, command, command.ProgramId, command.MentorEnrolmentId, command.MenteeEnrolmentId,
                "This pair is already published; there is nothing to pin.", cancellationToken);

            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var replaced = await db.PairingRules
                .Where(r => r.ProgramId == program.Id && r.MenteeEnrolmentId == command.MenteeEnrolmentId
                    && (r.Kind == PairingRuleKind.Pin || r.MentorEnrolmentId == command.MentorEnrolmentId))
                .ToListAsync(cancellationToken);
            db.PairingRules.RemoveRange(replaced);
            await db.SaveChangesAsync(cancellationToken);
            db.PairingRules.Add(new PairingRule
            {
                ProgramId = program.Id,
                MentorEnrolmentId = command.MentorEnrolmentId,
                MenteeEnrolmentId = command.MenteeEnrolmentId,
                Kind = PairingRuleKind.Pin,
                CreatedAtUtc = now,
                CreatedByUserId = userId,
            });
            await PairingRuleChange.SaveAndRerunAsync(db, program, userId, now, cancellationToken);
            return Unit.Value;
        }
    }
}
