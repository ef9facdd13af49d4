using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard.Facts;

/// <summary>
/// The pairs, enrolments and programs the dashboard's figures join day facts with, held in memory by each instance
/// (ADR 0023) and loaded again, once for all waiting requests, when their version changes.
/// </summary>
public sealed class DashboardLookups : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _current;

    /// <summary>The snapshot at <paramref name="version"/> (the programs' lookup versions summed up), loading it when it has moved.</summary>
    public async Task<Snapshot> CurrentAsync(AppDbContext db, LookupsVersion version, CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && current.Version == version)
        {
            return current;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is null || current.Version != version)
            {
                current = await Snapshot.LoadAsync(db, version, cancellationToken);
                _current = current;
            }

            return current;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The instance's one dashboard computation at a time (UptakeDashboard.FigureSources.ComputedAsync).</summary>
    internal SemaphoreSlim Computing { get; } = new(1, 1);

    private int _requests;

    private long _computations;

    /// <summary>Dashboard figures worked out on this instance (not reused) since it started.</summary>
    internal long Computations => Interlocked.Read(ref _computations);

    internal void Computed() => Interlocked.Increment(ref _computations);

    /// <summary>Dashboard requests in progress on this instance: more than one means others are waiting on the same figures.</summary>
    internal int Requests => Volatile.Read(ref _requests);

    /// <summary>Counts a dashboard request for as long as the returned value is not disposed.</summary>
    internal IDisposable Request()
    {
        Interlocked.Increment(ref _requests);
        return new RequestDone(this);
    }

    private sealed class RequestDone(DashboardLookups lookups) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref lookups._requests);
            }
        }
    }

    public void Dispose()
    {
        _loading.Dispose();
        Computing.Dispose();
    }

    /// <summary>What the lookups of all programs are at: the sum, count and highest of their versions.</summary>
    public readonly record struct LookupsVersion(long Sum, int Programs, long Max)
    {
        public static LookupsVersion Of(IEnumerable<long> versions)
        {
            var (sum, count, max) = (0L, 0, 0L);
            foreach (var v in versions)
            {
                (sum, count, max) = (sum + v, count + 1, Math.Max(max, v));
            }

            return new LookupsVersion(sum, count, max);
        }
    }

    public sealed record PairRow(
        int Id, int ProgramId, PairStatus Status, PairEnding? Ending, int MentorEnrolmentId, int MenteeEnrolmentId,
        DateTime ProposedAtUtc, DateTime? AcceptedAtUtc, DateTime? EndedAtUtc)
    {
        // Worked out once (rows are never copied with `with`): a computation asks them of every pair several times per
        // scope and period.
        public bool IsStarted { get; } = Pair.StartedStatuses.Contains(Status);

        public bool IsActive { get; } = Pair.ActiveStatuses.Contains(Status);
    }

    /// <summary>An enrolment; <c>Person</c> numbers its user from 0 within the snapshot, so sets of people are bit sets.</summary>
    public sealed record EnrolmentRow(
        int Id, int ProgramId, string UserId, ParticipantRole Role, EnrolmentStatus Status, string Department, string JobLevel,
        DateTime CreatedAtUtc, DateTime? DecidedAtUtc, int Person);

    public sealed record ProgramRow(int Id, string Name, int SessionCadenceDays);

    /// <summary>One load of the lookups; never changed once built, so requests share it freely.</summary>
    public sealed class Snapshot
    {
        private Snapshot(LookupsVersion version, PairRow[] pairs, EnrolmentRow[] enrolments, ProgramRow[] programs)
        {
            Version = version;
            Pairs = pairs;
            Enrolments = enrolments;
            Programs = programs;
            PairById = ById(pairs, p => p.Id);
            EnrolmentById = ById(enrolments, e => e.Id);
            ProgramById = programs.ToDictionary(p => p.Id);
            var firstAccepted = new Dictionary<int, DateTime>();
            foreach (var p in pairs)
            {
                if (p.IsStarted && p.AcceptedAtUtc is { } accepted
                    && (!firstAccepted.TryGetValue(p.MenteeEnrolmentId, out var first) || accepted < first))
                {
                    firstAccepted[p.MenteeEnrolmentId] = accepted;
                }
            }

            FirstAcceptedOfMentee = firstAccepted;

            // As the filter form listed them from the database: distinct, not empty, in ordinal order, at most 500.
            Departments = [.. enrolments.Select(e => e.Department).Where(d => d.Length > 0).Distinct().Order(StringComparer.Ordinal).Take(500)];
            JobLevels = [.. enrolments.Select(e => e.JobLevel).Where(d => d.Length > 0).Distinct().Order(StringComparer.Ordinal).Take(500)];
        }

        public LookupsVersion Version { get; }

        public IReadOnlyList<PairRow> Pairs { get; }

        public IReadOnlyList<EnrolmentRow> Enrolments { get; }

        public IReadOnlyList<ProgramRow> Programs { get; }

        /// <summary>Pairs by id (null where no pair has that id).</summary>
        public IReadOnlyList<PairRow?> PairById { get; }

        public IReadOnlyList<EnrolmentRow?> EnrolmentById { get; }

        public IReadOnlyDictionary<int, ProgramRow> ProgramById { get; }

        /// <summary>The earliest acceptance of a started pair, by its mentee's enrolment.</summary>
        public IReadOnlyDictionary<int, DateTime> FirstAcceptedOfMentee { get; }

        public IReadOnlyList<string> Departments { get; }

        /// <summary>How many distinct people the enrolments belong to (the bound of <see cref="EnrolmentRow.Person"/>).</summary>
        public int PersonCount { get; private init; }

        public IReadOnlyList<string> JobLevels { get; }

        public PairRow? Pair(int id) => (uint)id < (uint)PairById.Count ? PairById[id] : null;

        public EnrolmentRow? Enrolment(int id) => (uint)id < (uint)EnrolmentById.Count ? EnrolmentById[id] : null;

        internal static async Task<Snapshot> LoadAsync(AppDbContext db, LookupsVersion version, CancellationToken cancellationToken)
        {
            var pairs = await db.Pairs.AsNoTracking()
                .Select(p => new PairRow(p.Id, p.ProgramId, p.Status, p.Ending, p.MentorEnrolmentId, p.MenteeEnrolmentId, p.ProposedAtUtc, p.AcceptedAtUtc, p.EndedAtUtc))
                .ToArrayAsync(cancellationToken);
            var raw = await db.Enrolments.AsNoTracking()
                .Select(e => new { e.Id, e.ProgramId, e.UserId, e.Role, e.Status, e.Department, e.JobLevel, e.CreatedAtUtc, e.DecidedAtUtc })
                .ToListAsync(cancellationToken);

            // A few hundred departments and levels over 100,000 rows: one string each.
            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            string Interned(string s)
            {
                if (!strings.TryGetValue(s, out var shared))
                {
                    strings[s] = shared = s;
                }

                return shared;
            }

            var people = new Dictionary<string, int>(StringComparer.Ordinal);
            int Person(string userId)
            {
                if (!people.TryGetValue(userId, out var person))
                {
                    people[userId] = person = people.Count;
                }

                return person;
            }

            var enrolments = raw
                .Select(e => new EnrolmentRow(
                    e.Id, e.ProgramId, e.UserId, e.Role, e.Status, Interned(e.Department), Interned(e.JobLevel), e.CreatedAtUtc, e.DecidedAtUtc, Person(e.UserId)))
                .ToArray();
            var programs = await db.Programs.AsNoTracking()
                .Select(p => new ProgramRow(p.Id, p.Name, p.SessionCadenceDays))
                .ToArrayAsync(cancellationToken);
            return new Snapshot(version, pairs, enrolments, programs) { PersonCount = people.Count };
        }

        private static T?[] ById<T>(IReadOnlyList<T> rows, Func<T, int> id)
            where T : class
        {
            var max = rows.Count == 0 ? -1 : rows.Max(id);
            var byId = new T?[max + 1];
            foreach (var row in rows)
            {
                byId[id(row)] = row;
            }

            return byId;
        }
    }
}
