namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A message in a group's thread, read by the group's mentor and members only. HR never reads it, as with a pair's
/// messages; the text stays out of the audit log.
/// </summary>
public sealed class GroupMessage : IAudited
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public int GroupId { get; private set; }

    /// <summary>The group's program, so the audit log files the message under it.</summary>
    public int ProgramId { get; private set; }

    public string AuthorUserId { get; private set; } = "";

    [AuditRedacted]
    public string Text { get; private set; } = "";

    public DateTime SentAtUtc { get; private set; }

    /// <summary>A new message of the group's mentor or one of its members, while the group is live.</summary>
    public static GroupMessage Write(MentoringGroup group, bool authorIsInGroup, string authorUserId, string text, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(text);
        if (!authorIsInGroup)
        {
            throw new DomainRuleException("Only the group's mentor and members write in its thread.");
        }

        if (!group.IsLive)
        {
            throw new DomainRuleException("This group has ended: its messages can be read but no new ones written.");
        }

        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > TextMaxLength)
        {
            throw new DomainRuleException($"Write a message of 1 to {TextMaxLength} characters.");
        }

        return new GroupMessage { GroupId = group.Id, ProgramId = group.ProgramId, AuthorUserId = authorUserId, Text = trimmed, SentAtUtc = nowUtc };
    }
}
