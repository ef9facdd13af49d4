using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Chat;

/// <summary>Sends a person's reminders to the chat webhook they chose instead of their inbox; the message and its key stay the same.</summary>
public static class ChatReminders
{
    public static async Task<IReadOnlyList<Outgoing>> RouteAsync(AppDbContext db, IReadOnlyList<Outgoing> reminders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminders);
        if (reminders.Count == 0)
        {
            return reminders;
        }

        var emails = reminders.Select(r => r.Recipient.ToUpperInvariant()).Distinct().ToList();
        var chats = await db.Users.AsNoTracking()
            .Where(u => u.ReminderChatWebhookUrl != null && u.NormalizedEmail != null)
            .WhereIdIn(u => u.NormalizedEmail!, emails)
            .Select(u => new { u.NormalizedEmail, u.ReminderChatKind, u.ReminderChatWebhookUrl })
            .ToListAsync(cancellationToken);
        if (chats.Count == 0)
        {
            return reminders;
        }

        var byEmail = chats.ToDictionary(c => c.NormalizedEmail!, c => new ChatTarget(c.ReminderChatKind ?? ChatKind.Slack, c.ReminderChatWebhookUrl!));
        return reminders.Select(r => byEmail.TryGetValue(r.Recipient.ToUpperInvariant(), out var chat)
            ? r with { Chat = chat, Text = $"{r.Subject}\n\n{r.Text}", Html = null, Attachment = null }
            : r).ToList();
    }
}
