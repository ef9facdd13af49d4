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

    public sealed record Row(int Id, string Name, ProgramStatus Status, DateOnly StartsOn, DateOnly EndsOn, bool IsArchived = false)
    {
        public Counts Counts { get; init; } = Counts.None;
    }

    /// <summary>
    /// A program's people and pairs: enrolled (not withdrawn), approved, paired (pairs proposed or accepted), active
    /// (accepted and not ended) and at risk (active with a pair-health flag).
    /// </summary>
    public sealed record Counts(int Enrolled, int Approved, int Paired, int Active, int AtRisk)
    {
        public static Counts None { get; } = new(0, 0, 0, 0, 0);
    }

    public sealed record Result(IReadOnlyList<Row> Programs, int Page, int PageCount, int Total, bool Archived = false, int ArchivedCount = 0);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
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
            var counts = await CountsAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
            rows = rows.Select(r => counts.TryGetValue(r.Id, out var c) ? r with { Counts = c } : r).ToList();
            return new Result(rows, page, pageCount, total, query.Archived, archivedCount);
        }

        // A few grouped queries for the whole page, not one per program.
        private async Task<Dictionary<int, Counts>> CountsAsync(List<int> ids, CancellationToken cancellationToken)
        {
            var enrolments = await db.Enrolments
                .Where(e => ids.Contains(e.ProgramId) && e.Status != EnrolmentStatus.Withdrawn)
                .GroupBy(e => e.ProgramId)
                .Select(g => new { ProgramId = g.Key, Enrolled = g.Count(), Approved = g.Count(e => e.Status == EnrolmentStatus.Approved) })
                .ToDictionaryAsync(g => g.ProgramId, cancellationToken);
            var paired = await db.Pairs.Live().Where(p => ids.Contains(p.ProgramId))
                .GroupBy(p => p.ProgramId)
                .Select(g => new { ProgramId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.ProgramId, g => g.Count, cancellationToken);
            var active = await db.Pairs.Active().Where(p => ids.Contains(p.ProgramId))
                .Select(p => new { p.Id, p.ProgramId })
                .ToListAsync(cancellationToken);
            var health = await db.Pairs.AsNoTracking().Where(p => ids.Contains(p.ProgramId))
                .HealthByPairAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return ids.ToDictionary(id => id, id => new Counts(
                enrolments.TryGetValue(id, out var enrolled) ? enrolled.Enrolled : 0,
                enrolments.TryGetValue(id, out var approved) ? approved.Approved : 0,
                paired.GetValueOrDefault(id),
                active.Count(p => p.ProgramId == id),
                active.Count(p => p.ProgramId == id && health.TryGetValue(p.Id, out var h) && h.AtRisk)));
        }
    }
}
