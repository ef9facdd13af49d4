using System.Globalization;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Emails;

namespace ReverseMentoring.Web.Features.Invitations;

/// <summary>The invitation e-mail and its reminders: who, what for, and the link that registers them.</summary>
public static class InvitationMail
{
    /// <summary>The key that guards each e-mail, so several instances never send the same one twice.</summary>
    public static string FirstKey(int invitationId) => $"invitation:{invitationId}";

    public static string ResendKey(int invitationId, DateTime nowUtc) =>
        $"invitation:{invitationId}:resent:{nowUtc.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}";

    public static string ReminderKey(int invitationId, int days) => $"invitation-reminder:{invitationId}:{days}";

    /// <summary>The invitation id a notification key is about, or null for other notifications.</summary>
    public static int? InvitationIdOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(':');
        return parts.Length >= 2 && parts[0] is "invitation" or "invitation-reminder"
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public static bool IsReminder(string key) => key.StartsWith("invitation-reminder:", StringComparison.Ordinal);

    /// <summary>The first e-mail of a new invitation, in the program's wording of invitations.</summary>
    public static Outgoing First(PublicLinks links, Invitation invitation, MentoringProgram program, EmailWording wording, string? coordinatorName)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var token = invitation.Token ?? throw new InvalidOperationException("Only a new invitation (or one given a new link) knows its token.");
        return ProgramEmails.Message(FirstKey(invitation.Id), invitation.Email, wording,
            Values(links, program, token, invitation, replacesEarlierLink: false, coordinatorName));
    }

    /// <summary>The placeholders' values of an invitation (or its reminder) to a program, carrying a link with the token.</summary>
    public static Dictionary<string, object?> Values(
        PublicLinks links, MentoringProgram program, string token, Invitation invitation, bool replacesEarlierLink, string? coordinatorName)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(invitation);
        var values = ProgramEmails.ProgramValues(program);
        values["coordinator.name"] = coordinatorName ?? "";
        values["coordinator.message"] = invitation.CoordinatorMessage ?? "";
        values["person.email"] = invitation.Email;
        values["person.role"] = Roles.DisplayName(invitation.Role);
        values["link"] = links.To($"/Account/Register?invitation={Uri.EscapeDataString(token)}");
        values["enrol_link"] = links.To($"/Participant/Programs/{program.Id}/Enrol");
        values["link_expires_on"] = invitation.ExpiresAtUtc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        values["link_replaces_earlier"] = replacesEarlierLink;
        return values;
    }

    /// <summary>The name of the coordinator who sent the invitation, when they still have an account.</summary>
    public static async Task<string?> CoordinatorNameAsync(AppDbContext db, string? userId, CancellationToken cancellationToken) =>
        userId is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == userId && u.ErasedAtUtc == null).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The subject of an invitation to no program in particular.</summary>
    public static string Subject(string? programName, bool reminder) =>
        (reminder ? "Reminder: you" : "You") + (programName is null ? " are invited to ReverseMentoring" : $" are invited to {programName}");

    /// <summary>The text of an invitation to no program in particular (programs have their own wording); <paramref name="replacesEarlierLink"/> says that the link of any earlier e-mail stops working.</summary>
    public static string Text(
        PublicLinks links, string token, string role, int? programId, string? programName, DateTime expiresAtUtc, bool reminder, bool replacesEarlierLink = false)
    {
        ArgumentNullException.ThrowIfNull(links);
        var what = programName is null ? "ReverseMentoring" : $"the reverse mentoring program \"{programName}\"";
        var lines = new List<string>
        {
            "Hello,",
            "",
            reminder
                ? $"A reminder: you are invited to join {what} as {Roles.DisplayName(role)}, and you have not registered yet."
                : $"You are invited to join {what} as {Roles.DisplayName(role)}.",
            "",
            "Register with this link:",
            links.To($"/Account/Register?invitation={Uri.EscapeDataString(token)}"),
            "",
            $"The link works until {expiresAtUtc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} (UTC)."
                + (replacesEarlierLink ? " It replaces the link in any earlier invitation e-mail, which no longer works." : ""),
        };
        if (programId is { } id)
        {
            lines.Add("");
            lines.Add("If you have an account already, sign in and enrol here instead:");
            lines.Add(links.To($"/Participant/Programs/{id}/Enrol"));
        }

        lines.Add("");
        lines.Add("Your HR coordinator");
        return string.Join("\r\n", lines);
    }
}
