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

    /// <summary>Pairs carrying each flag, carrying any, and the active pairs looked at.</summary>
    internal sealed record RiskCounts(IReadOnlyDictionary<PairFlagKind, int> ByFlag, int Any, int Pairs);

    /// <summary>
    /// The health of the active pairs among <paramref name="pairIds"/> (the scope's pairs, worked out by the caller) as at
    /// <paramref name="asOf"/>, the flags counted in memory: the same facts and rule as HR's pairs list, pair page and
    /// program report, so the figure agrees with them. They come from the per-instance
    /// <see cref="PairHealthCache"/> (kept current from pair change rows), as at now or an earlier moment; without a
    /// cache (the reference), from one query. The one place the dashboard asks for pair health.
    /// </summary>
    internal static async Task<RiskCounts> AtRiskAsync(
        PairHealthCache? cache, AppDbContext db, IReadOnlyCollection<int> pairIds, DateTime asOf, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairIds);
        if (cache is not null)
        {
            return await cache.CountAsync(db, asOf, now, pairIds, cancellationToken);
        }

        var ids = pairIds.ToList();
        var facts = ids.Count == 0 ? [] : await db.Pairs.AsNoTracking().Where(p => ids.Contains(p.Id)).HealthFacts(db, asOf).ToListAsync(cancellationToken);
        var health = facts.Select(PairHealth.Of).ToList();
        return new RiskCounts(
            Enum.GetValues<PairFlagKind>().ToDictionary(flag => flag, flag => health.Count(h => h.Has(flag))),
            health.Count(h => h.AtRisk),
            health.Count);
    }
}
