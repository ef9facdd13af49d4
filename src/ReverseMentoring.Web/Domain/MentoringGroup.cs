namespace ReverseMentoring.Web.Domain;

/// <summary>
/// Some of a mentor's accepted pairs in one program, met together: one session, one calendar file, one log and one
/// thread of messages for all of them. Each pair stays a pair (its goals, agreement, feedback and health are its own);
/// the group only says who meets together. Created through <see cref="Create"/>, which refuses a group the rules forbid.
/// </summary>
public sealed class MentoringGroup : IAudited
{
    public const int NameMaxLength = 100;
    public const int MinMembers = 2;

    public const string NotMentorMessage = "Only the mentor of these pairs can put them in a group.";
    public const string NotYourPairMessage = "Choose mentees from your own accepted pairs in this program.";
    public const string AlreadyGroupedMessage = "One of these mentees is already in another group; a mentee meets in one group at a time.";
    public const string TooFewMessage = "A group needs at least two mentees; choose two or more.";
    public const string NameMessage = "Give the group a name of 1 to 100 characters.";

    private readonly List<MentoringGroupMember> _members = [];

    public int Id { get; set; }
    public int ProgramId { get; private set; }
    public int MentorEnrolmentId { get; private set; }
    public Enrolment? MentorEnrolment { get; set; }
    public string Name { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>A group ends when its mentor ends it; its sessions and messages stay, and its pairs may join another.</summary>
    public DateTime? EndedAtUtc { get; private set; }

    public IReadOnlyList<MentoringGroupMember> Members => _members;

    public bool IsLive => EndedAtUtc is null;

    /// <summary>
    /// A new group of <paramref name="pairs"/>: each an accepted pair of <paramref name="mentor"/> in the mentor's program,
    /// none in another live group (<paramref name="groupedPairIds"/>), at least two, created by the mentor themself.
    /// </summary>
    public static MentoringGroup Create(string byUserId, Enrolment mentor, string name, IReadOnlyCollection<Pair> pairs, IReadOnlyCollection<int> groupedPairIds, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(mentor);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(groupedPairIds);
        if (mentor.UserId != byUserId || mentor.Role != ParticipantRole.Mentor)
        {
            throw new DomainRuleException(NotMentorMessage);
        }

        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > NameMaxLength)
        {
            throw new DomainRuleException(NameMessage);
        }

        if (pairs.Any(p => p.MentorEnrolmentId != mentor.Id || p.ProgramId != mentor.ProgramId || !p.IsActive))
        {
            throw new DomainRuleException(NotYourPairMessage);
        }

        var distinct = pairs.DistinctBy(p => p.Id).ToList();
        if (distinct.Count < MinMembers)
        {
            throw new DomainRuleException(TooFewMessage);
        }

        if (distinct.Any(p => groupedPairIds.Contains(p.Id)))
        {
            throw new DomainRuleException(AlreadyGroupedMessage);
        }

        var group = new MentoringGroup
        {
            ProgramId = mentor.ProgramId,
            MentorEnrolmentId = mentor.Id,
            Name = trimmed,
            CreatedAtUtc = now,
        };
        group._members.AddRange(distinct.Select(p => new MentoringGroupMember { PairId = p.Id, MenteeEnrolmentId = p.MenteeEnrolmentId }));
        return group;
    }

    /// <summary>Ends the group; only its mentor does.</summary>
    public void End(string byUserId, DateTime now)
    {
        if (MentorEnrolment is null || MentorEnrolment.UserId != byUserId)
        {
            throw new DomainRuleException("Only the group's mentor can end it.");
        }

        EndedAtUtc ??= now;
    }
}

/// <summary>One of a group's pairs; its mentee is kept beside it so "is this person in the group" is one lookup.</summary>
public sealed class MentoringGroupMember
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public int PairId { get; set; }
    public Pair? Pair { get; set; }
    public int MenteeEnrolmentId { get; set; }
}

/// <summary>Whether a group member's mentee came to a held group session, recorded when the mentor logs it.</summary>
public sealed class SessionAttendance
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int PairId { get; set; }
    public int MenteeEnrolmentId { get; set; }
    public bool Attended { get; set; }
}
