using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard.Facts;

/// <summary>
/// The dashboard's stored day facts (docs/decisions/0023): reading them, folding the days marked stale into them,
/// rebuilding them from the rows, and what version of them each program is at.
/// </summary>
public static class DashboardFacts
{
    /// <summary>Marked days of a program closer than this are worked out in one range: a few queries, not one a day.</summary>
    private const int RangeGapDays = 3;

    private const int IdsPerStatement = 500;

    // Per database: a process holds one app, but the tests hold several, each on its own database.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Folding = new(StringComparer.Ordinal);

    private static int _toldUnbuilt;

    /// <summary>
    /// The facts of the given programs (all when null) for every day from <paramref name="from"/> to
    /// <paramref name="to"/> that has any, up to date with every committed change.
    /// </summary>
    public static async Task<List<DayFacts>> ReadAsync(
        AppDbContext db, IReadOnlyCollection<int>? programIds, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await IsBuiltAsync(db, cancellationToken))
        {
            if (Interlocked.Exchange(ref _toldUnbuilt, 1) == 0)
            {
                Logger(db).LogWarning("The dashboard's day facts have not been built yet: figures are worked out from the rows until the fold job (or rebuild-dashboard) has built them");
            }

            return await DayFactsBuilder.BuildAsync(db, programIds, from, to, cancellationToken);
        }

