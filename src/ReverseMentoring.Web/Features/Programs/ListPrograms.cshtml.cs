using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Programs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ListProgramsModel(IMediator mediator) : PageModel
{
    public ListPrograms.Result Data { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery(Name = "archived")] bool archived, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ListPrograms.Query(page ?? 1, archived), cancellationToken);
}

public static class ListPrograms
{
    public const int PageSize = 20;

    /// <param name="Archived">When true, archived programs are listed too; they are hidden otherwise.</param>
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Page, bool Archived = false) : IQuery<Result>;

    public sealed record Row(int Id, string Name, ProgramStatus Status, DateOnly StartsOn, DateOnly EndsOn, bool IsArchived = false);

    public sealed record Result(IReadOnlyList<Row> Programs, int Page, int PageCount, int Total, bool Archived = false, int ArchivedCount = 0);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var programs = query.Archived ? db.Programs : db.Programs.Where(p => p.ArchivedAtUtc == null);
            var total = await programs.CountAsync(cancellationToken);
            var archivedCount = await db.Programs.CountAsync(p => p.ArchivedAtUtc != null, cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var rows = await programs.AsNoTracking()
                .OrderBy(p => p.ArchivedAtUtc != null)
                .ThenBy(p => p.Status == ProgramStatus.Closed)
                .ThenByDescending(p => p.StartsOn)
                .ThenBy(p => p.Id)
                .Page(page, PageSize)
                .Select(p => new Row(p.Id, p.Name, p.Status, p.StartsOn, p.EndsOn, p.ArchivedAtUtc != null))
                .ToListAsync(cancellationToken);
            return new Result(rows, page, pageCount, total, query.Archived, archivedCount);
        }
    }
}
