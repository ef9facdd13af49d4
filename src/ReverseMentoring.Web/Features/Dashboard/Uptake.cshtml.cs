using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
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

    public sealed class Handler(AppDbContext db, CurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var byStatus = await db.Programs.GroupBy(p => p.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);

            var byRole = await (
                    from userRole in db.UserRoles
                    join role in db.Roles on userRole.RoleId equals role.Id
                    group userRole by role.Name into g
                    select new { Role = g.Key!, Count = g.Count() })
                .ToDictionaryAsync(g => g.Role, g => g.Count, cancellationToken);

            var exact = user.IsInRole(Domain.Roles.HrCoordinator);
            PeopleCount People(int count) => exact ? new PeopleCount(count) : PeopleCount.ForLeadership(count);
            return new Result(
                Enum.GetValues<ProgramStatus>().Select(s => (s, byStatus.GetValueOrDefault(s))).ToList(),
                Domain.Roles.All.Select(r => (r, People(byRole.GetValueOrDefault(r)))).ToList());
        }
    }
}
