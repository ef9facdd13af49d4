namespace ReverseMentoring.Web.Domain;

/// <summary>
/// One save that gave or took a role, or added or removed a person or a role: written in the same save as the change
/// (<see cref="Data.RoleHolderChanges"/>), so the people-by-role counts can be reused exactly until the next one.
/// </summary>
public sealed class RoleHolderChange
{
    public long Id { get; set; }

    public DateTime ChangedAtUtc { get; set; }
}
