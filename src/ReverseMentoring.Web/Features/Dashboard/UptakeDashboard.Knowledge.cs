using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// Reach beyond pairs: knowledge-sharing sessions held in the period (by their start), the seats of people who came,
/// the distinct seniors reached, and the average of their ratings.
/// </summary>
public static partial class UptakeDashboard
{
    public sealed record KnowledgeFigures(Count SessionsHeld, Count SeatsAttended, Count SeniorsReached, Measure AverageRating)
    {
        public static KnowledgeFigures None { get; } =
            new(new Count(0, false), new Count(0, false), new Count(0, false), new Measure(null, false, "0.00"));
    }

    private sealed record AttendedSeat(int SessionId, int ProgramId, string UserId, int? Rating);

    /// <summary>
    /// With a department or job level filter, a seat counts when its senior's enrolment in the session's program matches,
    /// and a session when one of its seats counts; otherwise every held session of the program(s) counts.
    /// </summary>
    internal static async Task<KnowledgeFigures> KnowledgeAsync(AppDbContext db, int? programId, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var sessions = db.KnowledgeSessions.AsNoTracking()
            .Where(k => k.Status == KnowledgeSessionStatus.Held && k.StartsAtUtc >= start && k.StartsAtUtc < end);
        if (programId is { } id)
        {
            sessions = sessions.Where(k => k.ProgramId == id);
        }

        var seats = await (
                from seat in db.KnowledgeSessionSeats.AsNoTracking()
                join session in sessions on seat.KnowledgeSessionId equals session.Id
                where seat.State == KnowledgeSeatState.Booked && seat.Attended
                select new AttendedSeat(session.Id, session.ProgramId, seat.UserId, seat.Rating))
            .ToListAsync(cancellationToken);
        int held;
        if (scope.ByPerson)
        {
            var people = (await scope.People.Select(e => new { e.ProgramId, e.UserId }).ToListAsync(cancellationToken))
                .Select(e => (e.ProgramId, e.UserId)).ToHashSet();
            seats = seats.Where(s => people.Contains((s.ProgramId, s.UserId))).ToList();
            held = seats.Select(s => s.SessionId).Distinct().Count();
        }
        else
        {
            held = await sessions.CountAsync(cancellationToken);
        }

        var rated = seats.Where(s => s.Rating is not null).ToList();
        var average = rated.Count == 0 ? (double?)null : rated.Average(s => (double)s.Rating!.Value);
        return new KnowledgeFigures(
            Count.Of(held, exact: true),
            Count.Of(seats.Count, exact: true),
            Count.Of(seats.Select(s => s.UserId).Distinct(StringComparer.Ordinal).Count(), exact: true),
            Measure.Over(average, rated.Select(s => s.UserId).Distinct(StringComparer.Ordinal).Count(), "0.00") with { Basis = rated.Count });
    }
}
