using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Caching.Memory;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>What one request works its figures out from, and what says whether a computed result is still current.</summary>
public static partial class UptakeDashboard
{
    internal sealed class FigureSources
    {
        private readonly IReadOnlyDictionary<int, (long Facts, long Lookups)> _versions;
        private readonly string _moderate;
        private readonly SemaphoreSlim _computing;
        private readonly DashboardLookups _instance;
        private readonly IServiceScopeFactory? _scopes;

        private FigureSources(
            AppDbContext db, IMemoryCache cache, DashboardLookups instance, DashboardLookups.Snapshot lookups, PairHealthCache? health,
            IReadOnlyDictionary<int, (long Facts, long Lookups)> versions, string moderate, IServiceScopeFactory? scopes)
        {
            (Db, Cache, _instance, Lookups, Health, _versions, _moderate, _computing, _scopes) =
                (db, cache, instance, lookups, health, versions, moderate, instance.Computing, scopes);
        }

        /// <summary>How long ago the latest figures of a scope may have been worked out to be answered while newer ones are.</summary>
        public static readonly TimeSpan LatestFor = TimeSpan.FromMinutes(2);

        /// <summary>
        /// The result kept under <paramref name="slot"/> (what it is: figures, scope, period) if it was worked out at
        /// <paramref name="version"/> (what it counts: the versions of the programs in scope), else worked out one
        /// computation at a time per instance and kept there in place of the one it supersedes, so results put out of
        /// date by writes do not stay in memory until they expire. A request that finds another computation running is
        /// answered with the latest result of the slot, if one was worked out within <see cref="LatestFor"/>, rather than
        /// queueing behind it: under a steady stream of writes every computation is soon out of date, and waiting for each
        /// would hold every request. While other dashboard requests are in progress too, a request that finds its figures
        /// out of date does not work them out itself either: it is answered the latest and the computation runs beside it,
        /// on a database context of its own, so no request waits for one (the slowest answers under load were those). One
        /// request at a time (a person reading after a change, the tests) always gets figures as of its own start.
        /// </summary>
        public async Task<T> ComputedAsync<T>(object slot, string version, DateTime now, Func<FigureSources, CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
            where T : class
        {
            ArgumentNullException.ThrowIfNull(compute);
            if (Reused<T>(slot, version) is { } current)
            {
                return current;
            }

            Versioned<T>? Fresh() => Kept<T>(slot) is { } latest && now - latest.At < LatestFor ? latest : null;

            if (_scopes is not null && _instance.Requests > 1 && Fresh() is { } reused)
            {
                if (await _computing.WaitAsync(0, cancellationToken))
                {
                    _ = Task.Run(() => ComputeBesideAsync(slot, version, now, compute), CancellationToken.None);
                }

                return reused.Value;
            }

            if (!await _computing.WaitAsync(0, cancellationToken))
            {
                if (Fresh() is { } latest)
                {
                    return latest.Value;
                }

                await _computing.WaitAsync(cancellationToken);
            }

            try
            {
                return await ComputeAsync(slot, version, now, compute, cancellationToken);
            }
            finally
            {
                _computing.Release();
            }
        }

        /// <summary>The result worked out from these sources (their database context) unless another computation kept it first.</summary>
        private async Task<T> ComputeAsync<T>(
            object slot, string version, DateTime now, Func<FigureSources, CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
            where T : class
        {
            if (Reused<T>(slot, version) is { } current)
            {
                return current;
            }

            var started = Stopwatch.GetTimestamp();
            _instance.Computed();
            var computed = await compute(this, cancellationToken);

            // Dated when it was worked out, not when the request began: a computation slower than LatestFor (a
            // first one under load) would otherwise leave every request queueing behind the next.
            Keep(slot, new Versioned<T>(version, computed, now + Stopwatch.GetElapsedTime(started)));
            return computed;
        }

        /// <summary>A computation started by a request that did not wait for it: its own scope, and the semaphore released at its end.</summary>
        private async Task ComputeBesideAsync<T>(object slot, string version, DateTime now, Func<FigureSources, CancellationToken, Task<T>> compute)
            where T : class
        {
            try
            {
                await using var scope = _scopes!.CreateAsyncScope();
                var own = new FigureSources(
                    scope.ServiceProvider.GetRequiredService<AppDbContext>(), Cache, _instance, Lookups, Health, _versions, _moderate, _scopes)
                {
                    Covering = Covering,
                };
                try
                {
                    await own.ComputeAsync(slot, version, now, compute, CancellationToken.None);
                }
                catch (Exception failure)
                {
                    // The requests were answered already; the next one out of date tries again.
                    scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UptakeDashboard))
                        .LogError(failure, "The dashboard figures could not be worked out beside the requests");
                }
            }
            finally
            {
                try
                {
                    _computing.Release();
                }
                catch (ObjectDisposedException)
                {
                    // The app stopped meanwhile.
                }
            }
        }

