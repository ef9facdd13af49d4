using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairing;

public static partial class PairingBoard
{
    /// <summary>How the latest run honoured the ranks (preference-led programs), and who waits longest for a partner.</summary>
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record FairnessQuery(int ProgramId) : IQuery<Fairness>;

    /// <param name="Choices">Among the people who ranked: first to fifth choice, then none of their ranked partners.</param>
    public sealed record Fairness(
        bool PreferenceLed, bool RemoveBlockingPairs, int PeopleWhoRanked, IReadOnlyList<int>? Choices, int? BlockingPairs, bool Stable,
        IReadOnlyList<WaitList.Waiting> WaitList, int WaitListTotal);

    public sealed class FairnessHandler(AppDbContext db) : IQueryHandler<FairnessQuery, Fairness>
    {
        public async ValueTask<Fairness> Handle(FairnessQuery query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var latest = await db.PairingRuns.AsNoTracking()
                .Where(r => r.ProgramId == program.Id).OrderByDescending(r => r.Id)
                .Select(r => r.Result).FirstOrDefaultAsync(cancellationToken);
            var stored = latest is null ? null : StoredRun.FromJson(latest);
            var ranked = await db.PartnerPreferences.AsNoTracking()
                .Where(p => p.ProgramId == program.Id).Select(p => p.EnrolmentId).Distinct().CountAsync(cancellationToken);
            var waiting = await Pairing.WaitList.LoadAsync(db, program.Id, cancellationToken);
            return new Fairness(
                program.Matching.Mode == MatchingMode.PreferenceLed, program.Matching.RemoveBlockingPairs, ranked,
                stored?.Choices, stored?.BlockingPairs, stored?.Stable ?? false, waiting.Take(ListCap).ToList(), waiting.Count);
        }
    }

    /// <summary>"first choice", "second choice" … for the board's counts.</summary>
    public static string ChoiceName(int bucket) => bucket switch
    {
        0 => "their first choice",
        1 => "their second choice",
        2 => "their third choice",
        3 => "their fourth choice",
        4 => "their fifth choice",
        _ => "none of the partners they ranked",
    };

    internal static int Buckets => PairingEngine.ChoiceBuckets;
}
