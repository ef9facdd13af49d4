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

    internal sealed record AttendedSeat(int SessionId, int ProgramId, string UserId, int? Rating);

    /// <summary>The held sessions of a period and the seats of those who came, of every program.</summary>
    internal sealed record KnowledgeHeld(List<(int Id, int ProgramId)> Sessions, List<AttendedSeat> Seats);

    /// <summary>
    /// With a department or job level filter, a seat counts when its senior's enrolment in the session's program matches,
    /// and a session when one of its seats counts; otherwise every held session of the program(s) counts.
    /// </summary>
    internal static async Task<KnowledgeFigures> KnowledgeAsync(AppDbContext db, int? programId, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var sessions = HeldKnowledge(db, period);
        if (programId is { } id)
        {
            sessions = sessions.Where(k => k.ProgramId == id);
        }

        var seats = await AttendedSeats(db, sessions).ToListAsync(cancellationToken);
        if (!scope.ByPerson)
        {
            return KnowledgeOf(await sessions.CountAsync(cancellationToken), seats);
        }

        var people = await scope.People.Select(e => new { e.ProgramId, e.UserId }).ToListAsync(cancellationToken);
        return KnowledgeOf(seats, people.Select(e => (e.ProgramId, e.UserId)));
    }

    /// <summary>
    /// The held sessions and attended seats of a period, read once for every scope (a leader's filtered view asks for
    /// several, and each query cost 50-60 ms on a large volume); <see cref="KnowledgeIn"/> then filters them in memory.
    /// </summary>
    internal static async Task<KnowledgeHeld> KnowledgeHeldAsync(AppDbContext db, Period period, CancellationToken cancellationToken)
    {
        var sessions = HeldKnowledge(db, period);
        var held = await sessions.Select(k => new { k.Id, k.ProgramId }).ToListAsync(cancellationToken);
        return new([.. held.Select(k => (k.Id, k.ProgramId))], await AttendedSeats(db, sessions).ToListAsync(cancellationToken));
    }

    /// <summary>The figures of <see cref="KnowledgeAsync"/> for one scope, from the period's sessions and seats in memory.</summary>
    internal static KnowledgeFigures KnowledgeIn(KnowledgeHeld held, FactScope scope)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(scope);
        bool InProgram(int programId) => scope.ProgramId is null || programId == scope.ProgramId;
        var seats = held.Seats.Where(s => InProgram(s.ProgramId)).ToList();
        if (!scope.ByPerson)
        {
            return KnowledgeOf(held.Sessions.Count(k => InProgram(k.ProgramId)), seats);
        }

        return KnowledgeOf(seats, scope.People.Select(e => (e.ProgramId, e.UserId)));
    }

    private static IQueryable<KnowledgeSession> HeldKnowledge(AppDbContext db, Period period)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        return db.KnowledgeSessions.AsNoTracking()
            .Where(k => k.Status == KnowledgeSessionStatus.Held && k.StartsAtUtc >= start && k.StartsAtUtc < end);
    }

    private static IQueryable<AttendedSeat> AttendedSeats(AppDbContext db, IQueryable<KnowledgeSession> sessions) =>
        from seat in db.KnowledgeSessionSeats.AsNoTracking()
        join session in sessions on seat.KnowledgeSessionId equals session.Id
        where seat.State == KnowledgeSeatState.Booked && seat.Attended
        select new AttendedSeat(session.Id, session.ProgramId, seat.UserId, seat.Rating);

    /// <summary>
    /// A filtered scope's figures: the seats of its people, and the sessions where at least one of them sat. The set is
    /// of the seats (a period's few hundred), not of the people: a department's thousands of people made a large set
    /// thrown away per computation.
    /// </summary>
    private static KnowledgeFigures KnowledgeOf(List<AttendedSeat> seats, IEnumerable<(int ProgramId, string UserId)> people)
    {
        var sitters = seats.Select(s => (s.ProgramId, s.UserId)).ToHashSet();
        var theirs = new HashSet<(int ProgramId, string UserId)>();
        foreach (var person in sitters.Count == 0 ? [] : people)
        {
            if (sitters.Contains(person))
            {
                theirs.Add(person);
            }
        }

        var kept = seats.Where(s => theirs.Contains((s.ProgramId, s.UserId))).ToList();
        return KnowledgeOf(kept.Select(s => s.SessionId).Distinct().Count(), kept);
    }

    private static KnowledgeFigures KnowledgeOf(int held, List<AttendedSeat> seats)
    {
        var rated = seats.Where(s => s.Rating is not null).ToList();
        var average = rated.Count == 0 ? (double?)null : rated.Average(s => (double)s.Rating!.Value);
        return new KnowledgeFigures(
            Count.Of(held, exact: true),
            Count.Of(seats.Count, exact: true),
            Count.Of(seats.Select(s => s.UserId).Distinct(StringComparer.Ordinal).Count(), exact: true),
            Measure.Over(average, rated.Select(s => s.UserId).Distinct(StringComparer.Ordinal).Count(), "0.00") with { Basis = rated.Count });
    }
}
