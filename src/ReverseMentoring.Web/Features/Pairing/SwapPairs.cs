using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>
/// Swaps the mentees of two proposed pairs by pinning the crosswise pairs, then runs again. HR sees what the swap
/// gives first (<see cref="PreviewQuery"/>): the two new pairs with their scores and reasons, and every pin it removes.
/// </summary>
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

    /// <summary>What the swap of these two mentees would give, without changing anything.</summary>
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record PreviewQuery(int ProgramId, int MenteeEnrolmentId, int WithMenteeEnrolmentId) : IQuery<Preview>;

    public sealed record Outcome(
        PairingBoard.Person Mentor, PairingBoard.Person Mentee, int Percent, PairVerdict Verdict, string Reasons, IReadOnlyList<string> Concerns,
        string? HardRule = null);

    /// <summary>The swap's result, or why it cannot be made (<see cref="Refusal"/>, with no pairs).</summary>
    public sealed record Preview(
        int RunId, int MenteeEnrolmentId, int WithMenteeEnrolmentId, string? Refusal, IReadOnlyList<Outcome> Pairs,
        IReadOnlyList<(PairingBoard.Person Mentor, PairingBoard.Person Mentee)> Unpinned)
    {
        public bool BreaksHardRule => Pairs.Any(p => p.Verdict == PairVerdict.BreaksHardRule);
    }

    /// <summary>The two proposed pairs of the latest unpublished run, or the message saying why they cannot be swapped.</summary>
    private static async Task<(PairingRun? Run, StoredRun.Pair? First, StoredRun.Pair? Second, string? Refusal, string Field)> FindAsync(
        AppDbContext db, int programId, int? runId, int menteeId, int withMenteeId, CancellationToken cancellationToken)
    {
        var run = await db.PairingRuns.AsNoTracking()
            .Where(r => r.ProgramId == programId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (run is null || (runId is { } id && run.Id != id) || run.PublishedAtUtc is not null)
        {
            return (null, null, null, PublishPairing.StaleMessage, "");
        }

        var pairs = StoredRun.FromJson(run.Result).Pairs;
        var first = pairs.FirstOrDefault(p => p.MenteeId == menteeId);
        var second = pairs.FirstOrDefault(p => p.MenteeId == withMenteeId);
        if (first is null || second is null || first.MenteeId == second.MenteeId)
        {
            return (run, null, null, "Choose another proposed pair to swap mentees with.", nameof(Command.WithMenteeEnrolmentId));
        }

        return first.MentorId == second.MentorId
            ? (run, null, null, "Both mentees have the same mentor; choose a pair with another mentor.", nameof(Command.WithMenteeEnrolmentId))
            : (run, first, second, null, "");
    }

    /// <summary>The rules a swap replaces: every pin on either mentor or either mentee, and any rule on the four pairs.</summary>
    private static IQueryable<PairingRule> Replaced(AppDbContext db, int programId, StoredRun.Pair first, StoredRun.Pair second)
    {
        int[] mentors = [first.MentorId, second.MentorId];
        int[] mentees = [first.MenteeId, second.MenteeId];
        return db.PairingRules.Where(r => r.ProgramId == programId && (
            (r.Kind == PairingRuleKind.Pin && (mentors.Contains(r.MentorEnrolmentId) || mentees.Contains(r.MenteeEnrolmentId)))
            || (mentors.Contains(r.MentorEnrolmentId) && mentees.Contains(r.MenteeEnrolmentId))));
    }

    public sealed class PreviewHandler(AppDbContext db) : IQueryHandler<PreviewQuery, Preview>
    {
        public async ValueTask<Preview> Handle(PreviewQuery query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            Preview Refused(int runId, string message) => new(runId, query.MenteeEnrolmentId, query.WithMenteeEnrolmentId, message, [], []);
            if (!RunPairing.CanRun(program))
            {
                return Refused(0, RunPairing.WrongStatusMessage);
            }

            var (run, first, second, refusal, _) = await FindAsync(db, program.Id, null, query.MenteeEnrolmentId, query.WithMenteeEnrolmentId, cancellationToken);
            if (refusal is not null || first is null || second is null)
            {
                return Refused(run?.Id ?? 0, refusal ?? PublishPairing.StaleMessage);
            }

            // The swap's own two pins stay pins; any other pin it replaces is named, so that none goes unnoticed.
            var unpinned = await Replaced(db, program.Id, first, second).AsNoTracking()
                .Where(r => r.Kind == PairingRuleKind.Pin)
                .Select(r => new { r.MentorEnrolmentId, r.MenteeEnrolmentId })
                .ToListAsync(cancellationToken);
            unpinned.RemoveAll(r => (r.MentorEnrolmentId == first.MentorId && r.MenteeEnrolmentId == second.MenteeId)
                || (r.MentorEnrolmentId == second.MentorId && r.MenteeEnrolmentId == first.MenteeId));

            var round = await RunPairing.LoadRoundAsync(db, program, cancellationToken);
            var crosswise = new[] { (Mentor: first.MentorId, Mentee: second.MenteeId), (Mentor: second.MentorId, Mentee: first.MenteeId) };
            var who = await PairingBoard.PeopleAsync(db,
                crosswise.SelectMany(p => new[] { p.Mentor, p.Mentee }).Concat(unpinned.SelectMany(r => new[] { r.MentorEnrolmentId, r.MenteeEnrolmentId })),
                cancellationToken);

            var outcomes = crosswise.Select(p =>
            {
                var assessment = PairingEngine.Assess(round, p.Mentor, p.Mentee);
                return new Outcome(who(p.Mentor), who(p.Mentee), assessment.Percent, assessment.Verdict,
                    string.Join("; ", assessment.Reasons), PairingEngine.Concerns(assessment.Reasons), assessment.HardRule);
            }).ToList();
            return new Preview(run!.Id, query.MenteeEnrolmentId, query.WithMenteeEnrolmentId, null, outcomes,
                unpinned.Select(r => (who(r.MentorEnrolmentId), who(r.MenteeEnrolmentId))).ToList());
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await PairingRuleChange.ProgramAsync(db, command, command.ProgramId, cancellationToken);
            var (_, first, second, refusal, field) = await FindAsync(db, program.Id, command.RunId, command.MenteeEnrolmentId, command.WithMenteeEnrolmentId, cancellationToken);
            if (refusal is not null || first is null || second is null)
            {
                throw RequestValidationException.For(command, field, refusal ?? PublishPairing.StaleMessage);
            }

            // A swap pins both new pairs, so it may not pin one the reporting-line or department rule forbids.
            var round = await RunPairing.LoadRoundAsync(db, program, cancellationToken);
            foreach (var (mentor, mentee) in new[] { (first.MentorId, second.MenteeId), (second.MentorId, first.MenteeId) })
            {
                if (PairingEngine.OrgRuleBroken(round, mentor, mentee) is { } orgRule)
                {
                    throw RequestValidationException.For(command, "", $"These pairs cannot be swapped: {orgRule}.");
                }
            }

            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            db.PairingRules.RemoveRange(await Replaced(db, program.Id, first, second).ToListAsync(cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            db.PairingRules.AddRange(
                new PairingRule { ProgramId = program.Id, MentorEnrolmentId = first.MentorId, MenteeEnrolmentId = second.MenteeId, Kind = PairingRuleKind.Pin, CreatedAtUtc = now, CreatedByUserId = userId },
                new PairingRule { ProgramId = program.Id, MentorEnrolmentId = second.MentorId, MenteeEnrolmentId = first.MenteeId, Kind = PairingRuleKind.Pin, CreatedAtUtc = now, CreatedByUserId = userId });
            await PairingRuleChange.SaveAndRerunAsync(db, program, userId, now, cancellationToken);
            return Unit.Value;
        }
    }
}