        Interlocked.Exchange(ref _toldUnbuilt, 0);
        return await ReadStoredAsync(db, programIds, from, to, null, cancellationToken);
    }

    /// <summary>
    /// How long after a fold took its time its days may still be committing (a slow transaction, another instance's
    /// clock): <see cref="ReadChangedAsync"/> reads again every day folded this long before the kept days were read.
    /// </summary>
    public static readonly TimeSpan LateFold = TimeSpan.FromMinutes(1);

    /// <summary>
    /// What <see cref="ReadAsync"/> gives for <paramref name="programIds"/> over <paramref name="from"/> to
    /// <paramref name="to"/>, from <paramref name="kept"/> (every program's days over that range, read through
    /// <see cref="ReadAsync"/> or this at <paramref name="keptReadAtUtc"/> or later) and only the days folded since then
    /// (less <see cref="LateFold"/>) or still marked: a write moves a program's version, and reading and unpacking all
    /// its days again after each one was a third of what the dashboard allocated while people wrote (ADR 0029).
    /// </summary>
    public static async Task<List<DayFacts>> ReadChangedAsync(
        AppDbContext db, IReadOnlyCollection<int> programIds, DateOnly from, DateOnly to,
        IReadOnlyDictionary<int, IReadOnlyList<DayFacts>> kept, DateTime keptReadAtUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(programIds);
        ArgumentNullException.ThrowIfNull(kept);
        return await IsBuiltAsync(db, cancellationToken)
            ? await ReadStoredAsync(db, programIds, from, to, (kept, keptReadAtUtc - LateFold), cancellationToken)
            : await ReadAsync(db, programIds, from, to, cancellationToken);
    }

    private static async Task<List<DayFacts>> ReadStoredAsync(
        AppDbContext db, IReadOnlyCollection<int>? programIds, DateOnly from, DateOnly to,
        (IReadOnlyDictionary<int, IReadOnlyList<DayFacts>> Days, DateTime FoldedSinceUtc)? kept, CancellationToken cancellationToken)
    {
        // A caller's own transaction is not ours to commit: then the marked days are read from the rows below instead.
        // One fold at a time per instance: concurrent requests would only race each other for the same markers.
        var folding = Folding.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        if (db.Database.CurrentTransaction is null && await folding.WaitAsync(0, cancellationToken))
        {
            try
            {
                await FoldAsync(db, programIds, cancellationToken);
            }
            catch (Exception race) when (IsRace(race))
            {
                // Other instances or the fold job keep writing the same programs: the days still marked are worked out
                // from the rows below, so the figures are as current either way; the fold is theirs to finish.
            }
            finally
            {
                folding.Release();
            }
        }

        // Markers first, then days: a fold that deleted a marker wrote its day in the same commit, so each day read is
        // either stored as of a commit at least as late, or still marked and worked out from the rows here.
        var ids = programIds?.ToList();
        var markers = db.DashboardStaleDays.AsNoTracking().Where(m => m.Day >= from && m.Day <= to);
        var days = db.DashboardDays.AsNoTracking().Where(d => d.Day >= from && d.Day <= to);
        if (ids is not null)
        {
            markers = markers.Where(m => ids.Contains(m.ProgramId));
            days = days.Where(d => ids.Contains(d.ProgramId));
        }

        var stale = (await markers.Select(m => new { m.ProgramId, m.Day }).Distinct().ToListAsync(cancellationToken))
            .Select(m => (m.ProgramId, m.Day)).ToHashSet();
        var facts = new List<DayFacts>();
        HashSet<(int ProgramId, DateOnly Day)>? stored = null;
        if (kept is { } k)
        {
            // Which days are stored now (a fold deletes a day that became empty), then the kept days still stored as they
            // were: every day folded since they were read is read again below.
            stored = (await days.Select(d => new { d.ProgramId, d.Day }).ToListAsync(cancellationToken)).Select(d => (d.ProgramId, d.Day)).ToHashSet();
            var since = k.FoldedSinceUtc;
            days = days.Where(d => d.FoldedAtUtc >= since);
        }

        // Unpacked as they are read: holding every packed day until the last one arrived doubled what a computation
        // over all programs had in memory at its peak.
        var changed = new HashSet<(int ProgramId, DateOnly Day)>();
        await foreach (var d in days.Select(d => new { d.ProgramId, d.Day, d.Facts }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            changed.Add((d.ProgramId, d.Day));
            if (!stale.Contains((d.ProgramId, d.Day)))
            {
                facts.Add(DayFactsPacking.Unpack(d.ProgramId, d.Day, d.Facts));
            }
        }

        if (kept is { } unchanged)
        {
            foreach (var id in ids!)
            {
                foreach (var day in unchanged.Days.GetValueOrDefault(id) ?? [])
                {
                    var key = (day.ProgramId, day.Day);
                    if (day.Day >= from && day.Day <= to && stored!.Contains(key) && !changed.Contains(key) && !stale.Contains(key))
                    {
                        facts.Add(day);
                    }
                }
            }
        }

        if (stale.Count > 0)
        {
            var built = await BuildDaysAsync(db, stale, cancellationToken);
            facts.AddRange(built.Values.Where(f => !f.IsEmpty));
        }

        facts.RemoveAll(f => f.IsEmpty);
        facts.Sort((a, b) => a.ProgramId != b.ProgramId ? a.ProgramId.CompareTo(b.ProgramId) : a.Day.CompareTo(b.Day));
        return facts;
    }

    /// <summary>
    /// Each program's versions, in one small query: <c>Facts</c> changes whenever its day facts do (a marker committed,
    /// a fold or rebuild written), <c>Lookups</c> whenever its pairs, enrolments, groups, invitations or settings do.
    /// A program missing from the answer has none yet, or was deleted.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, (long Facts, long Lookups)>> VersionsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Programs.AsNoTracking()
            .Select(p => new
            {
                p.Id,
                Facts = db.DashboardVersions.Where(v => v.ProgramId == p.Id).Select(v => v.Facts).FirstOrDefault()
                    + db.DashboardStaleDays.LongCount(m => m.ProgramId == p.Id),
                Lookups = db.DashboardVersions.Where(v => v.ProgramId == p.Id).Select(v => v.Lookups).FirstOrDefault()
                    + db.DashboardLookupChanges.LongCount(c => c.ProgramId == p.Id),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => (r.Facts, r.Lookups));
    }

    /// <summary>
    /// Works out again every day marked stale (of the given programs, all when null), writes those days, deletes
    /// exactly the markers read and moves the programs' versions on, in one transaction. Safe on several instances at
    /// once: a fold that finds another has written the same program since it began changes nothing and tries once more.
    /// Returns how many markers it folded.
    /// </summary>
    public static async Task<int> FoldAsync(AppDbContext db, IReadOnlyCollection<int>? programIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            return await FoldOnceAsync(db, programIds, cancellationToken);
        }
        catch (Exception race) when (IsRace(race))
        {
            return await FoldOnceAsync(db, programIds, cancellationToken);
        }
    }

    /// <summary>Whether the facts were built in full once, which the first start after the upgrade does.</summary>
    public static Task<bool> IsBuiltAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.DashboardFactsState.AsNoTracking().AnyAsync(s => s.RebuiltAtUtc != null, cancellationToken);
    }

    /// <summary>
    /// Works out every day of every program again from the rows, a program-month per transaction so writers wait only
    /// briefly, and deletes the facts of days that no longer have rows. Returns how many day rows it wrote.
    /// </summary>
    public static async Task<int> RebuildAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var spans = new Dictionary<int, (DateOnly First, DateOnly Last)>();
        void Widen(int programId, DateOnly first, DateOnly last) =>
            spans[programId] = spans.TryGetValue(programId, out var span)
                ? (first < span.First ? first : span.First, last > span.Last ? last : span.Last)
                : (first, last);

        foreach (var s in await db.Sessions.AsNoTracking().GroupBy(s => s.ProgramId)
            .Select(g => new { g.Key, First = g.Min(s => s.StartsAtUtc), Last = g.Max(s => s.StartsAtUtc) }).ToListAsync(cancellationToken))
        {
            Widen(s.Key, DateOnly.FromDateTime(s.First), DateOnly.FromDateTime(s.Last));
        }

        foreach (var f in await db.SessionFeedback.AsNoTracking().GroupBy(f => f.ProgramId)
            .Select(g => new { g.Key, First = g.Min(f => f.CreatedAtUtc), Last = g.Max(f => f.CreatedAtUtc) }).ToListAsync(cancellationToken))
        {
            Widen(f.Key, DateOnly.FromDateTime(f.First), DateOnly.FromDateTime(f.Last));
        }

        foreach (var d in await db.DashboardDays.AsNoTracking().GroupBy(d => d.ProgramId)
            .Select(g => new { g.Key, First = g.Min(d => d.Day), Last = g.Max(d => d.Day) }).ToListAsync(cancellationToken))
        {
            Widen(d.Key, d.First, d.Last);
        }

        var written = 0;
        foreach (var (programId, (first, last)) in spans.OrderBy(s => s.Key))
        {
            for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
            {
                written += await RebuildMonthAsync(db, programId, month, month.AddMonths(1).AddDays(-1), cancellationToken);
            }
        }

        var now = DateTime.UtcNow;
        if (await db.DashboardFactsState.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.RebuiltAtUtc, now), cancellationToken) == 0)
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO \"DashboardFactsState\" (\"Id\", \"RebuiltAtUtc\") VALUES (1, {now})", cancellationToken);
            }
            catch (Exception race) when (IsRace(race))
            {
                // Another instance finished a rebuild at the same moment and said so.
            }
        }

        return written;
    }

    private static async Task<int> RebuildMonthAsync(AppDbContext db, int programId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var versions = await FactsVersionsAsync(db, [programId], cancellationToken);
                if (versions.Count == 0)
                {
                    return 0;
                }

                var built = await DayFactsBuilder.BuildAsync(db, [programId], from, to, cancellationToken);
                await WriteAsync(db, versions, [], built.Where(d => !d.IsEmpty).ToList(), [(programId, from, to)], cancellationToken);
                return built.Count(d => !d.IsEmpty);
            }
            catch (Exception race) when (attempt < 3 && IsRace(race))
            {
                // A fold wrote the program in the meantime: work the month out again from what is there now.
            }
        }
    }

    private static async Task<int> FoldOnceAsync(AppDbContext db, IReadOnlyCollection<int>? programIds, CancellationToken cancellationToken)
    {
        var ids = programIds?.ToList();
        var query = db.DashboardStaleDays.AsNoTracking();
        if (ids is not null)
        {
            query = query.Where(m => ids.Contains(m.ProgramId));
        }

        var markers = await query.Select(m => new { m.Id, m.ProgramId, m.Day }).ToListAsync(cancellationToken);
        if (markers.Count == 0)
        {
            return 0;
        }

        // The versions are read before the rows: a fold or rebuild of the same program committed after this point makes
        // this one's write refuse, so older facts never overwrite newer ones.
        var versions = await FactsVersionsAsync(db, markers.Select(m => m.ProgramId).Distinct().ToList(), cancellationToken);
        // A program deleted since its markers were read has no facts to write; its markers went with it.
        var marked = markers.Where(m => versions.ContainsKey(m.ProgramId)).Select(m => (m.ProgramId, m.Day)).ToHashSet();
        var built = await BuildDaysAsync(db, marked, cancellationToken);
        var bumps = markers.GroupBy(m => m.ProgramId).ToDictionary(g => g.Key, g => (long)g.Count());
        await WriteAsync(
            db, versions.ToDictionary(v => v.Key, v => (v.Value, bumps[v.Key])), markers.Select(m => m.Id).ToList(),
            built.Values.Where(f => !f.IsEmpty).ToList(),
            marked.Select(m => (m.ProgramId, m.Day, m.Day)).ToList(), cancellationToken);
        return markers.Count;
    }

    /// <summary>The facts of each given day from the rows, empty ones included; marked days close together are read as one range.</summary>
    private static async Task<Dictionary<(int ProgramId, DateOnly Day), DayFacts>> BuildDaysAsync(
        AppDbContext db, IReadOnlyCollection<(int ProgramId, DateOnly Day)> days, CancellationToken cancellationToken)
    {
        var facts = days.ToDictionary(d => d, d => new DayFacts(d.ProgramId, d.Day, [], []));
        foreach (var program in days.GroupBy(d => d.ProgramId))
        {
            var sorted = program.Select(d => d.Day).Order().ToList();
            var start = 0;
            for (var i = 1; i <= sorted.Count; i++)
            {
                if (i < sorted.Count && sorted[i].DayNumber - sorted[i - 1].DayNumber <= RangeGapDays)
                {
                    continue;
                }

                foreach (var day in await DayFactsBuilder.BuildAsync(db, [program.Key], sorted[start], sorted[i - 1], cancellationToken))
                {
                    if (facts.ContainsKey((day.ProgramId, day.Day)))
                    {
                        facts[(day.ProgramId, day.Day)] = day;
                    }
                }

                start = i;
            }
        }

        return facts;
    }

    /// <summary>Each program's facts version as it is now, its row made first if it has none.</summary>
    private static async Task<Dictionary<int, long>> FactsVersionsAsync(AppDbContext db, List<int> programIds, CancellationToken cancellationToken)
    {
        var versions = await db.DashboardVersions.AsNoTracking().Where(v => programIds.Contains(v.ProgramId))
            .ToDictionaryAsync(v => v.ProgramId, v => v.Facts, cancellationToken);
        var missing = programIds.Where(p => !versions.ContainsKey(p)).ToList();
        if (missing.Count == 0)
        {
            return versions;
        }

        foreach (var programId in missing)
        {
            try
            {
                // Only for programs that still exist: a deleted program's markers went with it.
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"DashboardVersions\" (\"ProgramId\", \"Facts\", \"Lookups\") SELECT {programId}, 0, 0 WHERE EXISTS (SELECT 1 FROM \"Programs\" WHERE \"Id\" = {programId})",
                    cancellationToken);
            }
            catch (Exception race) when (IsRace(race))
            {
                // Made by another instance at the same moment: as good.
            }
        }

        return await db.DashboardVersions.AsNoTracking().Where(v => programIds.Contains(v.ProgramId))
            .ToDictionaryAsync(v => v.ProgramId, v => v.Facts, cancellationToken);
    }

    private static Task WriteAsync(
        AppDbContext db, Dictionary<int, long> versions, List<long> markerIds, List<DayFacts> days,
        List<(int ProgramId, DateOnly From, DateOnly To)> replaced, CancellationToken cancellationToken) =>
        WriteAsync(db, versions.ToDictionary(v => v.Key, v => (v.Value, 0L)), markerIds, days, replaced, cancellationToken);

    /// <summary>
    /// One transaction: moves each program's facts version on from the one read (refusing if it moved meanwhile),
    /// deletes the markers folded, replaces the days worked out. The version goes up by the markers folded plus one, so
    /// the version <see cref="VersionsAsync"/> reports (which counts the markers still waiting) still goes up.
    /// </summary>
    private static async Task WriteAsync(
        AppDbContext db, Dictionary<int, (long Read, long Folded)> versions, List<long> markerIds, List<DayFacts> days,
        List<(int ProgramId, DateOnly From, DateOnly To)> replaced, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (programId, (read, folded)) in versions)
            {
                var step = folded + 1;
                if (await db.DashboardVersions.Where(v => v.ProgramId == programId && v.Facts == read)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.Facts, v => v.Facts + step), ct) == 0)
                {
                    throw new FoldRaceLostException();
                }
            }

            foreach (var chunk in markerIds.Chunk(IdsPerStatement))
            {
                await db.DashboardStaleDays.Where(m => chunk.Contains(m.Id)).ExecuteDeleteAsync(ct);
            }

            foreach (var range in replaced.GroupBy(r => r.ProgramId))
            {
                var singles = range.Where(r => r.From == r.To).Select(r => r.From).ToList();
                foreach (var chunk in singles.Chunk(IdsPerStatement))
                {
                    await db.DashboardDays.Where(d => d.ProgramId == range.Key && chunk.Contains(d.Day)).ExecuteDeleteAsync(ct);
                }

                foreach (var (_, from, to) in range.Where(r => r.From != r.To))
                {
                    await db.DashboardDays.Where(d => d.ProgramId == range.Key && d.Day >= from && d.Day <= to).ExecuteDeleteAsync(ct);
                }
            }

            foreach (var day in days)
            {
                var packed = DayFactsPacking.Pack(day);
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"DashboardDays\" (\"ProgramId\", \"Day\", \"Facts\", \"FoldedAtUtc\") VALUES ({day.ProgramId}, {day.Day}, {packed}, {now})", ct);
            }

            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    /// <summary>Another instance got there first: a version moved, a key clashed or the database chose this one to fail.</summary>
    private static bool IsRace(Exception failure) =>
        failure is FoldRaceLostException or DbUpdateException or DbException;

    private static ILogger Logger(AppDbContext db) =>
        db.GetService<ILoggerFactory>().CreateLogger(typeof(DashboardFacts).FullName!);

    private sealed class FoldRaceLostException() : Exception("Another fold or rebuild wrote the same program first.");
}