        // The day facts read by this request (or computation), by program, with the days they cover.
        private readonly Dictionary<int, (Period Read, IReadOnlyList<DayFacts> Days)> _days = [];

        /// <summary>
        /// Every period the request works figures out for (the page's and the summary's two), when known: a program's day
        /// facts are then read once over all of them, where each period read its own days again.
        /// </summary>
        public Period? Covering { get; set; }

        /// <summary>
        /// The day facts of <paramref name="programIds"/> over at least <paramref name="period"/> (callers skip the days
        /// outside it), each read once per request: a leader's filtered first view works out the parts of several scopes
        /// (their own and the wider ones) over the same days, and reading and unpacking them for each was about a fifth of it.
        /// </summary>
        public async Task<IReadOnlyDictionary<int, IReadOnlyList<DayFacts>>> DaysAsync(
            IReadOnlyList<int> programIds, Period period, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(programIds);
            ArgumentNullException.ThrowIfNull(period);
            static bool Covers(Period outer, Period inner) => outer.From <= inner.From && outer.To >= inner.To;
            static bool Meets(Period kept, Period range) => kept.From <= range.To.AddDays(1) && kept.To.AddDays(1) >= range.From;
            var range = Covering is { } covering && Covers(covering, period) ? covering : period;
            var unread = new List<int>();
            var widened = new List<(int Id, KeptDays Kept)>();
            var moved = new List<(int Id, KeptDays Kept)>();
            foreach (var id in programIds.Distinct().Where(id => !(_days.TryGetValue(id, out var read) && Covers(read.Read, period))))
            {
                // Kept between requests while the program's facts version stands: a department's first view then counts the
                // days the first views already read, rather than reading and unpacking them again (ADR 0029).
                if (Cache.TryGetValue((nameof(DayFacts), id), out KeptDays? kept))
                {
                    if (kept!.Version != _versions.GetValueOrDefault(id).Facts)
                    {
                        // A write moved the version: only the days folded since are read again.
                        if (Covers(kept.Read, period) && DateTime.UtcNow - kept.InFullAtUtc < ReadInFullEvery)
                        {
                            moved.Add((id, kept));
                            continue;
                        }
                    }
                    else if (Covers(kept.Read, period))
                    {
                        _days[id] = (kept.Read, kept.Days);
                        continue;
                    }
                    else if (Meets(kept.Read, range))
                    {
                        // A chosen period mostly overlaps the kept one: only the days it lacks are read.
                        widened.Add((id, kept));
                        continue;
                    }
                }

                unread.Add(id);
            }

            foreach (var same in moved.GroupBy(m => m.Kept.Read))
            {
                var (read, keptOf) = (same.Key, same.ToDictionary(m => m.Id, m => m.Kept));
                var readAt = DateTime.UtcNow;
                var fresh = (await DashboardFacts.ReadChangedAsync(
                        Db, keptOf.Keys, read.From, read.To, keptOf.ToDictionary(k => k.Key, k => k.Value.Days), keptOf.Values.Min(k => k.ReadAtUtc), cancellationToken))
                    .ToLookup(d => d.ProgramId);
                foreach (var (id, kept) in keptOf)
                {
                    _days[id] = (read, [.. fresh[id]]);
                    Cache.Set((nameof(DayFacts), id), new KeptDays(_versions.GetValueOrDefault(id).Facts, read, _days[id].Days, readAt, kept.InFullAtUtc), KeptDaysFor);
                }
            }

            foreach (var same in widened.GroupBy(w => w.Kept.Read))
            {
                var (kept, ids) = (same.Key, same.Select(w => w.Id).ToList());
                var before = range.From < kept.From ? await DashboardFacts.ReadAsync(Db, ids, range.From, kept.From.AddDays(-1), cancellationToken) : [];
                var after = range.To > kept.To ? await DashboardFacts.ReadAsync(Db, ids, kept.To.AddDays(1), range.To, cancellationToken) : [];
                var (earlier, later) = (before.ToLookup(d => d.ProgramId), after.ToLookup(d => d.ProgramId));
                var joined = Period.Spanning(kept, range);
                foreach (var (id, keptDays) in same)
                {
                    // In day order, as read: the kept days lie between the two reads.
                    _days[id] = (joined, [.. earlier[id], .. keptDays.Days, .. later[id]]);
                    // As old as the kept part: the days folded since it was read are read again after the next write.
                    Cache.Set((nameof(DayFacts), id), new KeptDays(keptDays.Version, joined, _days[id].Days, keptDays.ReadAtUtc, keptDays.InFullAtUtc), KeptDaysFor);
                }
            }

            if (unread.Count > 0)
            {
                var readAt = DateTime.UtcNow;
                var read = (await DashboardFacts.ReadAsync(Db, unread, range.From, range.To, cancellationToken)).ToLookup(d => d.ProgramId);
                foreach (var id in unread)
                {
                    _days[id] = (range, [.. read[id]]);
                    var version = _versions.GetValueOrDefault(id).Facts;

                    // A chosen period must not push out the kept days of the default ones at the same version, which every
                    // first view and the fold read: they would be read again at the next one, and the two ranges in turn.
                    if (!(Cache.TryGetValue((nameof(DayFacts), id), out KeptDays? current) && current!.Version == version && !Covers(range, current.Read)))
                    {
                        Cache.Set((nameof(DayFacts), id), new KeptDays(version, range, _days[id].Days, readAt, readAt), KeptDaysFor);
                    }
                }
            }

            return programIds.Distinct().ToDictionary(id => id, id => _days[id].Days);
        }

