using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard.Facts;

/// <summary>The dashboard's stored day facts: reading them, and what version of them each program is at.</summary>
public static class DashboardFacts
{
    /// <summary>
    /// The facts of the given programs (all when null) for every day from <paramref name="from"/> to
    /// <paramref name="to"/> that has any, up to date with every committed change.
    /// </summary>
    public static Task<List<DayFacts>> ReadAsync(
        AppDbContext db, IReadOnlyCollection<int>? programIds, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        DayFactsBuilder.BuildAsync(db, programIds, from, to, cancellationToken);
}
