using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Domain;

/// <summary>What <see cref="PairHealth"/> needs to know about one active pair, as at one moment.</summary>
public sealed record PairHealthFacts
{
    public int PairId { get; init; }

    public int ProgramId { get; init; }

    /// <summary>The program's session cadence: how often pairs are expected to meet.</summary>
    public int CadenceDays { get; init; }

    public DateTime AcceptedAtUtc { get; init; }

    /// <summary>The start of the last held session; null when the pair has not met yet.</summary>
    public DateTime? LastHeldUtc { get; init; }

    /// <summary>The start of the next scheduled session after <see cref="AsOfUtc"/>, however far ahead.</summary>
    public DateTime? NextScheduledUtc { get; init; }

    /// <summary>The statuses of the latest sessions that started by <see cref="AsOfUtc"/>, newest first.</summary>
    public IReadOnlyList<SessionStatus> RecentPastSessions { get; init; } = [];

    /// <summary>The latest ratings given by either side, newest first.</summary>
    public IReadOnlyList<int> RecentRatings { get; init; } = [];

    /// <summary>When the oldest "have you met yet?" check-in still unanswered was sent.</summary>
    public DateTime? OldestUnansweredHaveYouMetUtc { get; init; }

    /// <summary>When the oldest concern about the pair that HR has not resolved was raised.</summary>
    public DateTime? OldestOpenConcernUtc { get; init; }

    /// <summary>The moment the facts describe.</summary>
    public DateTime AsOfUtc { get; init; }
}

public static class PairHealthQueries
{
    /// <summary>The health of each active pair among <paramref name="pairs"/>, by pair id, as at <paramref name="nowUtc"/>.</summary>
    public static async Task<Dictionary<int, PairHealth>> HealthByPairAsync(
        this IQueryable<Pair> pairs, AppDbContext db, DateTime nowUtc, CancellationToken cancellationToken) =>
        (await pairs.HealthFacts(db, nowUtc).ToListAsync(cancellationToken)).Select(PairHealth.Of).ToDictionary(h => h.PairId);

    /// <summary>
    /// The health facts of the active (accepted) pairs among <paramref name="pairs"/>, as at <paramref name="nowUtc"/>:
    /// one SQL statement, each fact a correlated subquery that the indexes on Sessions (PairId, ...), Feedback (PairId,
    /// CreatedAtUtc, ...) and CheckIns (PairId, ...) answer per pair. The flags are worked out from the facts in memory
    /// by <see cref="PairHealth.Of"/>.
    /// </summary>
    public static IQueryable<PairHealthFacts> HealthFacts(this IQueryable<Pair> pairs, AppDbContext db, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);

