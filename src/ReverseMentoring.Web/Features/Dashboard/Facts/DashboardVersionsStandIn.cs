using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard.Facts;

/// <summary>
/// Stands in for <c>DashboardFacts.VersionsAsync</c> (the stored per-program versions of ADR 0023) until that lands; the
/// only place the dashboard reads versions from, so replacing this class is the whole change. Until then every program
/// shares one version: facts move with any audited change or new rating, lookups with any audited change (pairs,
/// enrolments, programs and groups are audited).
/// </summary>
internal static class DashboardVersionsStandIn
{
    public static async Task<IReadOnlyDictionary<int, (long Facts, long Lookups)>> VersionsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var audited = await db.AuditEntries.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
        var rated = await db.SessionFeedback.MaxAsync(f => (long?)f.Id, cancellationToken) ?? 0;
        var programs = await db.Programs.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken);
        return programs.ToDictionary(id => id, _ => (audited + rated, audited));
    }
}
