using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// Adds a <see cref="RoleHolderChange"/> to every save that adds or removes a role of a person, a person (whose roles
/// go with them) or a role, so it commits or fails with the change itself.
/// </summary>
public sealed class RoleHolderChanges(TimeProvider clock) : SaveChangesInterceptor
{
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

    private void Note(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        var changed = db.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Deleted
            && e.Entity is IdentityUserRole<string> or AppUser or IdentityRole);
        if (changed)
        {
            db.Add(new RoleHolderChange { ChangedAtUtc = clock.GetUtcNow().UtcDateTime });
        }
    }
}
