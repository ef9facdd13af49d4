using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.OrgChart;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ListOrgChartModel(IMediator mediator) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Message { get; set; }

    public ListOrgChart.Result Chart { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Chart = await mediator.Send(new ListOrgChart.Query(Search, PageNumber), cancellationToken);
}

/// <summary>The org chart for HR: everyone in it, searched by e-mail, department or manager, a page at a time.</summary>
public static class ListOrgChart
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(string? Search, int Page = 1) : IQuery<Result>;

    public sealed record Row(string Email, string Department, string JobLevel, string? ManagerEmail, string? EmployeeNumber, OrgSource Source, DateTime UpdatedAtUtc);

    public sealed record Result(string Search, IReadOnlyList<Row> Rows, Pager Pager, int ChartTotal);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var search = (query.Search ?? "").Trim();
            var chart = db.OrgChart.AsNoTracking();
            var total = await chart.CountAsync(cancellationToken);
            if (search.Length > 0)
            {
                var upper = search.ToUpperInvariant();
                var like = LikePattern.Containing(search);
                chart = chart.Where(o => o.NormalizedEmail.Contains(upper) || EF.Functions.Like(o.Department.ToLower(), like, LikePattern.Escape)
                    || EF.Functions.Like(o.JobLevel.ToLower(), like, LikePattern.Escape) || (o.ManagerEmail != null && o.ManagerEmail.Contains(upper)));
            }

            var count = await chart.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, count, PageSize);
            var rows = await chart.OrderBy(o => o.Department).ThenBy(o => o.NormalizedEmail)
                .Page(page, PageSize)
                .Select(o => new Row(o.Email, o.Department, o.JobLevel, o.ManagerEmail, o.EmployeeNumber, o.Source, o.UpdatedAtUtc))
                .ToListAsync(cancellationToken);
            var keep = search.Length == 0 ? null : $"q={Uri.EscapeDataString(search)}";
            return new Result(search, rows, new Pager(page, pageCount, count, "person", "people", keep), total);
        }
    }
}
