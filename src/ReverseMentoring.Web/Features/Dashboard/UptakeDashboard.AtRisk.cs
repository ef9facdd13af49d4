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
    /// The health of every active pair in the scope from the per-instance <see cref="PairHealthCache"/>, the flags
    /// counted in memory: the same facts and rule as HR's pairs list, pair page and program report, so the figure agrees
    /// with them. The period does not apply.
    /// </summary>
    internal static async Task<RiskCounts> AtRiskAsync(PairHealthCache cache, AppDbContext db, Scope scope, DateTime now, CancellationToken cancellationToken)
    {
        var pairIds = await scope.Pairs.Active().Select(p => p.Id).ToListAsync(cancellationToken);
        return await AtRiskAsync(cache, db, pairIds, now, cancellationToken);
    }

    /// <summary>The flags of the given pairs (those not active are left out), counted from the cache.</summary>
    internal static async Task<RiskCounts> AtRiskAsync(
        PairHealthCache cache, AppDbContext db, IReadOnlyCollection<int> pairIds, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(pairIds);
        var all = await cache.CurrentAsync(db, now, cancellationToken);
        var health = pairIds.Distinct().Select(id => all.GetValueOrDefault(id)).OfType<PairHealth>().ToList();
        return new RiskCounts(
            Enum.GetValues<PairFlagKind>().ToDictionary(flag => flag, flag => health.Count(h => h.Has(flag))),
            health.Count(h => h.AtRisk));
    }
}
