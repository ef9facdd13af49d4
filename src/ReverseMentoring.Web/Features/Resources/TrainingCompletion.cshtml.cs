using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Resources;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class TrainingCompletionModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int ProgramId { get; set; }

    public TrainingCompletion.Result Data { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new TrainingCompletion.Query(ProgramId, page ?? 1), cancellationToken);
}

/// <summary>
/// HR sees who went through a program's training: for each resource how many of the people it is for marked it done,
/// and for each person (enrolled with access to the resources) how many of their required resources they have done.
/// </summary>
public static class TrainingCompletion
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page = 1) : IQuery<Result>;

    public sealed record ResourceRow(int Id, string Title, ResourceAudience Audience, bool Required, int Done, int For);

    public sealed record PersonRow(string Name, ParticipantRole Role, int RequiredDone, int RequiredTotal, DateOnly? LastDoneOn)
    {
        public bool Ready => RequiredDone == RequiredTotal;
    }

    public sealed record Result(
        int ProgramId, string ProgramName, IReadOnlyList<ResourceRow> Resources, int PeopleReady, IReadOnlyList<PersonRow> People, Pager Pager);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => new { p.Id, p.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var people = await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgramId == program.Id
                    && (e.Status == EnrolmentStatus.Approved || (e.Status == EnrolmentStatus.Pending && e.DecisionReason == null)))
                .OrderBy(e => e.User!.DisplayName).ThenBy(e => e.Id)
                .Select(e => new { e.UserId, e.Role, e.User!.DisplayName })
                .ToListAsync(cancellationToken);
            var resources = await db.Resources.AsNoTracking().Where(r => r.ProgramId == program.Id)
                .OrderByDescending(r => r.RequiredBeforeFirstSession).ThenBy(r => r.Title).ThenBy(r => r.Id)
                .Select(r => new { r.Id, r.Title, r.Audience, r.RequiredBeforeFirstSession })
                .ToListAsync(cancellationToken);
            var done = (await db.ResourceCompletions.AsNoTracking().Where(d => d.ProgramId == program.Id)
                    .Select(d => new { d.ResourceId, d.UserId, d.CompletedOn }).ToListAsync(cancellationToken))
                .ToDictionary(d => (d.ResourceId, d.UserId), d => d.CompletedOn);

            bool IsFor(ParticipantRole role, ResourceAudience audience) => ResourceAudiences.VisibleTo(role).Contains(audience);

            var resourceRows = resources.Select(r =>
            {
                var audience = people.Where(p => IsFor(p.Role, r.Audience)).Select(p => p.UserId).Distinct().ToList();
                return new ResourceRow(r.Id, r.Title, r.Audience, r.RequiredBeforeFirstSession, audience.Count(u => done.ContainsKey((r.Id, u))), audience.Count);
            }).ToList();

            var personRows = people.Select(p =>
            {
                var required = resources.Where(r => r.RequiredBeforeFirstSession && IsFor(p.Role, r.Audience)).ToList();
                var mine = resources.Where(r => IsFor(p.Role, r.Audience) && done.ContainsKey((r.Id, p.UserId)))
                    .Select(r => done[(r.Id, p.UserId)]).ToList();
                return new PersonRow(p.DisplayName, p.Role, required.Count(r => done.ContainsKey((r.Id, p.UserId))), required.Count,
                    mine.Count == 0 ? null : mine.Max());
            }).ToList();

            var (page, pageCount) = Paging.Clamp(query.Page, personRows.Count, PageSize);
            return new Result(program.Id, program.Name, resourceRows, personRows.Count(p => p.Ready),
                personRows.Page(page, PageSize).ToList(),
                new Pager(page, pageCount, personRows.Count, "person", "people"));
        }
    }
}
