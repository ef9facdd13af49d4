using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, changed or deleted <see cref="IAudited"/> record, in the same
/// save (and so the same transaction) as the change itself.
/// </summary>
public sealed class AuditInterceptor(CurrentUser user, AuditAction action, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private List<(EntityEntry Entry, AuditEntry Audit, Dictionary<string, object?[]> Changes)> _pending = [];
    private bool _writing;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Complete(eventData.Context) is { } db)
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
        if (Complete(eventData.Context) is { } db)
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

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _pending = [];

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = [];
        return Task.CompletedTask;
    }

    private void Capture(DbContext? db)
    {
        if (db is null || _writing)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        _pending = [];
        var entries = db.ChangeTracker.Entries().ToList();
        foreach (var entry in entries.Where(e => e.Entity is IAudited && (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted || OwnedChanged(e))))
        {
            var changes = new Dictionary<string, object?[]>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                switch (entry.State)
                {
                    case EntityState.Added:
                        changes[name] = [null, property.CurrentValue];
                        break;
                    case EntityState.Deleted:
                        changes[name] = [property.OriginalValue, null];
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = [property.OriginalValue, property.CurrentValue];
                        break;
                }
            }

            // Owned values (a program's matching and survey settings) are audited as part of their owner, whether changed in
            // place or replaced by a new instance: then the new one is tracked as added and the one it replaced as deleted,
            // and the values before are that one's.
            var changedOwner = entry.State is EntityState.Modified or EntityState.Unchanged;
            foreach (var reference in entry.References.Where(r => r.TargetEntry is not null && r.Metadata.TargetEntityType.IsOwned()))
            {
                var target = reference.TargetEntry!;
                var replaced = changedOwner && target.State == EntityState.Added ? ReplacedBy(entries, target) : null;
                foreach (var property in target.Properties.Where(p => !p.Metadata.IsKey()))
                {
                    var before = replaced is not null ? replaced.Property(property.Metadata.Name).OriginalValue
                        : entry.State == EntityState.Added || (changedOwner && target.State == EntityState.Added) ? null
                        : property.OriginalValue;
                    var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
                    var moved = !Equals(before, after) && (replaced is not null || target.State == EntityState.Added || property.IsModified);
                    if (!changedOwner || moved)
                    {
                        changes[$"{reference.Metadata.Name}.{property.Metadata.Name}"] = [before, after];
                    }
                }
            }

            foreach (var property in entry.Properties.Where(p => p.Metadata.PropertyInfo?.IsDefined(typeof(AuditRedactedAttribute), false) == true))
            {
                if (changes.TryGetValue(property.Metadata.Name, out var values))
                {
                    changes[property.Metadata.Name] = [Redact(values[0]), Redact(values[1])];
                }
            }

            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            _pending.Add((entry, new AuditEntry
            {
                AtUtc = now,
                UserId = user.Id,
                UserName = user.Name,
                // An owner whose only change is an owned value is modified too.
                Action = (entry.State == EntityState.Unchanged ? EntityState.Modified : entry.State).ToString(),
                Entity = entry.Metadata.ClrType.Name,
                // Only a request is one action; start-up data and jobs' own saves stand alone, entry by entry.
                ActionKey = action.Name.Length > 0 ? action.Key : "",
                ActionName = action.Name,
            }, changes));
        }
    }

    /// <summary>Whether an owner itself unchanged has an owned value added, changed or replaced.</summary>
    private static bool OwnedChanged(EntityEntry entry) =>
        entry.State == EntityState.Unchanged
        && entry.References.Any(r => r.TargetEntry is { State: EntityState.Added or EntityState.Modified } && r.Metadata.TargetEntityType.IsOwned());

    /// <summary>The deleted owned value an added one replaces: the same owned type under the same owner key.</summary>
    private static EntityEntry? ReplacedBy(List<EntityEntry> entries, EntityEntry added)
    {
        var key = added.Metadata.FindPrimaryKey()!.Properties;
        return entries.FirstOrDefault(e => e.State == EntityState.Deleted && e.Metadata == added.Metadata
            && key.All(k => Equals(e.Property(k.Name).CurrentValue, added.Property(k.Name).CurrentValue)));
    }

    /// <summary>The program a record belongs to: the program itself, or the record's own program id.</summary>
    private static int? ProgramOf(EntityEntry entry) =>
        entry.Entity is MentoringProgram program ? program.Id
        : entry.Metadata.FindProperty(nameof(Enrolment.ProgramId)) is { } property ? entry.Property(property.Name).CurrentValue as int?
        : null;

    private static string? Redact(object? value) => value is null ? null : AuditRedactedAttribute.Placeholder;

    /// <summary>After the save the keys of added records are known; the audit entries go in with them.</summary>
    private DbContext? Complete(DbContext? db)
    {
        if (db is null || _writing || _pending.Count == 0)
        {
            return null;
        }

        foreach (var (entry, audit, changes) in _pending)
        {
            audit.EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties
                .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
            if (audit.Action == nameof(EntityState.Added))
            {
                // Keys and foreign keys of new records were temporary before the save; the log keeps the real ones.
                foreach (var property in entry.Properties.Where(p => p.Metadata.IsKey() || p.Metadata.IsForeignKey()))
                {
                    changes[property.Metadata.Name] = [null, property.CurrentValue];
                }
            }

            audit.ProgramId = ProgramOf(entry);
            audit.Changes = JsonSerializer.Serialize(
                changes.ToDictionary(c => c.Key, c => new { Before = c.Value[0], After = c.Value[1] }), Json);
            db.Add(audit);
        }

        _pending = [];
        return db;
    }
}
