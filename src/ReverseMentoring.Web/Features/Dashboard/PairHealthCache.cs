using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// The health facts of every active pair, held by each app instance (a singleton), so pairs at risk cost no query over
/// the sessions and feedback per dashboard. Loaded with <see cref="PairHealthQueries.HealthFacts"/> on first use, then
/// kept current from <see cref="DashboardPairChange"/> rows: those after the last id read, and those of the last
/// <see cref="LateCommit"/> again (on a server, a change given an earlier id may commit after a later one; refreshing a
/// pair twice is harmless). Only the changed pairs' facts are read again: a pair that stopped being active drops out, a
/// newly accepted one comes in. Time moves facts too, so a pair whose next scheduled session has started is read again,
/// and every <see cref="RefreshAllEvery"/> all pairs are (one refresh at a time).
/// </summary>
public sealed class PairHealthCache : IDisposable
{
    public static readonly TimeSpan RefreshAllEvery = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan LateCommit = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _updating = new(1, 1);

    // Changed only while holding _updating; readers take the immutable dictionary as it was.
    private ImmutableDictionary<int, PairHealthFacts>? _facts;
    private DateTime _loadedAtUtc;
    private long _watermark;
    private readonly Dictionary<long, DateTime> _seenRecently = new();
    private long _lastCheckStartedAt;

    public void Dispose() => _updating.Dispose();

    /// <summary>The health of every active pair by pair id, as at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyDictionary<int, PairHealth>> CurrentAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(db, now, cancellationToken);
        return facts.Values.Select(f => PairHealth.Of(f with { AsOfUtc = now })).ToDictionary(h => h.PairId);
    }

    private async Task<ImmutableDictionary<int, PairHealthFacts>> FactsAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var arrived = Stopwatch.GetTimestamp();
        await _updating.WaitAsync(cancellationToken);
        try
        {
            if (_facts is null || now - _loadedAtUtc >= RefreshAllEvery || now < _loadedAtUtc)
            {
                await LoadAllAsync(db, now, cancellationToken);
            }
            else if (_lastCheckStartedAt <= arrived)
            {
                // A check that started after this request arrived has seen every change committed before it did.
                await CatchUpAsync(db, now, cancellationToken);
            }

            var started = _facts!.Values.Where(f => f.NextScheduledUtc <= now).Select(f => f.PairId).ToList();
            if (started.Count > 0)
            {
                await RefreshAsync(db, started, now, cancellationToken);
            }

            return _facts!;
        }
        finally
        {
            _updating.Release();
        }
    }

    private async Task LoadAllAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        // The changes are read before the facts, so the facts are at least as new as the watermark.
        _lastCheckStartedAt = Stopwatch.GetTimestamp();
        var since = now - LateCommit;
        var recent = await PairChanges.SinceAsync(db, long.MaxValue, since, cancellationToken);
        var newest = await PairChanges.NewestAsync(db, cancellationToken);
        var facts = await db.Pairs.AsNoTracking().HealthFacts(db, now).ToListAsync(cancellationToken);

        _seenRecently.Clear();
        foreach (var change in recent)
        {
            _seenRecently[change.Id] = change.ChangedAtUtc;
        }

        _watermark = newest;
        _facts = facts.ToImmutableDictionary(f => f.PairId);
        _loadedAtUtc = now;
    }

    private async Task CatchUpAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
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

        if (changed.Count > 0)
        {
            await RefreshAsync(db, changed, now, cancellationToken);
        }
    }

    private async Task RefreshAsync(AppDbContext db, List<int> pairIds, DateTime now, CancellationToken cancellationToken)
    {
        var facts = await db.Pairs.AsNoTracking().Where(p => pairIds.Contains(p.Id)).HealthFacts(db, now).ToListAsync(cancellationToken);
        _facts = _facts!.RemoveRange(pairIds).SetItems(facts.Select(f => KeyValuePair.Create(f.PairId, f)));
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
