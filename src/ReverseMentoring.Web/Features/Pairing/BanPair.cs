using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>HR forbids this mentor with this mentee: no run proposes the pair.</summary>
public static class BanPair
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
                "This pair is already published; a ban only stops future runs. It ends when one of them declines.", cancellationToken);

            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.PairingRules.SingleOrDefaultAsync(r => r.ProgramId == program.Id
                && r.MentorEnrolmentId == command.MentorEnrolmentId && r.MenteeEnrolmentId == command.MenteeEnrolmentId, cancellationToken);
            if (existing is null)
            {
                db.PairingRules.Add(new PairingRule
                {
                    ProgramId = program.Id,
                    MentorEnrolmentId = command.MentorEnrolmentId,
                    MenteeEnrolmentId = command.MenteeEnrolmentId,
                    Kind = PairingRuleKind.Ban,
                    CreatedAtUtc = now,
                    CreatedByUserId = userId,
                });
            }
            else
            {
                existing.Kind = PairingRuleKind.Ban;
                existing.CreatedAtUtc = now;
                existing.CreatedByUserId = userId;
            }

            await PairingRuleChange.SaveAndRerunAsync(db, program, userId, now, cancellationToken);
            return Unit.Value;
        }
    }
}
