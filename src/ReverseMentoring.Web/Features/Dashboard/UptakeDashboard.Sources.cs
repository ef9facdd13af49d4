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
        /// The result under <paramref name="key"/>, worked out one computation at a time per instance. A request that
        /// finds another computation running is answered with the latest result of the same scope and period, if one was
        /// worked out within <see cref="LatestFor"/>, rather than queueing behind it: under a steady stream of writes every
        /// computation is soon out of date, and waiting for each would hold every request. While other dashboard requests
        /// are in progress too, a request that finds its figures out of date does not work them out itself either: it is
        /// answered the latest and the computation runs beside it, on a database context of its own, so no request waits
        /// for one (the slowest answers under load were those). One request at a time (a person reading after a change,
        /// the tests) always gets figures as of its own start.
        /// </summary>
        public async Task<T> ComputedAsync<T>(object key, object scope, DateTime now, Func<FigureSources, CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
            where T : class
        {
            ArgumentNullException.ThrowIfNull(compute);
            if (Cache.TryGetValue(key, out T? cached) && cached is not null)
            {
                return cached;
            }

            var latestKey = (nameof(Latest<T>), scope);
            Latest<T>? Fresh() => Cache.TryGetValue(latestKey, out Latest<T>? latest) && latest is not null && now - latest.At < LatestFor ? latest : null;

            if (_scopes is not null && _instance.Requests > 1 && Fresh() is { } reused)
            {
                if (await _computing.WaitAsync(0, cancellationToken))
                {
                    _ = Task.Run(() => ComputeBesideAsync(key, latestKey, now, compute), CancellationToken.None);
                }

                return reused.Result;
            }

            if (!await _computing.WaitAsync(0, cancellationToken))
            {
                if (Fresh() is { } latest)
                {
                    return latest.Result;
                }

                await _computing.WaitAsync(cancellationToken);
            }

            try
            {
                return await ComputeAsync(key, latestKey, now, compute, cancellationToken);
            }
            finally
            {
                _computing.Release();
            }
        }

        /// <summary>The result worked out from these sources (their database context) unless another computation put it in the cache first.</summary>
        private async Task<T> ComputeAsync<T>(
            object key, object latestKey, DateTime now, Func<FigureSources, CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
            where T : class
        {
            if (Cache.TryGetValue(key, out T? cached) && cached is not null)
            {
                return cached;
            }

            var started = Stopwatch.GetTimestamp();
            var computed = await compute(this, cancellationToken);
            Cache.Set(key, computed, Handler.CacheFor);

            // Dated when it was worked out, not when the request began: a computation slower than LatestFor (a
            // first one under load) would otherwise leave every request queueing behind the next.
            Cache.Set(latestKey, new Latest<T>(computed, now + Stopwatch.GetElapsedTime(started)), LatestFor);
            return computed;
        }

        /// <summary>A computation started by a request that did not wait for it: its own scope, and the semaphore released at its end.</summary>
        private async Task ComputeBesideAsync<T>(object key, object latestKey, DateTime now, Func<FigureSources, CancellationToken, Task<T>> compute)
            where T : class
        {
            try
            {
                await using var scope = _scopes!.CreateAsyncScope();
                var own = new FigureSources(
                    scope.ServiceProvider.GetRequiredService<AppDbContext>(), Cache, _instance, Lookups, Health, _versions, _moderate, _scopes);
                try
                {
                    await own.ComputeAsync(key, latestKey, now, compute, CancellationToken.None);
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

        private sealed record Latest<T>(T Result, DateTime At);

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
        /// and the moderate tables, not the day facts, which move with every session and rating.
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
                (nameof(FactScope), programId, Clean(department), Clean(jobLevel), Lookups.Version),
                () => Task.FromResult(new FactScope(Lookups, programId, department, jobLevel)));

        /// <summary>A part of the figures reused while <paramref name="key"/> holds (for at most the cache's time), else worked out and kept.</summary>
        public async Task<T> ReusedAsync<T>(object key, Func<Task<T>> compute)
            where T : class
        {
            ArgumentNullException.ThrowIfNull(compute);
            if (Cache.TryGetValue(key, out T? reused) && reused is not null)
            {
                return reused;
            }

            var computed = await compute();
            Cache.Set(key, computed, Handler.CacheFor);
            return computed;
        }

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
