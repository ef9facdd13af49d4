namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A person's private calendar subscription: a secret address that Outlook or Google Calendar reads every few hours, so
/// every session change reaches their calendar without an e-mail. Only the token's hash is kept: the address is shown
/// once, and a leaked database does not open anyone's calendar. Making a new address stops the old one.
/// </summary>
public sealed class CalendarFeed : IAudited
{
    public const int HashLength = 64;

    public int Id { get; set; }
    public string UserId { get; private set; } = "";

    [AuditRedacted]
    public string TokenHash { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When a calendar last read the feed; not audited, it changes on every read.</summary>
    public DateTime? LastReadAtUtc { get; set; }

    /// <summary>A new feed for the person, and the token for its address (shown to them once).</summary>
    public static (CalendarFeed Feed, string Token) Start(string userId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var feed = new CalendarFeed { UserId = userId };
        return (feed, feed.Renew(nowUtc));
    }

    /// <summary>Replaces the address: calendars subscribed to the old one get nothing more from it.</summary>
    public string Renew(DateTime nowUtc)
    {
        var token = SecretToken.New(32);
        TokenHash = Hash(token);
        CreatedAtUtc = nowUtc;
        LastReadAtUtc = null;
        return token;
    }

    public static string Hash(string token) => SecretToken.HashOf(token ?? "");

    /// <summary>Whether the text can be a token at all: 43 URL-safe characters, checked before any database read.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
