using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Coordinator;

/// <summary>
/// Sends each coordinator who chose the daily digest one e-mail a day (UTC): the events in their programs since their
/// previous digest, and what is still open on their to-do list. Nothing new and nothing open, or no program: no e-mail.
/// Safe on every instance at once: the e-mail's key names the coordinator and the day, and the digest's window moves on
/// only in the save that queues it, so a second run or instance neither sends it again nor skips an event.
/// </summary>
public sealed class CoordinatorDigest(
    IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<CoordinatorDigest> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => SendAsync(cancellationToken);

    /// <summary>Sends today's digests not sent yet, as at now by the injected clock; returns how many this call queued.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(now);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var links = scope.ServiceProvider.GetRequiredService<PublicLinks>();

        var coordinatorIds = await db.Users
            .Where(u => u.ErasedAtUtc == null && u.Email != null && u.CoordinatorAlerts == AlertDelivery.Digest)
            .Where(u => db.ProgramCoordinators.Any(c => c.UserId == u.Id))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var userId in coordinatorIds)
        {
            var key = CoordinatorMail.DigestKey(userId, day);
            if (await db.OutboxMessages.AnyAsync(m => m.Key == key, cancellationToken))
            {
                continue;
            }

            var programIds = await CoordinatorToDo.ProgramsOf(db, userId).ToListAsync(cancellationToken);
            if (programIds.Count == 0)
            {
                continue;
            }

            var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
            var since = user.DigestFromUtc ?? now.AddDays(-1);
            var events = await db.CoordinatorAlerts.AsNoTracking()
                .Where(a => programIds.Contains(a.ProgramId) && a.OccurredAtUtc > since && a.OccurredAtUtc <= now)
                .Join(db.Programs, a => a.ProgramId, p => p.Id, (a, p) => new { a.Kind, a.Title, a.Detail, Program = p.Name, a.OccurredAtUtc, a.Link })
                .ToListAsync(cancellationToken);
            var open = await CoordinatorToDo.ItemsAsync(db, programIds, now, cancellationToken);
            if (events.Count == 0 && open.Count == 0)
            {
                db.Entry(user).State = EntityState.Detached;
                continue;
            }

            var counts = open.GroupBy(i => i.Kind).OrderBy(g => g.Key)
                .Select(g => new CoordinatorMail.OpenCount(CoordinatorHome.Heading(g.Key), g.Count(), links.To(ListOf(g.Key))))
                .ToList();
            var mail = CoordinatorMail.Digest(
                new CoordinatorMail.Recipient(user.Id, user.Email!, user.DisplayName, user.TimeZoneId), day, since,
                events.Select(e => new CoordinatorMail.Event(e.Kind, e.Title, e.Detail, e.Program, e.OccurredAtUtc, links.To(e.Link))).ToList(),
                counts, links.To("/Coordinator"), links.To(CoordinatorAlerts.SettingsPath));

            // The window moves on in the same save as the e-mail: if another instance queued today's first, neither happens here.
            user.DigestSent(now);
            await outbox.QueueAsync(mail, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
                {
                    entry.State = EntityState.Detached;
                }

                outbox.Forget();
                continue;
            }

            db.Entry(user).State = EntityState.Detached;
            await outbox.DeliverSavedAsync(cancellationToken);
            sent++;
        }

        return sent;
    }

    /// <summary>The page that lists the open items of a kind in the coordinator's programs.</summary>
    private static string ListOf(ToDoKind kind) =>
        kind == ToDoKind.UndeliveredEmail ? "/Mail/Undelivered" : $"/Coordinator?programs=mine&kind={kind}";
}
