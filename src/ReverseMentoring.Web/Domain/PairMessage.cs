namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A message between the two people of a pair, perhaps in reply to another and with one file. HR never reads it: only a
/// message one of them reports reaches HR (<see cref="MessageReport"/>). The text and the file's name stay out of the
/// audit log.
/// </summary>
public sealed class PairMessage : IAudited
{
    public const int TextMaxLength = 4000;

    /// <summary>Messages, their files and their reports are deleted this many days after the program's end date.</summary>
    public const int RetentionDays = 90;

    public int Id { get; set; }
    public int PairId { get; private set; }

    /// <summary>The pair's program, so the audit log files the message under it and retention finds it by its end.</summary>
    public int ProgramId { get; private set; }

    public string AuthorUserId { get; private set; } = "";

    /// <summary>The message this one answers: always the first of its thread, so a thread is one level deep.</summary>
    public int? ReplyToId { get; private set; }

    [AuditRedacted]
    public string Text { get; private set; } = "";

    public DateTime SentAtUtc { get; private set; }

    [AuditRedacted]
    public string? AttachmentFileName { get; private set; }

    public string? AttachmentContentType { get; private set; }
    public long? AttachmentSizeBytes { get; private set; }
    public string? AttachmentStoredName { get; private set; }

    /// <summary>Whether the pair's people may still write: an active pair of a program not closed. An ended pair reads only.</summary>
    public static bool CanWrite(Pair pair, ProgramStatus programStatus)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return pair.IsActive && programStatus != ProgramStatus.Closed;
    }

    /// <summary>Whether the pair's people may read their messages: a pair that got under way, ended or not.</summary>
    public static bool CanRead(Pair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return Pair.StartedStatuses.Contains(pair.Status);
    }

    /// <summary>A new message of one of the pair's people; a reply joins the thread of the message it answers.</summary>
    public static PairMessage Write(Pair pair, ProgramStatus programStatus, string authorUserId, string text, PairMessage? replyTo, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(text);
        if (!CanWrite(pair, programStatus))
        {
            throw new DomainRuleException("This pair has ended, or its program has closed: its messages can be read but no new ones written.");
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > TextMaxLength)
        {
            throw new DomainRuleException($"A message has 1 to {TextMaxLength} characters.");
        }

        if (replyTo is not null && replyTo.PairId != pair.Id)
        {
            throw new DomainRuleException("A reply answers a message of the same pair.");
        }

        return new PairMessage
        {
            PairId = pair.Id,
            ProgramId = pair.ProgramId,
            AuthorUserId = authorUserId,
            ReplyToId = replyTo is null ? null : replyTo.ReplyToId ?? replyTo.Id,
            Text = trimmed,
            SentAtUtc = nowUtc,
        };
    }

    public void Attach(string fileName, string contentType, long sizeBytes, string storedName)
    {
        AttachmentFileName = fileName;
        AttachmentContentType = contentType;
        AttachmentSizeBytes = sizeBytes;
        AttachmentStoredName = storedName;
    }
}

/// <summary>How far one of a pair's people has read its messages, and when they were last e-mailed about new ones.</summary>
public sealed class PairReadMarker
{
    /// <summary>At most one e-mail about new messages per person in this time.</summary>
    public static readonly TimeSpan EmailAtMostEvery = TimeSpan.FromHours(1);

    /// <summary>A message this recent is not e-mailed yet: the reader may be looking, or more may follow.</summary>
    public static readonly TimeSpan EmailAfter = TimeSpan.FromMinutes(1);

    public int PairId { get; set; }
    public string UserId { get; set; } = "";

    /// <summary>Messages sent after this are unread.</summary>
    public DateTime LastReadAtUtc { get; set; }

    /// <summary>When the person was last e-mailed about new messages in this pair; messages sent before it were told.</summary>
    public DateTime? LastEmailedAtUtc { get; set; }
}

/// <summary>
/// One message a side of the pair showed HR, with their reason: the only message text HR ever sees. The report lives as
/// long as the message (until retention, or the erasure of one of the pair), and HR reads the text through it.
/// </summary>
public sealed class MessageReport : IAudited
{
    public const int ReasonMaxLength = 1000;

    public int Id { get; set; }
    public int MessageId { get; private set; }
    public int PairId { get; private set; }
    public int ProgramId { get; private set; }
    public string ReportedByUserId { get; private set; } = "";

    [AuditRedacted]
    public string? Reason { get; private set; }

    public DateTime ReportedAtUtc { get; private set; }

    /// <summary>When HR took note of it, which takes it off their to-do list; the message stays readable to HR.</summary>
    public DateTime? HandledAtUtc { get; private set; }

    public string? HandledByUserId { get; private set; }

    public void MarkHandled(string byUserId, DateTime nowUtc)
    {
        if (HandledAtUtc is not null)
        {
            throw new DomainRuleException("This report was marked as dealt with already.");
        }

        HandledAtUtc = nowUtc;
        HandledByUserId = byUserId;
    }

    public static MessageReport Of(PairMessage message, string reportedByUserId, string? reason, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(message);
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed is { Length: > ReasonMaxLength })
        {
            throw new DomainRuleException($"A reason has at most {ReasonMaxLength} characters.");
        }

        return new MessageReport
        {
            MessageId = message.Id,
            PairId = message.PairId,
            ProgramId = message.ProgramId,
            ReportedByUserId = reportedByUserId,
            Reason = trimmed,
            ReportedAtUtc = nowUtc,
        };
    }
}
