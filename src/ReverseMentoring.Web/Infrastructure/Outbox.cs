using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// Queues messages through the request's (or job's) DbContext, so that they are saved in the same transaction as the
/// change that causes them: a command that rolls back sends nothing. They are sent once that transaction commits
/// (<see cref="TransactionBehaviour{TMessage, TResponse}"/>), and later by <see cref="OutboxSender"/> if that fails.
/// </summary>
public sealed class Outbox(AppDbContext db, OutboxDelivery delivery, TimeProvider clock)
{
    private readonly List<OutboxMessage> _queued = [];
    private readonly HashSet<int> _again = [];

    /// <summary>Queues one message; false when a message with its key was queued before (and so is not queued again).</summary>
    public async Task<bool> QueueAsync(Outgoing message, CancellationToken cancellationToken) =>
        await QueueAsync([message], cancellationToken) == 1;

    /// <summary>
    /// Adds the messages to the context, to be saved with the caller's next save; a key queued before, by anyone, is
    /// skipped, not an error. Returns how many were queued.
    /// </summary>
    public async Task<int> QueueAsync(IReadOnlyList<Outgoing> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return 0;
        }

        var keys = messages.Select(m => m.Key).Distinct(StringComparer.Ordinal).ToList();
        var taken = (await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        taken.UnionWith(_queued.Select(m => m.Key));
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = 0;
        foreach (var message in messages.Where(m => taken.Add(m.Key)))
        {
            var row = OutboxMessage.Queue(message.Key, message.Recipient, message.Subject, message.Text, now);
            row.Html = message.Html;
            row.WebhookUrl = message.Chat?.WebhookUrl;
            row.ChatKind = message.Chat?.Kind;
            if (message.Attachment is { } file)
            {
                row.AttachmentFileName = file.FileName;
                row.AttachmentContentType = file.ContentType;
                row.AttachmentContent = file.Content;
            }

            db.OutboxMessages.Add(row);
            _queued.Add(row);
            queued++;
        }

        return queued;
    }

    /// <summary>Sends a message that was queued before (HR's "try again") once the current command commits.</summary>
    public void DeliverAfterCommit(int messageId) => _again.Add(messageId);

    /// <summary>
    /// For jobs, which run outside any command: saves what they queued and sends it. A key that another instance
    /// queued between the check and the save is skipped: the unique index lets only one of them in.
    /// </summary>
    public async Task SaveThenDeliverAsync(CancellationToken cancellationToken)
    {
        var pending = _queued.Where(m => m.Id == 0).ToList();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (pending.Count > 0)
        {
            foreach (var row in pending)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            foreach (var row in pending)
            {
                await SaveUnlessTakenAsync(row, cancellationToken);
            }
        }

        await DeliverSavedAsync(cancellationToken);
    }

    /// <summary>
    /// Up to this many messages are sent before the request answers; a larger batch (a bulk approval, a cohort message)
    /// goes out in the background, so HR does not wait for hundreds of e-mails.
    /// </summary>
    public const int SentWhileWaiting = 20;

    /// <summary>Sends what this scope queued and saved; after a command, only once its transaction has committed.</summary>
    public async Task DeliverSavedAsync(CancellationToken cancellationToken)
    {
        var ids = _queued.Where(m => m.Id > 0).Select(m => m.Id).Concat(_again).Distinct().ToList();
        Forget();
        if (ids.Count > SentWhileWaiting)
        {
            delivery.DeliverInBackground(ids);
        }
        else if (ids.Count > 0)
        {
            await delivery.DeliverAsync(ids, cancellationToken);
        }
    }

    /// <summary>Drops what was queued: the transaction it was saved in was not committed (or is being tried again).</summary>
    public void Forget()
    {
        _queued.Clear();
        _again.Clear();
    }

    /// <summary>A command must save what it queued; committing without would silently drop the messages.</summary>
    public void EnsureSaved()
    {
        if (_queued.Any(m => m.Id == 0))
        {
            throw new InvalidOperationException("Messages were queued but not saved: save the context after queueing them, in the same command.");
        }
    }

    private async Task SaveUnlessTakenAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        if (await db.OutboxMessages.AsNoTracking().AnyAsync(m => m.Key == row.Key, cancellationToken))
        {
            _queued.Remove(row);
            return;
        }

        db.OutboxMessages.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            _queued.Remove(row);
            if (!await db.OutboxMessages.AsNoTracking().AnyAsync(m => m.Key == row.Key, cancellationToken))
            {
                // Not another instance's insert: a real failure.
                throw;
            }
        }
    }
}

