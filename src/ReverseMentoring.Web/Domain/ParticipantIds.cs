using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A person's enrolments, pairs (with their side, status and partner) and mentoring groups, as ids read once, so that a
/// page made of several parts (the participant home) asks for them once and hands them to each part.
/// </summary>
/// <remarks>
/// Each part then finds its rows through the indexes on these ids. Joined through the person's enrolments inside every
/// query instead, an OR across the two sides of a pair, or across a group's mentor and its members, made the databases
/// scan every enrolment or group.
/// </remarks>
public sealed record ParticipantIds(
    string UserId, IReadOnlyList<ParticipantIds.EnrolmentOf> Enrolments, IReadOnlyList<ParticipantIds.PairOf> Pairs, IReadOnlyList<ParticipantIds.GroupOf> Groups)
{
    /// <param name="Mode">How the enrolment's program matches people.</param>
    public sealed record EnrolmentOf(int Id, int ProgramId, EnrolmentStatus Status, ParticipantRole Role, MatchingMode Mode);

    /// <param name="Side">The person's side of the pair.</param>
    /// <param name="Partner">The display name of the person on the other side.</param>
    /// <param name="Grouped">The pair is a member of a mentoring group, live or ended.</param>
    public sealed record PairOf(int Id, int ProgramId, PairStatus Status, ParticipantRole Side, DateTime? AcceptedAtUtc, string Partner, bool Grouped);

    /// <param name="Led">The person is the group's mentor; otherwise the mentee of one of its members.</param>
    /// <param name="Live">Not ended.</param>
    public sealed record GroupOf(int Id, bool Led, bool Live);

    public List<int> EnrolmentIds => Enrolments.Select(e => e.Id).ToList();

    public List<int> PairIds => Pairs.Select(p => p.Id).ToList();

    public List<int> PairIdsAs(ParticipantRole side) => Pairs.Where(p => p.Side == side).Select(p => p.Id).ToList();

    /// <summary>The pairs whose status is one of <paramref name="statuses"/> (<see cref="Pair.ActiveStatuses"/>, <see cref="Pair.StartedStatuses"/>...).</summary>
    public List<PairOf> PairsIn(IReadOnlyList<PairStatus> statuses) => Pairs.Where(p => statuses.Contains(p.Status)).ToList();

    public List<int> GroupsLed => Groups.Where(g => g.Led).Select(g => g.Id).Distinct().ToList();

    public List<int> LiveGroupIds => Groups.Where(g => g.Live).Select(g => g.Id).Distinct().ToList();

    public static async Task<ParticipantIds> LoadAsync(AppDbContext db, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.UserId == userId)
            .Select(e => new EnrolmentOf(e.Id, e.ProgramId, e.Status, e.Role, e.Program!.Matching.Mode))
            .ToListAsync(cancellationToken);
        return await ForEnrolmentsAsync(db, userId, enrolments, cancellationToken);
    }

    /// <summary>The pairs and groups of the person's <paramref name="enrolments"/> (all of them), already read by the caller.</summary>
    public static async Task<ParticipantIds> ForEnrolmentsAsync(AppDbContext db, string userId, IReadOnlyList<EnrolmentOf> enrolments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(enrolments);
        if (enrolments.Count == 0)
        {
            return new ParticipantIds(userId, enrolments, [], []);
        }

        var ids = enrolments.Select(e => e.Id).ToList();
        var pairs = await db.Pairs.AsNoTracking()
            .Where(p => ids.Contains(p.MentorEnrolmentId) || ids.Contains(p.MenteeEnrolmentId))
            .Select(p => new PairOf(
                p.Id,
                p.ProgramId,
                p.Status,
                ids.Contains(p.MentorEnrolmentId) ? ParticipantRole.Mentor : ParticipantRole.Mentee,
                p.AcceptedAtUtc,
                ids.Contains(p.MentorEnrolmentId) ? p.MenteeEnrolment!.User!.DisplayName : p.MentorEnrolment!.User!.DisplayName,
                db.MentoringGroupMembers.Any(m => m.PairId == p.Id)))
            .ToListAsync(cancellationToken);

        // A group is made of pairs: with none of the person's in one, there is no group to lead or belong to.
        if (!pairs.Any(p => p.Grouped))
        {
            return new ParticipantIds(userId, enrolments, pairs, []);
        }

        var joined = db.MentoringGroupMembers.Where(m => ids.Contains(m.MenteeEnrolmentId)).Select(m => m.GroupId);
        var groups = await db.MentoringGroups.AsNoTracking()
            .Where(g => ids.Contains(g.MentorEnrolmentId) || joined.Contains(g.Id))
            .Select(g => new GroupOf(g.Id, ids.Contains(g.MentorEnrolmentId), g.EndedAtUtc == null))
            .ToListAsync(cancellationToken);
        return new ParticipantIds(userId, enrolments, pairs, groups);
    }
}