        // Sliding: the fold's first views use them every minute, so they stay while the app runs and go when it idles.
        private static readonly MemoryCacheEntryOptions KeptDaysFor = new() { SlidingExpiration = Handler.CacheFor };

        /// <summary>
        /// A program's day facts over a range, as read at its facts version; when the read began (UTC, the wall clock the
        /// fold stamps the days it writes with) and when the last read of every day did.
        /// </summary>
        private sealed record KeptDays(long Version, Period Read, IReadOnlyList<DayFacts> Days, DateTime ReadAtUtc, DateTime InFullAtUtc);

        /// <summary>
        /// Kept days read again after writes (only the days folded since) are read in full once this old, so a fold that
        /// committed later than <see cref="DashboardFacts.LateFold"/> after its stamp is not missed for longer.
        /// </summary>
        public static readonly TimeSpan ReadInFullEvery = TimeSpan.FromMinutes(15);

        /// <summary>A value of a slot, the version it was worked out at, and when it was.</summary>
        private sealed record Versioned<T>(string Version, T Value, DateTime At);

        private Versioned<T>? Kept<T>(object slot) => Cache.TryGetValue(slot, out Versioned<T>? kept) ? kept : null;

        private void Keep<T>(object slot, Versioned<T> value) => Cache.Set(slot, value, Handler.CacheFor);

        public AppDbContext Db { get; }

        public IMemoryCache Cache { get; }

        public DashboardLookups.Snapshot Lookups { get; }

        /// <summary>The health of active pairs as at now, kept by the instance; null works it out with a query.</summary>
        public PairHealthCache? Health { get; }

        /// <summary>
        /// The versions of every program and the highest ids of the moderate tables still queried (two small queries,
        /// reused while nothing was committed when <paramref name="changes"/> can tell), then the lookups at those versions.
        /// </summary>
        public static async Task<FigureSources> ReadAsync(
            AppDbContext db, IMemoryCache cache, DashboardLookups lookups, PairHealthCache? health, DatabaseChanges? changes, IServiceScopeFactory? scopes,
            CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(db);
            ArgumentNullException.ThrowIfNull(lookups);
            async Task<Marks> ReadMarksAsync() => new(await DashboardFacts.VersionsAsync(db, cancellationToken), await ModerateMarksAsync(db, cancellationToken));
            var (versions, moderate) = changes is null ? await ReadMarksAsync() : await changes.ReadAsync(cache, typeof(Marks), ReadMarksAsync);
            var snapshot = await lookups.CurrentAsync(db, DashboardLookups.LookupsVersion.Of(versions.Values.Select(v => v.Lookups)), cancellationToken);
            return new FigureSources(db, cache, lookups, snapshot, health, versions, moderate, scopes);
        }

        private sealed record Marks(IReadOnlyDictionary<int, (long Facts, long Lookups)> Versions, string Moderate);

        private static readonly ConcurrentDictionary<Type, string> MarksSql = new();

