using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

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
            .Select(i => new { i.Id, i.Email, i.Role, i.Token, i.ProgramId, ProgramName = i.Program == null ? null : i.Program.Name, i.InvitedAtUtc, i.ExpiresAtUtc })
            .ToListAsync(cancellationToken);

        var reminders = new List<Outgoing>();
        foreach (var invitation in due)
        {
            // Only the latest reminder due: someone first reached on day 15 gets one e-mail, not two.
            var latest = days.Last(d => invitation.InvitedAtUtc <= now.AddDays(-d));
            var text = InvitationMail.Text(links, invitation.Token, invitation.Role, invitation.ProgramId, invitation.ProgramName, invitation.ExpiresAtUtc, reminder: true);
            reminders.Add(new Outgoing(
                InvitationMail.ReminderKey(invitation.Id, latest), invitation.Email, InvitationMail.Subject(invitation.ProgramName, reminder: true), text));
        }

        var queued = await outbox.QueueAsync(reminders, cancellationToken);
        await outbox.SaveThenDeliverAsync(cancellationToken);
        return queued;
    }
}
