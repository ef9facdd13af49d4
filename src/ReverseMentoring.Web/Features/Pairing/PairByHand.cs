using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>
/// HR pairs an unmatched mentee with a mentor of their choice: first what the engine thinks of the pair (score,
/// reasons, and the hard rule it breaks, if any), then a pin (<see cref="PinPair"/>), which every run keeps.
/// </summary>
public static class PairByHand
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record PreviewQuery(int ProgramId, int MenteeEnrolmentId, int MentorEnrolmentId) : IQuery<Preview>;

    /// <summary>The pair as the engine sees it, or why it cannot be made (<see cref="Refusal"/>).</summary>
    public sealed record Preview(
        PairingBoard.Person? Mentor, PairingBoard.Person? Mentee, int Percent, PairVerdict Verdict, string Reasons,
        IReadOnlyList<string> Concerns, string? HardRule, string? Refusal)
    {
        public bool CanPin => Refusal is null && Verdict != PairVerdict.BreaksHardRule;
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<PreviewQuery, Preview>
    {
        public async ValueTask<Preview> Handle(PreviewQuery query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            static Preview Refused(string message) => new(null, null, 0, PairVerdict.BreaksHardRule, "", [], null, message);
            if (!RunPairing.CanRun(program))
            {
                return Refused(RunPairing.WrongStatusMessage);
            }

            var (mentor, mentee) = await PairingRuleChange.ApprovedSidesAsync(db, program.Id, query.MentorEnrolmentId, query.MenteeEnrolmentId, cancellationToken);
            if (mentor is null || mentee is null)
            {
                return Refused(PairingRuleChange.NotApprovedSidesMessage);
            }

            if (await db.Pairs.Live().AnyAsync(p => p.MenteeEnrolmentId == mentee.Id, cancellationToken))
            {
                return Refused($"{mentee.Name} already has a published pair; it ends only when one side declines.");
            }

            var round = await RunPairing.LoadRoundAsync(db, program, cancellationToken);
            var assessment = PairingEngine.Assess(round, mentor.Id, mentee.Id);
            return new Preview(mentor, mentee, assessment.Percent, assessment.Verdict, string.Join("; ", assessment.Reasons),
                PairingEngine.Concerns(assessment.Reasons), assessment.HardRule, null);
        }
    }
}
