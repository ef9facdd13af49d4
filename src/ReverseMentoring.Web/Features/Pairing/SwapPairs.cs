using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>Swaps the mentees of two proposed pairs by pinning the crosswise pairs, then runs again.</summary>
public static class SwapPairs
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int RunId { get; set; }

        public int MenteeEnrolmentId { get; set; }

        public int WithMenteeEnrolmentId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await PairingRuleChange.ProgramAsync(db, command, command.ProgramId, cancellationToken);
            var run = await db.PairingRuns.AsNoTracking()
                .Where(r => r.ProgramId == program.Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (run is null || run.Id != command.RunId || run.PublishedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", PublishPairing.StaleMessage);
            }

            var pairs = StoredRun.FromJson(run.Result).Pairs;
            var first = pairs.FirstOrDefault(p => p.MenteeId == command.MenteeEnrolmentId);
            var second = pairs.FirstOrDefault(p => p.MenteeId == command.WithMenteeEnrolmentId);
            if (first is null || second is null || first.MenteeId == second.MenteeId)
            {
                throw RequestValidationException.For(command, nameof(Command.WithMenteeEnrolmentId), "Choose another proposed pair to swap mentees with.");
            }

            if (first.MentorId == second.MentorId)
            {
                throw RequestValidationException.For(command, nameof(Command.WithMenteeEnrolmentId), "Both mentees have the same mentor; choose a pair with another mentor.");
            }

            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            int[] mentors = [first.MentorId, second.MentorId];
            int[] mentees = [first.MenteeId, second.MenteeId];
            var replaced = await db.PairingRules
                .Where(r => r.ProgramId == program.Id && (
                    (r.Kind == PairingRuleKind.Pin && (mentors.Contains(r.MentorEnrolmentId) || mentees.Contains(r.MenteeEnrolmentId)))
                    || (mentors.Contains(r.MentorEnrolmentId) && mentees.Contains(r.MenteeEnrolmentId))))
                .ToListAsync(cancellationToken);
            db.PairingRules.RemoveRange(replaced);
            await db.SaveChangesAsync(cancellationToken);
            db.PairingRules.AddRange(
                new PairingRule { ProgramId = program.Id, MentorEnrolmentId = first.MentorId, MenteeEnrolmentId = second.MenteeId, Kind = PairingRuleKind.Pin, CreatedAtUtc = now, CreatedByUserId = userId },
                new PairingRule { ProgramId = program.Id, MentorEnrolmentId = second.MentorId, MenteeEnrolmentId = first.MenteeId, Kind = PairingRuleKind.Pin, CreatedAtUtc = now, CreatedByUserId = userId });
            await PairingRuleChange.SaveAndRerunAsync(db, program, userId, now, cancellationToken);
            return Unit.Value;
        }
    }
}
