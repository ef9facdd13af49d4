using System.Text.Json;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

/// <summary>
/// An audit entry for a change to a person's account. The audit interceptor does not watch the account record (its
/// password hash and stamps change on every sign-in), so each change that matters is recorded through here.
/// </summary>
public static class AccountAudit
{
    /// <param name="changes">Field → before and after, serialised as the interceptor does for other records.</param>
    public static AuditEntry Entry(string accountId, string? byUserId, string byName, string what, AuditAction action, DateTime atUtc, object changes,
        JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new AuditEntry
        {
            AtUtc = atUtc,
            UserId = byUserId,
            UserName = byName,
            Action = what,
            Entity = nameof(AppUser),
            EntityId = accountId,
            ActionKey = action.Key,
            ActionName = action.Name,
            Changes = JsonSerializer.Serialize(changes, json),
        };
    }
}
