using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public ListPrograms.Result Data { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ListPrograms.Query(page ?? 1), cancellationToken);
}

public static class ListPrograms
{
    public const int PageSize = 20;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Page) : IQuery<Result>;

    public sealed record Row(int Id, string Name, ProgramStatus Status, DateOnly StartsOn, DateOnly EndsOn);

    public sealed record Result(IReadOnlyList<Row> Programs, int Page, int PageCount, int Total);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await db.Programs.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            var rows = await db.Programs.AsNoTracking()
                .OrderBy(p => p.Status == ProgramStatus.Closed)
                .ThenByDescending(p => p.StartsOn)
                .ThenBy(p => p.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize)
                .Select(p => new Row(p.Id, p.Name, p.Status, p.StartsOn, p.EndsOn))
                .ToListAsync(cancellationToken);
            return new Result(rows, page, pageCount, total);
        }
    }
}
