using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
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

    private static string Sentence(string rule) => string.Concat(rule[..1].ToUpperInvariant(), rule[1..]);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await PairingRuleChange.ProgramForPairAsync(db, command, command.ProgramId, command.MentorEnrolmentId, command.MenteeEnrolmentId,
                "This pair is already published; there is nothing to pin.", cancellationToken);

            // The reporting-line and department rules are the program's, not HR's to waive pair by pair.
            var round = await RunPairing.LoadRoundAsync(db, program, cancellationToken);
            if (PairingEngine.OrgRuleBroken(round, command.MentorEnrolmentId, command.MenteeEnrolmentId) is { } orgRule)
            {
                throw RequestValidationException.For(command, "", $"This pair cannot be pinned: {Sentence(orgRule)}.");
            }

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
