using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Dashboard;

[Authorize(Policy = PagePolicies.DashboardReaders)]
public sealed class UptakeModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [BindProperty(SupportsGet = true)]
    public UptakeDashboard.Query Filter { get; set; } = new();

    public UptakeDashboard.Result Data { get; private set; } = null!;

    public UptakeOverview.Result Overview { get; private set; } = null!;

    public IReadOnlyList<FigureTable> Tables { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await FilterCheck.ApplyAsync(mediator, ModelState, Filter, checkProgram: true, cancellationToken);
        Data = await mediator.Send(Filter, cancellationToken);
        Tables = FigureTables.Of(Data);
        Overview = await mediator.Send(new UptakeOverview.Query(), cancellationToken);
    }

    // Filters that do not hold together show the errors next to them, over the unfiltered figures.
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Data ??= await mediator.Send(new UptakeDashboard.Query(), cancellationToken);
        Tables = FigureTables.Of(Data);
        Overview ??= await mediator.Send(new UptakeOverview.Query(), cancellationToken);
    }
}

/// <summary>
/// Aggregates only: how many programs are at each stage and how many people hold each role (for leadership rounded to
/// the nearest 5, "fewer than 5" below five; exact for HR).
/// </summary>
public static class UptakeOverview
{
    [AllowedRoles(Roles.Leadership, Roles.HrCoordinator)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<(ProgramStatus Status, int Programs)> ProgramsByStatus, IReadOnlyList<(string Role, PeopleCount People)> PeopleByRole);

    public sealed class Handler(AppDbContext db, CurrentUser user, IMemoryCache cache, TimeProvider clock, DatabaseChanges changes) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // Reused while nothing was committed: three small queries on every dashboard view otherwise.
            var (byStatus, byRole) = await changes.ReadAsync(cache, typeof(Query), async () =>
            {
                var programs = await db.Programs.GroupBy(p => p.Status)
                    .Select(g => new { Status = g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
                return (programs, await PeopleByRoleAsync(db, cache, clock.GetUtcNow().UtcDateTime, cancellationToken));
            });

            var exact = user.IsInRole(Domain.Roles.HrCoordinator);
            PeopleCount People(int count) => exact ? new PeopleCount(count) : PeopleCount.ForLeadership(count);
            return new Result(
                Enum.GetValues<ProgramStatus>().Select(s => (s, byStatus.GetValueOrDefault(s))).ToList(),
                Domain.Roles.All.Select(r => (r, People(byRole.GetValueOrDefault(r)))).ToList());
        }
    }

    /// <summary>How far back a change to role holders is read again: one written earlier may commit later on a server.</summary>
    public static readonly TimeSpan LateCommit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The exact number of people holding each role, by role name. Counting all user roles costs tens of milliseconds at
    /// 100,000 people, so the counts are reused for as long as no role was given or taken: every such save writes a
    /// <see cref="RoleHolderChange"/> (<see cref="Data.RoleHolderChanges"/>), and the counts are kept under the newest
    /// one's id and the number written in the last <see cref="LateCommit"/> (a change whose id was handed out before the
    /// newest but committed after it still changes that number).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> PeopleByRoleAsync(
        AppDbContext db, IMemoryCache cache, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cache);

        // The version is read before the counts, so counts kept under it are never older than it.
        var since = now - LateCommit;
        var newest = await db.RoleHolderChanges.MaxAsync(c => (long?)c.Id, cancellationToken);
        var recent = await db.RoleHolderChanges.CountAsync(c => c.ChangedAtUtc >= since, cancellationToken);
        var key = (nameof(PeopleByRoleAsync), newest, recent);
        if (cache.TryGetValue(key, out IReadOnlyDictionary<string, int>? counts) && counts is not null)
        {
            return counts;
        }

        // By role id: the RoleId index answers it alone, with no join to the roles and no sort by name.
        var byRoleId = await db.UserRoles.GroupBy(ur => ur.RoleId)
            .Select(g => new { RoleId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var names = await db.Roles.Select(r => new { r.Id, r.Name }).ToDictionaryAsync(r => r.Id, r => r.Name ?? "", cancellationToken);
        counts = byRoleId.Where(r => names.ContainsKey(r.RoleId))
            .GroupBy(r => names[r.RoleId])
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        cache.Set(key, counts, TimeSpan.FromHours(1));
        return counts;
    }
}
