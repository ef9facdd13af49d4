using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// The health facts of every active pair, held by each app instance (a singleton), so pairs at risk cost no query over
/// the sessions and feedback per dashboard: as at now, and as at a few earlier moments (the summary's previous period
/// ends at one). Each is loaded with <see cref="PairHealthQueries.HealthFacts"/> on first use, then kept current from
/// <see cref="DashboardPairChange"/> rows: those after the last id read, and those of the last <see cref="LateCommit"/>
/// again (on a server, a change given an earlier id may commit after a later one; refreshing a pair twice is harmless).
/// Only the changed pairs' facts are read again: a pair that stopped being active drops out, a newly accepted one comes
/// in. Time moves the facts as at now too, so a pair whose next scheduled session has started is read again, and every
/// <see cref="RefreshAllEvery"/> all pairs are. An earlier moment does not move with time; it is loaded again only when
/// it has not been caught up for <see cref="CatchUpWithin"/>, well inside the day pair changes are kept. An earlier moment
/// asked for some pairs (a chosen period's end, for one department) reads only those, and more as they are asked for:
/// reading every active pair as at a date HR chose was most of a filtered dashboard's first view over that period.
/// </summary>
public sealed class PairHealthCache : IDisposable
{
    public static readonly TimeSpan RefreshAllEvery = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan LateCommit = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan CatchUpWithin = TimeSpan.FromHours(12);

    /// <summary>Earlier moments kept at once (a few periods' ends are asked for at a time); the least recently used goes.</summary>
    public const int EarlierMoments = 12;

    /// <summary>How long an earlier moment nobody asks for is kept: the fold asks for the default periods' every minute.</summary>
    public static readonly TimeSpan DropUnusedAfter = TimeSpan.FromMinutes(15);

    private readonly Moment _now = new(null);
    private readonly Dictionary<DateTime, Moment> _earlier = [];
    private readonly Lock _earlierGate = new();

    public void Dispose()
    {
        _now.Dispose();
        lock (_earlierGate)
        {
            foreach (var moment in _earlier.Values)
            {
                moment.Dispose();
            }
        }
    }

    /// <summary>
    /// The health as at <paramref name="asOf"/> (now when not before <paramref name="now"/>) of the pairs among
    /// <paramref name="pairIds"/> that were active then, or of every such pair when null, with their reasons. Only those
    /// asked for are worked out. The dashboard needs only how many carry each flag, and asks <see cref="CountAsync"/>.
    /// </summary>
    public async Task<List<PairHealth>> HealthAsync(
        AppDbContext db, DateTime asOf, DateTime now, IEnumerable<int>? pairIds, CancellationToken cancellationToken)
    {
        var current = asOf >= now;
        var wanted = pairIds?.Distinct().ToList();
        var facts = await FactsAsync(db, asOf, now, wanted, cancellationToken);
        var chosen = wanted is null ? facts.Values : wanted.Select(id => facts.GetValueOrDefault(id)).OfType<PairHealthFacts>();
        var list = new List<PairHealth>(wanted?.Count ?? facts.Count);
        foreach (var f in chosen)
        {
            list.Add(PairHealth.Of(f, current ? now : f.AsOfUtc));
        }

        return list;
    }

