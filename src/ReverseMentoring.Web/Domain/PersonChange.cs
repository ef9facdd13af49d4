namespace ReverseMentoring.Web.Domain;

/// <summary>
/// One save that touched what a person's participant home shows, or everyone's (<see cref="Everyone"/>): written in
/// the same save as the change (<see cref="Data.PersonChangesInterceptor"/>), so a home kept at a person's stamp
/// (<see cref="Data.PersonChanges"/>) is reused exactly until the next one commits, on every instance. Pruned after
/// <see cref="Data.PersonChanges.KeptFor"/>, long after any home kept under them has expired.
/// </summary>
public sealed class PersonChange
{
    /// <summary>The user id of a change that touches everyone's home (a program's settings, a bulk statement).</summary>
    public const string Everyone = "*";

    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public DateTime ChangedAtUtc { get; set; }
}