        /// <summary>
        /// The highest ids of the moderate tables still queried, in one round trip: read on every request, where one query
        /// per table cost more than the rest of a reused result. Invitations are not among them: any change to one moves
        /// its program's lookups version (<see cref="DashboardFactsInterceptor"/>), and counting them here read the whole
        /// table on every request.
        /// </summary>
        private static async Task<string> ModerateMarksAsync(AppDbContext db, CancellationToken cancellationToken)
        {
            var sql = MarksSql.GetOrAdd(db.GetType(), _ =>
            {
                var sqlHelper = db.GetService<ISqlGenerationHelper>();
                string Highest(Type entity)
                {
                    var type = db.Model.FindEntityType(entity)!;
                    var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
                    var id = type.FindPrimaryKey()!.Properties[0].GetColumnName(table)!;
                    return $"(SELECT CAST(MAX({sqlHelper.DelimitIdentifier(id)}) AS bigint) FROM {sqlHelper.DelimitIdentifier(table.Name, table.Schema)})";
                }

                var parts = new[]
                {
                    Highest(typeof(SkillRating)), Highest(typeof(GrowthRating)), Highest(typeof(LeadershipTraitRating)), Highest(typeof(CheckIn)),
                    Highest(typeof(CheckInAnswer)), Highest(typeof(KnowledgeSession)), Highest(typeof(KnowledgeSessionSeat)),
                };
                return "SELECT " + string.Join(", ", parts.Select((part, i) => $"{part} AS {sqlHelper.DelimitIdentifier("M" + i)}"));
            });

            var marks = await db.Database.SqlQueryRaw<ModerateMarks>(sql).AsNoTracking().SingleAsync(cancellationToken);
            return string.Join(',', marks.M0, marks.M1, marks.M2, marks.M3, marks.M4, marks.M5, marks.M6);
        }

        private sealed class ModerateMarks
        {
            public long? M0 { get; init; }
            public long? M1 { get; init; }
            public long? M2 { get; init; }
            public long? M3 { get; init; }
            public long? M4 { get; init; }
            public long? M5 { get; init; }
            public long? M6 { get; init; }
        }

        /// <summary>
        /// Changes when anything the moderate tables' figures of a scope count changes: the lookups (who is in the scope)
        /// and the moderate tables (a row added moves their highest ids; a row changed or removed moves its program's
        /// lookups version, <see cref="DashboardFactsInterceptor"/>), not the day facts, which move with every session and rating.
        /// </summary>
        public string ModerateKeyOf(int? programId)
        {
            var lookups = programId is { } id ? _versions.GetValueOrDefault(id).Lookups : _versions.Values.Sum(v => v.Lookups);
            return $"{lookups}/{_versions.Count}/{Lookups.Version}/{_moderate}";
        }

        /// <summary>Changes when anything one program's part of the figures counts changes: its facts and lookups versions and the lookups.</summary>
        public string PartKeyOf(int programId)
        {
            var (facts, lookups) = _versions.GetValueOrDefault(programId);
            return $"{facts}/{lookups}/{Lookups.Version}";
        }

        /// <summary>Who is in a scope, reused while the lookups stand: working it out reads every enrolment and pair.</summary>
        public Task<FactScope> ScopeAsync(int? programId, string? department, string? jobLevel) =>
            ReusedAsync(
                (nameof(FactScope), programId, Clean(department), Clean(jobLevel)), Lookups.Version.ToString(),
                () => Task.FromResult(new FactScope(Lookups, programId, department, jobLevel)));

        /// <summary>
        /// A part of the figures kept under <paramref name="slot"/> and reused while it was worked out at
        /// <paramref name="version"/> (for at most the cache's time), else worked out and kept there in place of the one it
        /// supersedes.
        /// </summary>
        public async Task<T> ReusedAsync<T>(object slot, string version, Func<Task<T>> compute)
            where T : class
        {
            ArgumentNullException.ThrowIfNull(compute);
            if (Reused<T>(slot, version) is { } current)
            {
                return current;
            }

            var computed = await compute();
            Keep(slot, version, computed);
            return computed;
        }

        /// <summary>The value kept under <paramref name="slot"/> if it was worked out at <paramref name="version"/>.</summary>
        public T? Reused<T>(object slot, string version)
            where T : class =>
            Kept<T>(slot) is { } kept && kept.Version == version ? kept.Value : null;

        /// <summary>Keeps <paramref name="value"/>, worked out at <paramref name="version"/>, under <paramref name="slot"/> in place of what was there.</summary>
        public void Keep<T>(object slot, string version, T value)
            where T : class =>
            Keep(slot, new Versioned<T>(version, value, DateTime.UtcNow));

        /// <summary>
        /// Changes when anything a scope's figures count changes: the facts and lookups versions of its programs (all of
        /// them when no program is chosen; versions only go up, so their sum moves whenever one does) and the moderate tables.
        /// </summary>
        public string KeyOf(int? programId)
        {
            var (facts, lookups) = programId is { } id
                ? _versions.GetValueOrDefault(id)
                : (_versions.Values.Sum(v => v.Facts), _versions.Values.Sum(v => v.Lookups));
            return $"{facts}/{lookups}/{_versions.Count}/{Lookups.Version}/{_moderate}";
        }
    }

    /// <summary>The active pairs of the scope: the ones pairs at risk look at.</summary>
    internal static List<int> RiskPairIds(FactScope scope) =>
        [.. scope.Pairs.Where(p => p.IsActive && p.AcceptedAtUtc is not null).Select(p => p.Id)];
}
