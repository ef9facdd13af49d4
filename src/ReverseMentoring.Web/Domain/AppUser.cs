using Microsoft.AspNetCore.Identity;

namespace ReverseMentoring.Web.Domain;

public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>IANA time zone id; times are stored in UTC and shown in this zone.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Set when HR erased the person: their personal data is replaced and they can no longer sign in.</summary>
    public DateTime? ErasedAtUtc { get; set; }

    /// <summary>How an HR coordinator hears about events in their programs; a daily digest unless they chose otherwise.</summary>
    public AlertDelivery CoordinatorAlerts { get; private set; } = AlertDelivery.Digest;

    /// <summary>Where the next digest's "new since" starts: the last digest, or when the digest was chosen; null for the last day.</summary>
    public DateTime? DigestFromUtc { get; private set; }

    /// <summary>Where the person's session reminders go instead of e-mail, when they chose a chat webhook.</summary>
    public ChatKind? ReminderChatKind { get; private set; }

    /// <summary>The person's own incoming webhook (a direct-message workflow, say): a secret, never shown again.</summary>
    public string? ReminderChatWebhookUrl { get; private set; }

    /// <summary>The person sends their reminders to a chat webhook (or, with null, back to e-mail); true when that changed anything.</summary>
    public bool ChooseReminderChat(ChatKind? kind, string? webhookUrl)
    {
        if (kind is null || string.IsNullOrWhiteSpace(webhookUrl))
        {
            var changed = ReminderChatWebhookUrl is not null;
            ReminderChatKind = null;
            ReminderChatWebhookUrl = null;
            return changed;
        }

        if (ReminderChatKind == kind && ReminderChatWebhookUrl == webhookUrl.Trim())
        {
            return false;
        }

        ReminderChatKind = kind;
        ReminderChatWebhookUrl = webhookUrl.Trim();
        return true;
    }

    /// <summary>Whether a leader or coordinator chose not to receive the monthly summary e-mail.</summary>
    public bool MonthlySummaryOptedOut { get; private set; }

    /// <summary>The person starts or stops their own monthly summary e-mail; true when that changed anything.</summary>
    public bool ChooseMonthlySummary(bool receive)
    {
        if (MonthlySummaryOptedOut == !receive)
        {
            return false;
        }

        MonthlySummaryOptedOut = !receive;
        return true;
    }

    /// <summary>
    /// The person renames themselves or moves to another time zone; returns what changed (field, before, after), for the
    /// audit log, which does not watch the account record itself (its password hash and stamps change on every sign-in).
    /// </summary>
    public IReadOnlyList<(string Field, string Before, string After)> ChangeProfile(string displayName, string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        if (ErasedAtUtc is not null)
        {
            throw new DomainRuleException("An erased person's profile cannot change.");
        }

        var changes = new List<(string, string, string)>();
        if (!string.Equals(DisplayName, displayName, StringComparison.Ordinal))
        {
            changes.Add((nameof(DisplayName), DisplayName, displayName));
            DisplayName = displayName;
        }

        if (!string.Equals(TimeZoneId, timeZoneId, StringComparison.Ordinal))
        {
            changes.Add((nameof(TimeZoneId), TimeZoneId, timeZoneId));
            TimeZoneId = timeZoneId;
        }

        return changes;
    }

    public void ChooseAlerts(AlertDelivery delivery, DateTime nowUtc)
    {
        if (delivery == CoordinatorAlerts)
        {
            return;
        }

        // Events before the choice were e-mailed at once, or not wanted by e-mail: the digest starts from here.
        CoordinatorAlerts = delivery;
        DigestFromUtc = delivery == AlertDelivery.Digest ? nowUtc : null;
    }

    /// <summary>A digest covering events up to <paramref name="throughUtc"/> was queued; the next starts there.</summary>
    public void DigestSent(DateTime throughUtc) => DigestFromUtc = throughUtc;
}
