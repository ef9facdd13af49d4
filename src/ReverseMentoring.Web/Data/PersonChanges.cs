using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// A person's change stamp: how many <see cref="PersonChange"/> rows name them or everyone, and the sum of their ids.
/// Any commit that touches their home adds a row and so moves it, on every instance, whatever order concurrent saves
/// were numbered in; a home read at a stamp is exact while the stamp is the same (ADR 0028).
/// </summary>
public static class PersonChanges
{
    /// <summary>Rows are pruned once this old: a home is never kept anywhere near as long.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    public static Task<PersonStamp> StampAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        StampQuery(db, userId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The stamp as one statement: both figures from the same read.</summary>
    public static IQueryable<PersonStamp> StampQuery(AppDbContext db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PersonChanges.AsNoTracking()
            .Where(c => c.UserId == userId || c.UserId == PersonChange.Everyone)
            .GroupBy(c => 1)
            .Select(g => new PersonStamp(g.Count(), g.Sum(c => c.Id)));
    }

    /// <summary>
    /// Deletes the rows older than <see cref="KeptFor"/>. A home kept under them has long expired; a younger home whose
    /// stamp counted them sees its stamp move and is read again, which costs one read and is never wrong.
    /// </summary>
    public static Task<int> PruneAsync(AppDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var before = nowUtc - KeptFor;
        return db.PersonChanges.Where(c => c.ChangedAtUtc < before).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>How many change rows named the person or everyone when their home was read, and the sum of their ids.</summary>
public readonly record struct PersonStamp(int Count, long Sum);

/// <summary>Prunes the participant homes' change rows (<see cref="PersonChanges.PruneAsync"/>).</summary>
public sealed class PersonChangesPrune(IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<PersonChangesPrune> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await PersonChanges.PruneAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Clock.GetUtcNow().UtcDateTime, cancellationToken);

        // Not messages: nothing for the job's log line.
        return 0;
    }
}