/// <summary>
/// Sends queued messages that are due, each by one sender only: a message is claimed with one conditional update
/// before it is sent, so several instances (or the after-commit attempt and the background sender) never send it
/// twice. A failure is recorded on the message and retried later; an address no server would take is given up at once.
/// </summary>
public sealed class OutboxDelivery(IServiceScopeFactory scopes, MailSender mail, ChatWebhooks chat, TimeProvider clock, ILogger<OutboxDelivery> logger)
{
    /// <summary>Longer than any send can take (MailKit gives up after two minutes), so a claim ends only if its sender died.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    private const int BatchSize = 100;

    /// <summary>
    /// Sends the given messages without waiting for them. The claims keep them from going twice, and what a stopped
    /// instance left unsent the outbox sender picks up once the claim has run out.
    /// </summary>
    public void DeliverInBackground(IReadOnlyCollection<int> ids) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await DeliverAsync(ids, CancellationToken.None);
            }
            catch (Exception failure)
            {
                logger.LogError(failure, "{Count} queued messages could not be sent now; the outbox sender tries again", ids.Count);
            }
        });

    /// <summary>Sends every message that is due; returns how many this call sent.</summary>
    public Task<int> DeliverDueAsync(CancellationToken cancellationToken) => DeliverAsync(null, cancellationToken);

    /// <summary>Sends the given messages, those of them still due; returns how many this call sent.</summary>
    public async Task<int> DeliverAsync(IReadOnlyCollection<int>? ids, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tried = new HashSet<int>();
        var sent = 0;
        while (true)
        {
            var due = Due(db.OutboxMessages.AsNoTracking(), clock.GetUtcNow().UtcDateTime);
            if (ids is not null)
            {
                due = due.Where(m => ids.Contains(m.Id));
            }

            var batch = (await due.OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken))
                .Where(tried.Add).ToList();
            if (batch.Count == 0)
            {
                return sent;
            }

            foreach (var id in batch)
            {
                if (await DeliverOneAsync(db, id, cancellationToken))
                {
                    sent++;
                }
            }
        }
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> messages, DateTime now) =>
        messages.Where(m => m.SentAtUtc == null && m.FailedAtUtc == null && m.NextAttemptAtUtc <= now
            && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now));

    private async Task<bool> DeliverOneAsync(AppDbContext db, int id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Whoever's update changes the row has it; the others find it claimed (or sent) and move on.
        var claimed = await Due(db.OutboxMessages, now).Where(m => m.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntilUtc, now + ClaimFor), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            if (message.WebhookUrl is { } webhook)
            {
                await chat.PostAsync(message.ChatKind ?? ChatKind.Slack, webhook, message.Text, cancellationToken);
                message.Delivered(clock.GetUtcNow().UtcDateTime);
            }
            else if (DeliverableAddress.TryParse(message.Recipient, out var to))
            {
                await mail.SendAsync(Compose(message, to), cancellationToken);
                message.Delivered(clock.GetUtcNow().UtcDateTime);
            }
            else
            {
                message.AttemptFailed("The recipient's address is not one mail can be sent to.", permanent: true, clock.GetUtcNow().UtcDateTime);
                logger.LogWarning("Not sending {Key}: the recipient's address cannot be used", message.Key);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A server refusing the mailbox for good will refuse it on every retry too.
            var permanent = failure is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused && (int)refused.StatusCode >= 500
                || failure is ChatPostException { Permanent: true };
            message.AttemptFailed(failure.Message, permanent, clock.GetUtcNow().UtcDateTime);
            logger.LogWarning(failure, "Could not send {Key} (attempt {Attempt}); {Next}", message.Key, message.Attempts,
                message.FailedAtUtc is null ? "it will be tried again" : "given up");
        }

        // Recorded whatever the caller's token says: the message went out (or failed) and must not be sent again as if not.
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        return message.SentAtUtc is not null;
    }

    private static MimeMessage Compose(OutboxMessage message, MailboxAddress to)
    {
        var mime = new MimeMessage { Subject = message.Subject, Body = Body(message) };
        mime.To.Add(to);
        return mime;
    }

    private static MimeEntity Body(OutboxMessage message)
    {
        MimeEntity text = message.Html is { } html
            ? new MultipartAlternative { new TextPart("plain") { Text = message.Text }, new TextPart("html") { Text = html } }
            : new TextPart("plain") { Text = message.Text };
        if (message.AttachmentContent is not { } content || message.AttachmentContentType is not { } contentType)
        {
            return text;
        }

        var type = ContentType.Parse(contentType);
        var attachment = new TextPart(type.MediaSubtype)
        {
            Text = content,
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = message.AttachmentFileName },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        foreach (var parameter in type.Parameters.Where(p => !p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)))
        {
            attachment.ContentType.Parameters.Add(parameter.Name, parameter.Value);
        }

        return new Multipart("mixed") { text, attachment };
    }
}

/// <summary>Sends what is due in the outbox: retries after failures, and messages an instance queued but could not send at once.</summary>
public sealed class OutboxSender(OutboxDelivery delivery, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<OutboxSender> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => delivery.DeliverDueAsync(cancellationToken);
}
