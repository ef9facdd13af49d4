namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A person's private reflection, perhaps on one of their sessions. Only its author ever reads it: not the partner,
/// not HR, and not the audit log, which records only that an entry was written or changed.
/// </summary>
public sealed class JournalEntry : IAudited
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public string AuthorUserId { get; private set; } = "";

    /// <summary>The session reflected on, one of the author's own; null for a reflection on nothing in particular.</summary>
    public int? SessionId { get; private set; }

    [AuditRedacted]
    public string Learned { get; private set; } = "";

    [AuditRedacted]
    public string WillTry { get; private set; } = "";

    [AuditRedacted]
    public string Thoughts { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public static JournalEntry Write(string authorUserId, int? sessionId, string? learned, string? willTry, string? thoughts, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorUserId);
        var entry = new JournalEntry { AuthorUserId = authorUserId, SessionId = sessionId, CreatedAtUtc = now };
        entry.Apply(learned, willTry, thoughts, now);
        return entry;
    }

    public void Rewrite(string byUserId, string? learned, string? willTry, string? thoughts, DateTime now)
    {
        if (byUserId != AuthorUserId)
        {
            throw new DomainRuleException("Only its author can change a journal entry.");
        }

        Apply(learned, willTry, thoughts, now);
    }

    private void Apply(string? learned, string? willTry, string? thoughts, DateTime now)
    {
        var texts = new[] { learned, willTry, thoughts }.Select(t => (t ?? "").Trim()).ToArray();
        if (texts.All(t => t.Length == 0))
        {
            throw new DomainRuleException("Write something in at least one of the boxes.");
        }

        if (texts.Any(t => t.Length > TextMaxLength))
        {
            throw new DomainRuleException($"Each box holds at most {TextMaxLength:N0} characters.");
        }

        Learned = texts[0];
        WillTry = texts[1];
        Thoughts = texts[2];
        UpdatedAtUtc = now;
    }
}
