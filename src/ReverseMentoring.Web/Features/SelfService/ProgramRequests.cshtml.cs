using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.SelfService;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ProgramRequestsModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ProgramRequests.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ProgramRequests.Query(ProgramId, PageNumber), cancellationToken);
}

/// <summary>HR follows a self-service program's mentor requests: how many are in each state, and each of them, newest first.</summary>
public static class ProgramRequests
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page = 1) : IQuery<Result>;

    public sealed record Row(
        int Id, string MenteeName, string MentorName, int ChoiceOrder, MentorRequestState State, DateTime? SentAtUtc, DateTime? AnswerDueAtUtc,
        DateTime? AnsweredAtUtc, string? DeclineReason);

    public sealed record Result(
        int ProgramId, string ProgramName, MatchingMode Mode, IReadOnlyDictionary<MentorRequestState, int> Counts, IReadOnlyList<Row> Rows, int Page, int PageCount, int Total);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name, p.Matching.Mode })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var requests = db.MentorRequests.AsNoTracking().Where(r => r.ProgramId == program.Id);
            var counts = (await requests.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
                .ToDictionary(g => g.Key, g => g.Count);
            var total = counts.Values.Sum();
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            var rows = await requests
                .OrderByDescending(r => r.CreatedAtUtc).ThenBy(r => r.MenteeEnrolmentId).ThenBy(r => r.ChoiceOrder)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(r => new Row(
                    r.Id, r.MenteeEnrolment!.User!.DisplayName, r.MentorEnrolment!.User!.DisplayName, r.ChoiceOrder, r.State, r.SentAtUtc, r.AnswerDueAtUtc,
                    r.AnsweredAtUtc, r.DeclineReason))
                .ToListAsync(cancellationToken);
            return new Result(
                program.Id, program.Name, program.Mode,
                Enum.GetValues<MentorRequestState>().ToDictionary(s => s, s => counts.GetValueOrDefault(s)), rows, page, pageCount, total);
        }
    }

    public static string Describe(MentorRequestState state) => state switch
    {
        MentorRequestState.Waiting => "Waiting its turn",
        MentorRequestState.Sent => "With the mentor",
        MentorRequestState.Accepted => "Accepted",
        MentorRequestState.Declined => "Declined",
        MentorRequestState.Expired => "Not answered in time",
        _ => "Withdrawn",
    };
}
