using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// Writes a <see cref="DashboardPairChange"/> for every pair whose health may have moved in a save: the pair itself, its
/// sessions, feedback, check-ins, concerns and group attendance. Written right after the save's own rows (a new pair
/// has no id before), in the same transaction when the command runs in one, as the audit entries are.
/// </summary>
public sealed class DashboardPairChangeMarks(TimeProvider clock) : SaveChangesInterceptor
{
    // Scoped with the context: the entries noted before a save, read once it has given new rows their ids.
    private readonly List<EntityEntry> _noted = [];
    private bool _writing;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Mark(eventData.Context) is { } db)
        {
            try
            {
                _writing = true;
                db.SaveChanges();
            }
            finally
            {
                _writing = false;
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Mark(eventData.Context) is { } db)
        {
            try
            {
                _writing = true;
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                _writing = false;
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _noted.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _noted.Clear();
        return Task.CompletedTask;
    }

    private void Note(DbContext? db)
    {
        if (db is null || _writing)
        {
            return;
        }

        // Appended, not replaced: the audit interceptor saves again from inside this save's completion, before this one
        // has marked its pairs.
        _noted.AddRange(db.ChangeTracker.Entries().Where(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Pair or Session or Feedback or CheckIn or Concern or SessionAttendance));
    }

    private static (int ProgramId, int? PairId) PairOf(object entity) => entity switch
    {
        Pair p => (p.ProgramId, p.Id),
        Session s => (s.ProgramId, s.PairId),
        Feedback f => (f.ProgramId, f.PairId),
        CheckIn c => (c.ProgramId, c.PairId),
        Concern c => (c.ProgramId, c.PairId),
        SessionAttendance a => (0, a.PairId),
        _ => (0, null),
    };

    private DbContext? Mark(DbContext? db)
    {
        if (db is null || _writing || _noted.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pairs = _noted.Select(e => PairOf(e.Entity))
            .Where(p => p.PairId is > 0)
            .Distinct()
            .ToList();
        _noted.Clear();
        if (pairs.Count == 0)
        {
            return null;
        }

        db.AddRange(pairs.Select(p => new DashboardPairChange { ProgramId = p.ProgramId, PairId = p.PairId!.Value, ChangedAtUtc = now }));
        return db;
    }
}
