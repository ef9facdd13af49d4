namespace ReverseMentoring.Web.Domain;

/// <summary>Marks the records whose every change is written to the audit log.</summary>
public interface IAudited;

/// <summary>A property whose values stay out of the audit log (private notes): the log records only that it changed.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactedAttribute : Attribute
{
    public const string Placeholder = "(private)";
}

/// <summary>Who changed which record, when, and its values before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";

    /// <summary>Added, Modified or Deleted.</summary>
    public string Action { get; set; } = "";

    public string Entity { get; set; } = "";
    public string EntityId { get; set; } = "";

    /// <summary>JSON: { "Property": { "Before": ..., "After": ... } } for the properties that changed.</summary>
    public string Changes { get; set; } = "";

    /// <summary>The entries one action wrote share this key, so the log reads one action with its changes.</summary>
    public string ActionKey { get; set; } = "";

    /// <summary>What the person did, in words ("Approve enrolment"); empty for a change outside a request.</summary>
    public string ActionName { get; set; } = "";

    /// <summary>The program the record belongs to, when it belongs to one: the log is filtered by it.</summary>
    public int? ProgramId { get; set; }
}