        // The recent sessions and ratings are read one position at a time (ORDER BY ... LIMIT 1 OFFSET n per pair)
        // rather than as collections, which EF would turn into a window function over every session and rating.
        return from p in pairs.Active()
               where p.AcceptedAtUtc != null
               join program in db.Programs on p.ProgramId equals program.Id
               let pairHeld = db.Sessions
                   .Where(s => s.PairId == p.Id && s.Status == SessionStatus.Held && s.StartsAtUtc <= nowUtc)
                   .Max(s => (DateTime?)s.StartsAtUtc)
               // A held group session counts for the member pairs whose mentee came. Read from the pair's attendance
               // (indexed by pair) rather than from every held session: per pair, most have none.
               let groupHeld = (from a in db.SessionAttendance
                                where a.PairId == p.Id && a.Attended
                                join s in db.Sessions on a.SessionId equals s.Id
                                where s.GroupId != null && s.Status == SessionStatus.Held && s.StartsAtUtc <= nowUtc
                                select (DateTime?)s.StartsAtUtc).Max()
               select new PairHealthFacts
               {
                   PairId = p.Id,
                   ProgramId = p.ProgramId,
                   CadenceDays = program.SessionCadenceDays,
                   AcceptedAtUtc = p.AcceptedAtUtc!.Value,
                   LastHeldUtc = pairHeld == null || groupHeld > pairHeld ? groupHeld : pairHeld,
                   NextScheduledUtc = db.Sessions
                       .Where(s => s.PairId == p.Id && s.Status == SessionStatus.Scheduled && s.StartsAtUtc > nowUtc)
                       .Min(s => (DateTime?)s.StartsAtUtc),
                   RecentPastSessions = Present(
                       db.Sessions.Where(s => s.PairId == p.Id && s.StartsAtUtc <= nowUtc)
                           .OrderByDescending(s => s.StartsAtUtc).ThenByDescending(s => s.Id)
                           .Select(s => (SessionStatus?)s.Status).FirstOrDefault(),
                       db.Sessions.Where(s => s.PairId == p.Id && s.StartsAtUtc <= nowUtc)
                           .OrderByDescending(s => s.StartsAtUtc).ThenByDescending(s => s.Id)
                           .Skip(1).Select(s => (SessionStatus?)s.Status).FirstOrDefault(),
                       db.Sessions.Where(s => s.PairId == p.Id && s.StartsAtUtc <= nowUtc)
                           .OrderByDescending(s => s.StartsAtUtc).ThenByDescending(s => s.Id)
                           .Skip(2).Select(s => (SessionStatus?)s.Status).FirstOrDefault()),
                   RecentRatings = Present(
                       db.SessionFeedback.Where(f => f.PairId == p.Id)
                           .OrderByDescending(f => f.CreatedAtUtc).ThenByDescending(f => f.Id)
                           .Select(f => (int?)f.Rating).FirstOrDefault(),
                       db.SessionFeedback.Where(f => f.PairId == p.Id)
                           .OrderByDescending(f => f.CreatedAtUtc).ThenByDescending(f => f.Id)
                           .Skip(1).Select(f => (int?)f.Rating).FirstOrDefault(),
                       db.SessionFeedback.Where(f => f.PairId == p.Id)
                           .OrderByDescending(f => f.CreatedAtUtc).ThenByDescending(f => f.Id)
                           .Skip(2).Select(f => (int?)f.Rating).FirstOrDefault()),
                   OldestUnansweredHaveYouMetUtc = db.CheckIns
                       .Where(c => c.PairId == p.Id && c.Kind == CheckInKind.HaveYouMet && c.AnsweredAtUtc == null)
                       .Min(c => (DateTime?)c.SentAtUtc),
                   OldestOpenConcernUtc = db.Concerns
                       .Where(c => c.PairId == p.Id && c.ResolvedAtUtc == null && c.RaisedAtUtc <= nowUtc)
                       .Min(c => (DateTime?)c.RaisedAtUtc),
                   AsOfUtc = nowUtc,
               };
    }

    // The three positions read above: as many as the pair has, newest first.
    private static IReadOnlyList<T> Present<T>(T? first, T? second, T? third)
        where T : struct =>
        RecentValues<T>.Of(first, second, third);

    /// <summary>
    /// One shared read-only list per combination of recent values (a few dozen statuses or ratings in all), rather than a
    /// list per pair and moment: the dashboard holds the facts of every active pair at up to a few moments, and those
    /// lists were a third of their memory.
    /// </summary>
    private static class RecentValues<T>
        where T : struct
    {
        // Statuses and ratings are small sets; the bound only guards against values nobody expects.
        private const int MostShared = 4096;

        private static readonly ConcurrentDictionary<(T?, T?, T?), IReadOnlyList<T>> Shared = new();

        public static IReadOnlyList<T> Of(T? first, T? second, T? third)
        {
            var key = (first, second, third);
            if (Shared.TryGetValue(key, out var shared))
            {
                return shared;
            }

            IReadOnlyList<T> values = new[] { first, second, third }.TakeWhile(v => v.HasValue).Select(v => v!.Value).ToImmutableArray();
            return Shared.Count < MostShared ? Shared.GetOrAdd(key, values) : values;
        }
    }
}
