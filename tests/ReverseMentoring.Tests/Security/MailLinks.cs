using System.Text.RegularExpressions;
using MimeKit;

namespace ReverseMentoring.Tests.Security;

/// <summary>What the app's e-mails (written as .eml files to the pickup folder) say and link to.</summary>
public static partial class MailLinks
{
    /// <summary>The token of the one invitation link in a message.</summary>
    public static string InvitationToken(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Assert.Single(InvitationLink().Matches(message.TextBody ?? "")).Groups[1].Value;
    }

    /// <summary>The path and query of the first link in a message to a path starting with <paramref name="path"/>.</summary>
    public static string LinkTo(MimeMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = Regex.Match(message.TextBody ?? "", "https?://[^/\\s]+(" + Regex.Escape(path) + "[^\\s]*)");
        Assert.True(match.Success, $"No link to {path} in: {message.TextBody}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"/Account/Register\?invitation=([A-Za-z0-9_\-%]+)")]
    private static partial Regex InvitationLink();
}
