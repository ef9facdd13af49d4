using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Skills;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ListSkillsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    public ListSkills.Result Data { get; private set; } = null!;

    [BindProperty]
    public RetireSkill.Command Retire { get; set; } = new();

    [BindProperty]
    public ReinstateSkill.Command Reinstate { get; set; } = new();

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ListSkills.Query(page ?? 1), cancellationToken);

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Data ??= await mediator.Send(new ListSkills.Query(1), cancellationToken);

    private static string BackTo(int? page) => page is > 1 ? $"/Skills?page={page}" : "/Skills";

    public async Task<IActionResult> OnPostRetireAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        await mediator.Send(Retire, cancellationToken);
        return LocalRedirect(BackTo(page));
    }

    public async Task<IActionResult> OnPostReinstateAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        await mediator.Send(Reinstate, cancellationToken);
        return LocalRedirect(BackTo(page));
    }
}

/// <summary>HR's skill catalogue, with how much each skill is used so nothing in use is removed by accident.</summary>
public static class ListSkills
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Page) : IQuery<Result>;

    /// <param name="Enrolments">Enrolments that offer or want the skill.</param>
    /// <param name="Topics">Program topics linked to the skill.</param>
    public sealed record Row(int Id, string Name, string Description, bool IsRetired, int Enrolments, int Topics)
    {
        public bool IsInUse => Enrolments > 0 || Topics > 0;
    }

    public sealed record Result(IReadOnlyList<Row> Skills, int Page, int PageCount, int Total);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await db.Skills.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var rows = await db.Skills.AsNoTracking()
                .OrderBy(s => s.IsRetired)
                .ThenBy(s => s.Name)
                .Page(page, PageSize)
                .Select(s => new Row(
                    s.Id,
                    s.Name,
                    s.Description,
                    s.IsRetired,
                    db.EnrolmentSkills.Where(e => e.SkillId == s.Id).Select(e => e.EnrolmentId).Distinct().Count(),
                    db.ProgramTopics.Count(t => t.SkillId == s.Id)))
                .ToListAsync(cancellationToken);
            return new Result(rows, page, pageCount, total);
        }
    }
}
