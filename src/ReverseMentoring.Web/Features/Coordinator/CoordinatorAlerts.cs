using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Coordinator;

/// <summary>Raising an event for a program's coordinators: recorded for the digest, e-mailed now to those who hear at once.</summary>
public static class CoordinatorAlerts
{
    public const string SettingsPath = "/Coordinator/Alerts";

    /// <summary>
    /// Adds the alert and queues an e-mail to each coordinator of its program who chose to hear at once (every one of
    /// them, for an urgent kind), all saved with the caller's next save: in the same transaction as the change. An event
    /// recorded before (same key) is neither recorded nor e-mailed again.
    /// </summary>
    public static async Task RaiseAsync(AppDbContext db, Outbox outbox, PublicLinks links, CoordinatorAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(alert);
        if (await db.CoordinatorAlerts.AnyAsync(a => a.Key == alert.Key, cancellationToken))
        {
            return;
        }

        db.CoordinatorAlerts.Add(alert);
        var urgent = alert.Urgent;
        var recipients = await db.ProgramCoordinators.AsNoTracking()
            .Where(c => c.ProgramId == alert.ProgramId)
            .Select(c => c.User!)
            .Where(u => u.ErasedAtUtc == null && u.Email != null && (urgent || u.CoordinatorAlerts == AlertDelivery.AtOnce))
            .Select(u => new CoordinatorMail.Recipient(u.Id, u.Email!, u.DisplayName, u.TimeZoneId))
            .ToListAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            return;
        }

        var programName = await db.Programs.Where(p => p.Id == alert.ProgramId).Select(p => p.Name).SingleAsync(cancellationToken);
        var link = links.To(alert.Link);
        var settings = links.To(SettingsPath);
        await outbox.QueueAsync(recipients.Select(r => CoordinatorMail.AtOnce(alert, r, programName, link, settings)).ToList(), cancellationToken);
    }
}
