using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Emails;

namespace ReverseMentoring.Web.Features.Invitations;

/// <summary>
/// Reminds people who were invited but have neither registered nor enrolled, once for each configured number of
/// days. Safe on every instance at once: each reminder is queued under a unique key, so only once.
/// </summary>
public sealed class InvitationReminders(
    IServiceScopeFactory scopes, IOptions<InvitationOptions> options, IOptionsMonitor<JobOptions> schedules, TimeProvider clock,
    ILogger<InvitationReminders> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>Sends the reminders due now, by the injected clock; returns how many this call queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.EffectiveReminderDays;
        if (days.Count == 0)
        {
            return 0;
        }

        var now = Clock.GetUtcNow().UtcDateTime;
        var invitedBefore = now.AddDays(-days[0]);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var links = scope.ServiceProvider.GetRequiredService<PublicLinks>();

        var due = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAtUtc == null && i.ExpiresAtUtc > now && i.InvitedAtUtc <= invitedBefore)
            .Where(i => i.Program == null || (i.Program.ArchivedAtUtc == null && i.Program.Status != ProgramStatus.Closed))
#pragma warning disable CA1862 // string.Equals with a StringComparison does not translate to SQL; ToUpper matches Identity's normalized e-mail.
            .Where(i => i.ProgramId == null
                || !db.Enrolments.Any(e => e.ProgramId == i.ProgramId && e.User!.NormalizedEmail == i.Email.ToUpper()))
#pragma warning restore CA1862
            .OrderBy(i => i.Id)
            .Select(i => new { Invitation = i, i.Program, Coordinator = db.Users.Where(u => u.Id == i.InvitedByUserId && u.ErasedAtUtc == null).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var programIds = due.Where(d => d.Program is not null).Select(d => d.Program!.Id).ToList();
        var wordings = await ProgramEmails.WordingsAsync(db, programIds, EmailKind.InvitationReminder, cancellationToken);

        // Only the latest reminder due: someone first reached on day 15 gets one e-mail, not two.
        var reminders = due.Select(i => (Due: i, Key: InvitationMail.ReminderKey(i.Invitation.Id, days.Last(d => i.Invitation.InvitedAtUtc <= now.AddDays(-d))))).ToList();
        var keys = reminders.Select(r => r.Key).ToList();
        var queuedBefore = (await db.OutboxMessages.AsNoTracking().Where(n => keys.Contains(n.Key)).Select(n => n.Key).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var queued = 0;
        foreach (var (item, key) in reminders.Where(r => !queuedBefore.Contains(r.Key)))
        {
            var invitation = item.Invitation;
            // Only the hash of the first link's token is kept, so a reminder carries a new link, and the earlier one stops
            // working. The new link and its reminder are saved together, and only by the instance that replaced the link
            // it read: with several instances, the link sent is always the one that works.
            var strategy = db.Database.CreateExecutionStrategy();
            var reminded = await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var token = Invitation.NewToken();
                var tokenHash = Invitation.HashOf(token);
                var replaced = await db.Invitations.Where(i => i.Id == invitation.Id && i.TokenHash == invitation.TokenHash)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.TokenHash, tokenHash), ct);
                var message = item.Program is { } program
                    ? ProgramEmails.Message(key, invitation.Email, wordings[program.Id],
                        InvitationMail.Values(links, program, token, invitation, replacesEarlierLink: true, item.Coordinator))
                    : new Outgoing(key, invitation.Email, InvitationMail.Subject(null, reminder: true),
                        InvitationMail.Text(links, token, invitation.Role, null, null, invitation.ExpiresAtUtc, reminder: true, replacesEarlierLink: true));
                if (replaced != 1 || !await outbox.QueueAsync(message, ct))
                {
                    return false;
                }

                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another instance queued this reminder first; its link is the one that stays.
                    db.ChangeTracker.Clear();
                    return false;
                }

                await transaction.CommitAsync(ct);
                return true;
            }, cancellationToken);
            if (reminded)
            {
                queued++;
            }

            // Each save detects changes over everything tracked: what this reminder saved is not needed again (the outbox
            // keeps its own rows), and a wave of thousands of invitations would otherwise make the run quadratic.
            db.ChangeTracker.Clear();
        }

        await outbox.DeliverSavedAsync(cancellationToken);
        return queued;
    }
}
