namespace ReverseMentoring.Web.Domain;

public enum ConcernCategory
{
    Tone = 0,
    NoShows = 1,
    PowerDynamics = 2,
    Other = 3,
}

/// <summary>
/// One side of a pair telling HR privately that something is wrong. Only HR reads it; the partner is never told, and
/// the pair's health shows only that a concern is open (<see cref="PairFlagKind.ConcernRaised"/>), not who raised it or
/// what it says. The text stays out of the audit log.
/// </summary>
public sealed class Concern : IAudited
{
    public const int TextMaxLength = 4000;
    public const int NoteMaxLength = 2000;

    public int Id { get; set; }
    public int PairId { get; private set; }
    public int ProgramId { get; private set; }
    public string RaisedByUserId { get; private set; } = "";
    public ConcernCategory Category { get; private set; }

    [AuditRedacted]
    public string Text { get; private set; } = "";

    /// <summary>The person let HR act openly and tell the partner the concern came from them; off unless they chose it.</summary>
    public bool MayActOpenly { get; private set; }

    public DateTime RaisedAtUtc { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }
    public string? ResolvedByUserId { get; private set; }
    public string? ResolutionNote { get; private set; }

    public bool IsOpen => ResolvedAtUtc is null;

    public static Concern Raise(Pair pair, string raisedByUserId, ConcernCategory category, string text, bool mayActOpenly, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > TextMaxLength)
        {
            throw new DomainRuleException($"Say what is wrong in 1 to {TextMaxLength} characters.");
        }

        return new Concern
        {
            PairId = pair.Id,
            ProgramId = pair.ProgramId,
            RaisedByUserId = raisedByUserId,
            Category = category,
            Text = trimmed,
            MayActOpenly = mayActOpenly,
            RaisedAtUtc = nowUtc,
        };
    }

    /// <summary>HR closes the concern with a note of what was done; a concern is resolved once.</summary>
    public void Resolve(string byUserId, string note, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (!IsOpen)
        {
            throw new DomainRuleException("This concern was resolved already.");
        }

        var trimmed = note.Trim();
        if (trimmed.Length == 0 || trimmed.Length > NoteMaxLength)
        {
            throw new DomainRuleException($"Say how it was resolved in 1 to {NoteMaxLength} characters.");
        }

        ResolvedAtUtc = nowUtc;
        ResolvedByUserId = byUserId;
        ResolutionNote = trimmed;
    }

    /// <summary>Erasure of the person who raised it: what they wrote goes; that a concern was raised, and its handling, stay.</summary>
    public void EraseText() => Text = "";

    public static string Describe(ConcernCategory category) => category switch
    {
        ConcernCategory.Tone => "Tone",
        ConcernCategory.NoShows => "No-shows",
        ConcernCategory.PowerDynamics => "Power dynamics",
        _ => "Other",
    };
}
