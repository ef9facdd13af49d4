using System.Collections.Concurrent;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// A change counter per person, moved after every commit that touches something their participant home shows
/// (<see cref="PersonChangesInterceptor"/>), and one for everyone, moved by a change whose people cannot be told (a
/// program's settings or topics, a bulk statement). A home read at a person's stamp is still exact while the stamp is
/// the same (ADR 0028).
/// </summary>
/// <remarks>
/// The counters live in this process and see only its own commits, which is why homes are reused only on the embedded
/// database (<see cref="Tracked"/>), where the app is the one process writing. A server database has instances side by
/// side, each blind to the others' writes.
/// </remarks>
public sealed class PersonChanges(bool tracked)
{
    private readonly ConcurrentDictionary<string, long> _people = new(StringComparer.Ordinal);
    private long _everyone;

    // One sequence for every counter: a stamp is never repeated, whichever counter moved.
    private long _next;

    /// <summary>Whether this process sees every commit that matters, so a stamp can be trusted.</summary>
    public bool Tracked { get; } = tracked;

    public PersonStamp StampOf(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);

        // Everyone's counter first: a touch of everyone between the two reads leaves an old value here, so the stamp
        // can only be older than the data read after it, never newer.
        var everyone = Volatile.Read(ref _everyone);
        return new PersonStamp(everyone, _people.TryGetValue(userId, out var person) ? person : 0);
    }

    /// <summary>Called after the commit: a home read before it then carries an older stamp.</summary>
    public void Touch(IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        foreach (var id in userIds)
        {
            _people[id] = Interlocked.Increment(ref _next);
        }
    }

    public void TouchEveryone() => Volatile.Write(ref _everyone, Interlocked.Increment(ref _next));
}

/// <summary>The counters a person's home was read at.</summary>
public readonly record struct PersonStamp(long Everyone, long Person);
