using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Pairing.Engine;

/// <summary>A skill someone teaches (mentor) or wants to learn (mentee), at a self-rated level 1-5.</summary>
public readonly record struct SkillLevel(int SkillId, int Level);

/// <summary>A weekly slot in the person's own time zone; an end at or before the start runs past midnight.</summary>
public readonly record struct WeeklySlot(DayOfWeek Day, TimeOnly Starts, TimeOnly Ends);

/// <summary>A mentor and a mentee, by candidate id.</summary>
public readonly record struct PairKey(int MentorId, int MenteeId);

/// <summary>A choice one candidate made: <paramref name="PartnerId"/> at <paramref name="Rank"/> (1 is their first choice).</summary>
public readonly record struct PartnerRank(int CandidateId, int PartnerId, int Rank);

/// <summary>One person's line in the org chart: their manager, by e-mail (null at the top).</summary>
public readonly record struct ChartLine(string Email, string? ManagerEmail);

/// <summary>One enrolled person as the pairing sees them.</summary>
public sealed record PairingCandidate
{
    public required int Id { get; init; }
    public required ParticipantRole Role { get; init; }

    /// <summary>The name the reasons use ("Dana is 2 levels above Sam"); blank reads "the mentor" or "the mentee".</summary>
    public string Name { get; init; } = "";

    public string Email { get; init; } = "";
    public string? ManagerEmail { get; init; }
    public string Department { get; init; } = "";
    public string TimeZoneId { get; init; } = "UTC";
    public SessionFormats Formats { get; init; }

    /// <summary>Skills a mentor teaches, or skills a mentee wants to learn.</summary>
    public IReadOnlyList<SkillLevel> Skills { get; init; } = [];

    public IReadOnlyList<WeeklySlot> Availability { get; init; } = [];
    public IReadOnlyList<string> Interests { get; init; } = [];
}

/// <summary>Everything one pairing run needs: the people, the program's rules and HR's decisions so far.</summary>
public sealed record PairingRound
{
    public required IReadOnlyList<PairingCandidate> Candidates { get; init; }
    public MatchingSettings Settings { get; init; } = new();

    /// <summary>How many mentees one mentor may take in total, earlier rounds included.</summary>
    public int MentorCapacity { get; init; } = 1;

    public SessionFormats ProgramFormats { get; init; } = SessionFormats.InPerson | SessionFormats.Virtual;

    /// <summary>Pairs HR requires in the result.</summary>
    public IReadOnlyList<PairKey> Pins { get; init; } = [];

    /// <summary>Pairs HR has forbidden.</summary>
    public IReadOnlyList<PairKey> Bans { get; init; } = [];

    /// <summary>Pairs one side declined before; they are never proposed again.</summary>
    public IReadOnlyList<PairKey> Declined { get; init; } = [];

    /// <summary>Pairs accepted in earlier rounds: they keep the mentor's slot and their mentee is not a candidate.</summary>
    public IReadOnlyList<PairKey> Accepted { get; init; } = [];

    /// <summary>The instant whose UTC offsets place everyone's weekly slots; fixed so a rerun gives the same answer.</summary>
    public DateTime AtUtc { get; init; } = new(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The org chart's reporting lines: where it has a person, it decides their chain rather than the manager they gave
    /// at enrolment.
    /// </summary>
    public IReadOnlyList<ChartLine> OrgChart { get; init; } = [];

    /// <summary>Skill names for the reasons; a skill missing here is shown by its id.</summary>
    public IReadOnlyDictionary<int, string> SkillNames { get; init; } = new Dictionary<int, string>();

    /// <summary>Preference-led: the partners each side ranked, 1 to <see cref="MatchingSettings.MaxRankedPartners"/>.</summary>
    public IReadOnlyList<PartnerRank> Ranks { get; init; } = [];

    /// <summary>How many earlier rounds left each candidate (by id) unmatched; the waiting bonus grows with it.</summary>
    public IReadOnlyDictionary<int, int> RoundsWaited { get; init; } = new Dictionary<int, int>();
}