    /// <summary>
    /// How many of the pairs among <paramref name="pairIds"/> (each once, however often listed) that were active as at
    /// <paramref name="asOf"/> carry each kind of flag, how many carry any and how many there are: the dashboard's figure,
    /// counted with <see cref="PairHealth.KindsOf"/> and no object per pair. Working out each pair's health with its reasons
    /// each time a scope was counted was a large share of what the dashboard allocated while people wrote.
    /// </summary>
    internal async Task<UptakeDashboard.RiskCounts> CountAsync(
        AppDbContext db, DateTime asOf, DateTime now, IReadOnlyCollection<int> pairIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairIds);
        var current = asOf >= now;
        List<int>? few = asOf < now && pairIds.Count * ReadAllFromShare < _now.Count ? [.. pairIds.Distinct()] : null;
        var facts = await FactsAsync(db, asOf, now, few, cancellationToken);
        var kinds = Enum.GetValues<PairFlagKind>();
        var byKind = new int[kinds.Length];
        var (any, pairs) = (0, 0);
        using var seen = new PairIdSet(pairIds);
        foreach (var id in pairIds)
        {
            if (!seen.Add(id) || !facts.TryGetValue(id, out var f))
            {
                continue;
            }

            var carried = PairHealth.KindsOf(f, current ? now : f.AsOfUtc);
            pairs++;
            any += carried != 0 ? 1 : 0;
            for (var k = 0; k < kinds.Length; k++)
            {
                byKind[k] += PairHealth.Carries(carried, kinds[k]) ? 1 : 0;
            }
        }

