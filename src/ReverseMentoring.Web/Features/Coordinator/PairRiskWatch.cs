using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Coordinator;

/// <summary>
/// Looks at the health of every active pair and raises an alert for each pair newly at risk: once when it falls, and
/// again only after it recovered and fell back (<see cref="PairRiskReport"/>). Safe on every instance at once: each
/// fall is one alert under a unique key, saved pair by pair.
/// </summary>
public sealed class PairRiskWatch(
    IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<PairRiskWatch> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => LookAsync(cancellationToken);

    /// <summary>Looks at every active pair as at now, by the injected clock; returns how many pairs were newly at risk.</summary>
    public async Task<int> LookAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var links = scope.ServiceProvider.GetRequiredService<PublicLinks>();

        var live = db.Programs.Where(p => p.ArchivedAtUtc == null).Select(p => p.Id);
        var health = await db.Pairs.Where(p => live.Contains(p.ProgramId)).HealthByPairAsync(db, now, cancellationToken);
        // Read untracked and attached one at a time: each save detects changes over everything tracked, and thousands of
        // reports tracked at once made a first look over a large program quadratic.
        var reports = await db.PairRiskReports.AsNoTracking()
            .Where(r => db.Pairs.Active().Any(p => p.Id == r.PairId))
            .ToDictionaryAsync(r => r.PairId, cancellationToken);

        var raised = 0;
        foreach (var pairHealth in health.Values.OrderBy(h => h.PairId))
        {
            if (!reports.TryGetValue(pairHealth.PairId, out var report))
            {
                if (!pairHealth.AtRisk)
                {
                    // A pair never at risk needs no record.
                    continue;
                }

                report = new PairRiskReport { PairId = pairHealth.PairId };
                db.PairRiskReports.Add(report);
            }
            else
            {
                db.PairRiskReports.Attach(report);
            }

            var newly = report.Look(pairHealth, now);
            if (db.Entry(report).State == EntityState.Unchanged)
            {
                db.Entry(report).State = EntityState.Detached;
                continue;
            }

            if (newly)
            {
                var pair = await db.Pairs.AsNoTracking().Where(p => p.Id == pairHealth.PairId)
                    .Select(p => new { p.ProgramId, Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName })
                    .SingleAsync(cancellationToken);
                await CoordinatorAlerts.RaiseAsync(db, outbox, links,
                    CoordinatorAlert.PairAtRisk(pairHealth.PairId, pair.ProgramId, pair.Mentor, pair.Mentee, pairHealth, report.Reported, now),
                    cancellationToken);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance looked at this pair at the same time and recorded it first: its alert stands.
                db.ChangeTracker.Clear();
                outbox.Forget();
                continue;
            }

            await outbox.DeliverSavedAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (newly)
            {
                raised++;
            }
        }

        return raised;
    }
}
