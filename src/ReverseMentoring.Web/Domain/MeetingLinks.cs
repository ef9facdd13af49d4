using System.Text.RegularExpressions;

namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A program's pattern for virtual sessions' meeting links, such as a Teams or Zoom personal room per mentor
/// ("https://zoom.us/my/{mentor}") or a room per pair ("https://meet.example.com/rm-{pair}"). A pair that schedules a
/// virtual session without a link gets the pattern filled in for them.
/// </summary>
public static partial class MeetingLinks
{
    public const int MaxLength = 300;

    /// <summary>What a pattern may contain, and what each becomes.</summary>
    public static IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["{pair}"] = "the pair's number",
        ["{mentor}"] = "the mentor's e-mail name (before the @)",
        ["{mentee}"] = "the mentee's e-mail name (before the @)",
    };

    /// <summary>Why the pattern cannot be used, or null when it can (an empty pattern means none).</summary>
    public static string? Problem(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return null;
        }

        template = template.Trim();
        if (template.Length > MaxLength)
        {
            return $"A meeting link pattern has at most {MaxLength} characters.";
        }

        var unknown = Placeholder().Matches(template).Select(m => m.Value).FirstOrDefault(p => !Placeholders.ContainsKey(p));
        if (unknown is not null)
        {
            return $"{unknown} is not a placeholder this pattern can use; use {string.Join(", ", Placeholders.Keys)}.";
        }

        var sample = Fill(template, 123, "maya.mentor@example.com", "simon.senior@example.com");
        return Uri.TryCreate(sample, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host)
            ? null
            : "Enter a meeting link pattern that starts with https://, such as https://zoom.us/my/{mentor}.";
    }

    /// <summary>The pattern for one pair; each value is URL-encoded, so no e-mail name can change the link's host or path.</summary>
    public static string Fill(string template, int pairId, string mentorEmail, string menteeEmail)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Trim()
            .Replace("{pair}", pairId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{mentor}", Uri.EscapeDataString(LocalPart(mentorEmail)), StringComparison.Ordinal)
            .Replace("{mentee}", Uri.EscapeDataString(LocalPart(menteeEmail)), StringComparison.Ordinal);
    }

    private static string LocalPart(string email)
    {
        var at = (email ?? "").IndexOf('@', StringComparison.Ordinal);
        return (at > 0 ? email![..at] : email ?? "").ToLowerInvariant();
    }

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
