namespace ReverseMentoring.Web.Domain;

/// <summary>
/// An e-mail queued in the same transaction as the change that causes it and sent after that commits. Its unique key
/// names the message, not the attempt, so that nobody gets it twice whichever instance or job queues it again.
/// </summary>
public sealed class OutboxMessage
{
    public const int KeyMaxLength = 200;
    public const int SubjectMaxLength = 200;
    public const int ErrorMaxLength = 1000;
    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 200;

    /// <summary>How long to wait after the first, second... failed attempt; after the last one the message is given up.</summary>
    public static IReadOnlyList<TimeSpan> RetryDelays { get; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12)];

    public static int MaxAttempts => RetryDelays.Count + 1;

    public int Id { get; set; }
    public string Key { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";

    /// <summary>The plain-text body; emptied once sent, since nothing needs it after that and it may name people.</summary>
    public string Text { get; set; } = "";

    /// <summary>The HTML alternative of the text, when the message has one; emptied once sent, like the text.</summary>
    public string? Html { get; set; }

    public string? AttachmentFileName { get; set; }
    public string? AttachmentContentType { get; set; }
    public string? AttachmentContent { get; set; }

    /// <summary>Set for a chat message: the Slack or Teams webhook it is posted to, instead of e-mailing the recipient.</summary>
    [AuditRedacted]
    public string? WebhookUrl { get; set; }

    public ChatKind? ChatKind { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>While set and in the future, one sender holds the message; nobody else may send it.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>When sending was given up: after the last retry, or at once for an address no server would take.</summary>
    public DateTime? FailedAtUtc { get; set; }

    public static OutboxMessage Queue(string key, string recipient, string subject, string text, DateTime nowUtc) => new()
    {
        Key = key,
        Recipient = recipient,
        Subject = subject.Length > SubjectMaxLength ? subject[..SubjectMaxLength] : subject,
        Text = text,
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
    };

    /// <summary>Waiting for a retry after a failure, or given up: what HR sees as "could not be delivered".</summary>
    public bool IsUndelivered => SentAtUtc is null && (FailedAtUtc is not null || Attempts > 0);

    public void Delivered(DateTime nowUtc)
    {
        if (SentAtUtc is not null)
        {
            throw new InvalidOperationException($"Message {Key} was sent already.");
        }

        Attempts++;
        SentAtUtc = nowUtc;
        ClaimedUntilUtc = null;
        LastError = null;
        Text = "";
        Html = null;
        AttachmentContent = null;
        WebhookUrl = null;
    }

    /// <summary>Records a failed attempt: tried again after the next delay, or given up after the last or when it never can succeed.</summary>
    public void AttemptFailed(string error, bool permanent, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (SentAtUtc is not null)
        {
            throw new InvalidOperationException($"Message {Key} was sent already.");
        }

        Attempts++;
        ClaimedUntilUtc = null;
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        if (permanent || Attempts >= MaxAttempts)
        {
            FailedAtUtc = nowUtc;
        }
        else
        {
            NextAttemptAtUtc = nowUtc + RetryDelays[Math.Min(Attempts, RetryDelays.Count) - 1];
        }
    }

    /// <summary>HR asks for one more attempt now, also for a message given up (after fixing the mail server, say).</summary>
    public void TryAgain(DateTime nowUtc)
    {
        if (SentAtUtc is not null)
        {
            throw new InvalidOperationException($"Message {Key} was sent already.");
        }

        FailedAtUtc = null;
        NextAttemptAtUtc = nowUtc;
    }
}
