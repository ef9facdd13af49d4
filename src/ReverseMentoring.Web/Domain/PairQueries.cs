using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace ReverseMentoring.Web.Domain;

/// <summary>Which pairs a query means, written once for every page, job and report.</summary>
public static class PairQueries
{
    /// <summary>
    /// The pairs the person is on, as mentor or mentee: the row-level rule that makes anyone else's pair (and what hangs
    /// off it) not found. The ids are found one side at a time, joined by UNION ALL, so each half is answered from the
    /// person's enrolments by index (an OR across the two joined enrolments scans every pair); the outer query stays a
    /// plain one that can include and project anything.
    /// </summary>
    public static IQueryable<Pair> OfParticipant(this IQueryable<Pair> pairs, string userId)
    {
        var ids = pairs.OfParticipant(userId, ParticipantRole.Mentor).Concat(pairs.OfParticipant(userId, ParticipantRole.Mentee)).Select(p => p.Id);
        return pairs.Where(p => ids.Contains(p.Id));
    }

    /// <summary>The pairs the person is on as the given side.</summary>
    public static IQueryable<Pair> OfParticipant(this IQueryable<Pair> pairs, string userId, ParticipantRole side) =>
        pairs.Where(IsOn(userId, side));

    /// <summary>Accepted by both sides and not ended: <see cref="Pair.ActiveStatuses"/>, sent as constants so indexes apply.</summary>
    public static IQueryable<Pair> Active(this IQueryable<Pair> pairs) =>
        pairs.Where(p => EF.Constant(Pair.ActiveStatuses).Contains(p.Status));

    /// <summary>Proposed or accepted, holding both people: <see cref="Pair.LiveStatuses"/>.</summary>
    public static IQueryable<Pair> Live(this IQueryable<Pair> pairs) =>
        pairs.Where(p => EF.Constant(Pair.LiveStatuses).Contains(p.Status));

    /// <summary>Proposed and waiting for at least one side's answer: <see cref="Pair.IsAwaitingAnswer"/>.</summary>
    public static IQueryable<Pair> AwaitingAnswer(this IQueryable<Pair> pairs) =>
        pairs.Where(p => p.Status == PairStatus.Proposed && (p.MentorResponse == PairResponse.Pending || p.MenteeResponse == PairResponse.Pending));

    /// <summary>Accepted at some point, ended or not: <see cref="Pair.StartedStatuses"/>.</summary>
    public static IQueryable<Pair> Started(this IQueryable<Pair> pairs) =>
        pairs.Where(p => EF.Constant(Pair.StartedStatuses).Contains(p.Status));

    /// <summary>The person is the given side of the pair.</summary>
    internal static Expression<Func<Pair, bool>> IsOn(string userId, ParticipantRole side) =>
        side == ParticipantRole.Mentor
            ? p => p.MentorEnrolment!.UserId == userId
            : p => p.MenteeEnrolment!.UserId == userId;
}