        return new UptakeDashboard.RiskCounts(kinds.Select((kind, k) => (kind, k)).ToDictionary(x => x.kind, x => byKind[x.k]), any, pairs);
    }

    /// <summary>
    /// Pair ids seen, one bit each in a rented buffer up to the largest id asked for: a hash set of a large scope's pairs
    /// was a large object thrown away per count. Ids far sparser than the list fall back to a hash set.
    /// </summary>
    private sealed class PairIdSet : IDisposable
    {
        private readonly ulong[]? _bits;
        private readonly HashSet<int>? _sparse;

        public PairIdSet(IReadOnlyCollection<int> ids)
        {
            var largest = 0;
            foreach (var id in ids)
            {
                largest = Math.Max(largest, id);
            }

            var words = largest / 64 + 1;
            if (words > Math.Max(1024, ids.Count))
            {
                _sparse = [];
                return;
            }

            _bits = System.Buffers.ArrayPool<ulong>.Shared.Rent(words);
            Array.Clear(_bits, 0, words);
        }

        /// <summary>Whether <paramref name="id"/> is new; no pair has a negative id, so those are never counted.</summary>
        public bool Add(int id)
        {
            if (id < 0)
            {
                return false;
            }

            if (_sparse is not null)
            {
                return _sparse.Add(id);
            }

            ref var word = ref _bits![id >> 6];
            var bit = 1UL << (id & 63);
            var added = (word & bit) == 0;
            word |= bit;
            return added;
        }

        public void Dispose()
        {
            if (_bits is not null)
            {
                System.Buffers.ArrayPool<ulong>.Shared.Return(_bits);
            }
        }
    }

    /// <summary>The facts of every active pair as at <paramref name="asOf"/> loaded and caught up, for a request to find them ready.</summary>
    public Task KeepCurrentAsync(AppDbContext db, DateTime asOf, DateTime now, CancellationToken cancellationToken) =>
        FactsAsync(db, asOf, now, null, cancellationToken);

    // As at now every active pair is always held: the fold keeps it current and nearly every view asks for it.
    // An earlier moment reads only the pairs asked for while they are a small share of the pairs active now; past that
    // it reads them all at once, as a leader's view needs anyway (its wider groups include every pair).
    private Task<ImmutableDictionary<int, PairHealthFacts>> FactsAsync(
        AppDbContext db, DateTime asOf, DateTime now, List<int>? wanted, CancellationToken cancellationToken) =>
        asOf >= now
            ? _now.FactsAsync(db, now, now, null, cancellationToken)
            : EarlierAt(asOf, now).FactsAsync(db, asOf, now, wanted is not null && wanted.Count * ReadAllFromShare < _now.Count ? wanted : null, cancellationToken);

    /// <summary>An earlier moment reads every active pair once more than one in this many of those active now are asked for.</summary>
    public const int ReadAllFromShare = 4;

    /// <summary>How many pairs' facts as at an earlier moment are held (0 when none are).</summary>
    internal int HeldAsOf(DateTime asOf)
    {
        lock (_earlierGate)
        {
            return _earlier.TryGetValue(asOf, out var moment) ? moment.Count : 0;
        }
    }

    /// <summary>
    /// The earlier moment kept for <paramref name="asOf"/>, added in place of the least recently used one. Moments nobody
    /// asked for in <see cref="DropUnusedAfter"/> are let go: each holds up to every active pair (about 14 MB on the
    /// 100,000-participant volume), and the ends of periods HR chose once would otherwise stay for the life of the app.
    /// </summary>
    private Moment EarlierAt(DateTime asOf, DateTime now)
    {
        lock (_earlierGate)
        {
            foreach (var unused in _earlier.Where(m => now - m.Value.LastUsed > DropUnusedAfter).Select(m => m.Key).ToList())
            {
                _earlier.Remove(unused);
            }

            if (!_earlier.TryGetValue(asOf, out var moment))
            {
                if (_earlier.Count >= EarlierMoments)
                {
                    var oldest = _earlier.MinBy(m => m.Value.LastUsed);
                    _earlier.Remove(oldest.Key);
                }

                _earlier[asOf] = moment = new Moment(asOf);
            }

            moment.LastUsed = now;
            return moment;
        }
    }

    /// <summary>
    /// The facts of the active pairs as at one moment (null: as at now, which moves), and how far they have caught up:
    /// of every active pair, or (<see cref="_complete"/> false) of those asked for so far.
    /// </summary>
    private sealed class Moment(DateTime? fixedAt) : IDisposable
    {
        private readonly SemaphoreSlim _updating = new(1, 1);

        // Changed only while holding _updating; readers take the immutable dictionary as it was.
        private ImmutableDictionary<int, PairHealthFacts>? _facts;
        private DateTime _loadedAtUtc;
        private DateTime _caughtUpAtUtc;
        private long _watermark;
        private readonly Dictionary<long, DateTime> _seenRecently = new();
        private long _lastCheckStartedAt;
        private bool _complete;

        // The pairs read while not complete, whether or not they were active then (those have no facts).
        private readonly HashSet<int> _read = [];

        public DateTime LastUsed { get; set; }

        /// <summary>How many pairs the facts hold (0 before the first load).</summary>
        public int Count => _facts?.Count ?? 0;

        public void Dispose() => _updating.Dispose();

        /// <summary>The facts of every active pair, or at least of those among <paramref name="wanted"/> (null: every one).</summary>
        public async Task<ImmutableDictionary<int, PairHealthFacts>> FactsAsync(
            AppDbContext db, DateTime asOf, DateTime now, IReadOnlyCollection<int>? wanted, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(db);
            var arrived = Stopwatch.GetTimestamp();
            await _updating.WaitAsync(cancellationToken);
            try
            {
                var stale = fixedAt is null ? now - _loadedAtUtc >= RefreshAllEvery : now - _caughtUpAtUtc >= CatchUpWithin;
                if (_facts is null || stale || now < _loadedAtUtc)
                {
                    await LoadAsync(db, asOf, now, wanted, cancellationToken);
                }
                else
                {
                    if (_lastCheckStartedAt <= arrived)
                    {
                        // A check that started after this request arrived has seen every change committed before it did.
                        await CatchUpAsync(db, asOf, now, cancellationToken);
                    }

                    // Read after the catch-up, so as new as its watermark, as a load's are.
                    if (!_complete && wanted is null)
                    {
                        await LoadAsync(db, asOf, now, null, cancellationToken);
                    }
                    else if (!_complete && wanted!.Where(id => !_read.Contains(id)).ToList() is { Count: > 0 } unread)
                    {
                        await RefreshAsync(db, unread, asOf, cancellationToken);
                    }
                }

                if (fixedAt is null)
                {
                    var started = _facts!.Values.Where(f => f.NextScheduledUtc <= now).Select(f => f.PairId).ToList();
                    if (started.Count > 0)
                    {
                        await RefreshAsync(db, started, asOf, cancellationToken);
                    }
                }

                return _facts!;
            }
            finally
            {
                _updating.Release();
            }
        }

        /// <summary>Loads the facts afresh: of every active pair, or (a fixed moment only) of those among <paramref name="wanted"/>.</summary>
        private async Task LoadAsync(AppDbContext db, DateTime asOf, DateTime now, IReadOnlyCollection<int>? wanted, CancellationToken cancellationToken)
        {
            // The changes are read before the facts, so the facts are at least as new as the watermark.
            _lastCheckStartedAt = Stopwatch.GetTimestamp();
            var since = now - LateCommit;
            var recent = await PairChanges.SinceAsync(db, long.MaxValue, since, cancellationToken);
            var newest = await PairChanges.NewestAsync(db, cancellationToken);
            var some = fixedAt is not null && wanted is not null;
            var pairs = db.Pairs.AsNoTracking();
            if (some)
            {
                var ids = wanted!.ToList();
                pairs = pairs.WhereIdIn(p => p.Id, ids);
            }

            var facts = await pairs.HealthFacts(db, asOf).ToListAsync(cancellationToken);

            _seenRecently.Clear();
            foreach (var change in recent)
            {
                _seenRecently[change.Id] = change.ChangedAtUtc;
            }

            _watermark = newest;
            _facts = facts.ToImmutableDictionary(f => f.PairId);
            _complete = !some;
            _read.Clear();
            if (some)
            {
                _read.UnionWith(wanted!);
            }

            (_loadedAtUtc, _caughtUpAtUtc) = (now, now);
        }

        private async Task CatchUpAsync(AppDbContext db, DateTime asOf, DateTime now, CancellationToken cancellationToken)
        {
            _lastCheckStartedAt = Stopwatch.GetTimestamp();
            var since = now - LateCommit;
            var changes = await PairChanges.SinceAsync(db, _watermark, since, cancellationToken);
            var changed = changes.Where(c => c.Id > _watermark || !_seenRecently.ContainsKey(c.Id)).Select(c => c.PairId).Distinct().ToList();
            foreach (var change in changes)
            {
                _seenRecently[change.Id] = change.ChangedAtUtc;
                _watermark = Math.Max(_watermark, change.Id);
            }

            foreach (var old in _seenRecently.Where(s => s.Value < since).Select(s => s.Key).ToList())
            {
                _seenRecently.Remove(old);
            }

            if (!_complete)
            {
                // Pairs not read yet are read as they are asked for.
                changed = [.. changed.Where(_read.Contains)];
            }

            if (changed.Count > 0)
            {
                await RefreshAsync(db, changed, asOf, cancellationToken);
            }

            _caughtUpAtUtc = now;
        }

        private async Task RefreshAsync(AppDbContext db, List<int> pairIds, DateTime asOf, CancellationToken cancellationToken)
        {
            var facts = await db.Pairs.AsNoTracking().WhereIdIn(p => p.Id, pairIds).HealthFacts(db, asOf).ToListAsync(cancellationToken);
            _facts = _facts!.RemoveRange(pairIds).SetItems(facts.Select(f => KeyValuePair.Create(f.PairId, f)));
            if (!_complete)
            {
                _read.UnionWith(pairIds);
            }
        }
    }
}

/// <summary>The one place the pair health cache reads the changed pairs.</summary>
public static class PairChanges
{
    public sealed record Change(long Id, int PairId, DateTime ChangedAtUtc);

    /// <summary>Changes after <paramref name="afterId"/>, and every change at or after <paramref name="since"/>.</summary>
    public static Task<List<Change>> SinceAsync(AppDbContext db, long afterId, DateTime since, CancellationToken cancellationToken) =>
        db.DashboardPairChanges.AsNoTracking()
            .Where(c => c.Id > afterId || c.ChangedAtUtc >= since)
            .Select(c => new Change(c.Id, c.PairId, c.ChangedAtUtc))
            .ToListAsync(cancellationToken);

    public static async Task<long> NewestAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.DashboardPairChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
}
