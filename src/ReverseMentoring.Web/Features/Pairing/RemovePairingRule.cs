using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>Takes back a pin or a ban; the next run is free to pair as the scores say.</summary>
public static class RemovePairingRule
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int RuleId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await PairingRuleChange.ProgramAsync(db, command, command.ProgramId, cancellationToken);
            var rule = await db.PairingRules.SingleOrDefaultAsync(r => r.Id == command.RuleId && r.ProgramId == program.Id, cancellationToken)
                ?? throw new NotFoundException();
            db.PairingRules.Remove(rule);
            await PairingRuleChange.SaveAndRerunAsync(db, program, current.RequireId(), clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Unit.Value;
        }
    }
}
