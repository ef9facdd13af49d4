using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>Pairs at risk today, by flag: the pair health rule (<see cref="PairHealth"/>) over the filtered active pairs.</summary>
public static partial class UptakeDashboard
{
    public sealed record FlagCount(PairFlagKind Kind, Count Pairs);

    /// <summary>How many pairs carry each flag (in the order of <see cref="PairFlagKind"/>), and how many carry any.</summary>
    public sealed record PairsAtRisk(IReadOnlyList<FlagCount> ByFlag, Count Any)
    {
        public Count Of(PairFlagKind flag) => ByFlag.Single(f => f.Kind == flag).Pairs;
    }

    internal sealed record RiskCounts(IReadOnlyDictionary<PairFlagKind, int> ByFlag, int Any);

    /// <summary>
    /// The facts of every active pair in the scope in one query, the flags counted in memory: the same facts and rule as
    /// HR's pairs list, pair page and program report, so the figure agrees with them. The period does not apply.
    /// </summary>
    internal static async Task<RiskCounts> AtRiskAsync(AppDbContext db, Scope scope, DateTime now, CancellationToken cancellationToken)
    {
        var facts = await scope.Pairs.HealthFacts(db, now).ToListAsync(cancellationToken);
        var health = facts.Select(PairHealth.Of).ToList();
        return new RiskCounts(
            Enum.GetValues<PairFlagKind>().ToDictionary(flag => flag, flag => health.Count(h => h.Has(flag))),
            health.Count(h => h.AtRisk));
    }
}
