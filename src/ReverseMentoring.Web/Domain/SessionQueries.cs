using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Domain;

/// <summary>Which sessions a query means, written once.</summary>
public static class SessionQueries
{
    /// <summary>
    /// The sessions of the person's pairs: the same row-level rule as <see cref="PairQueries.OfParticipant(IQueryable{Pair}, string)"/>.
    /// The pair ids are found first (a few index lookups from the person's enrolments) and the sessions by pair: reached
    /// the other way, from every session to its pair and enrolment, one session by id scanned the whole table (0.2-1 s on
    /// a million sessions).
    /// </summary>
    public static IQueryable<Session> OfParticipant(this IQueryable<Session> sessions, AppDbContext db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pairIds = db.Pairs.OfParticipant(userId, ParticipantRole.Mentor).Select(p => p.Id)
            .Concat(db.Pairs.OfParticipant(userId, ParticipantRole.Mentee).Select(p => p.Id));
        return sessions.Where(s => s.PairId != null && pairIds.Contains(s.PairId.Value));
    }

    /// <summary>The group sessions the person attends: as the group's mentor, or as the mentee of one of its members.</summary>
    public static IQueryable<Session> OfGroupParticipant(this IQueryable<Session> sessions, string userId) =>
        sessions.Where(s => s.GroupId != null
            && (s.Group!.MentorEnrolment!.UserId == userId || s.Group.Members.Any(m => m.Pair!.MenteeEnrolment!.UserId == userId)));

    /// <summary>
    /// The sessions that hold a place in the calendar of one of these enrolments: their pairs' sessions, and the group
    /// sessions they lead or belong to.
    /// </summary>
    /// <remarks>
    /// Their pairs and groups are read first as id lists (a few index lookups), so the sessions are found through the
    /// indexes on pair and group: joined through pairs and groups inside the session query, the databases scan every
    /// booked session of the period instead, which on a large program is most of a second per check.
    /// </remarks>
    public static async Task<IQueryable<Session>> InvolvingAsync(
        this IQueryable<Session> sessions, AppDbContext db, List<int> enrolmentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pairIds = await db.Pairs.AsNoTracking()
            .Where(p => enrolmentIds.Contains(p.MentorEnrolmentId) || enrolmentIds.Contains(p.MenteeEnrolmentId))
            .Select(p => p.Id).ToListAsync(cancellationToken);
        var groupIds = await db.MentoringGroups.AsNoTracking()
            .Where(g => enrolmentIds.Contains(g.MentorEnrolmentId) || g.Members.Any(m => enrolmentIds.Contains(m.MenteeEnrolmentId)))
            .Select(g => g.Id).ToListAsync(cancellationToken);
        return sessions.Where(s => (s.PairId != null && pairIds.Contains(s.PairId.Value)) || (s.GroupId != null && groupIds.Contains(s.GroupId.Value)));
    }

    /// <summary>Planned and not started at <paramref name="now"/>: what <see cref="Session.CanChange"/> accepts.</summary>
    public static IQueryable<Session> Upcoming(this IQueryable<Session> sessions, DateTime now) =>
        sessions.Where(s => s.Status == SessionStatus.Scheduled && s.StartsAtUtc > now);

    /// <summary>Scheduled, never logged and ended more than <see cref="Session.MissedAfter"/> ago: what <see cref="Session.MarkMissed"/> accepts.</summary>
    public static IQueryable<Session> DueToBeMarkedMissed(this IQueryable<Session> sessions, DateTime now)
    {
        var endedBefore = now - Session.MissedAfter;
        return sessions.Where(s => s.Status == SessionStatus.Scheduled && s.EndsAtUtc < endedBefore && s.LoggedAtUtc == null);
    }
}
