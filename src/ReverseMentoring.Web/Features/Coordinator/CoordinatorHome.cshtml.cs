using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Coordinator;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class CoordinatorHomeModel(IMediator mediator) : PageModel
{
    public CoordinatorHome.Result Data { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "programs")] string? programs, [FromQuery(Name = "kind")] ToDoKind? kind, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new CoordinatorHome.Query(string.Equals(programs, "all", StringComparison.OrdinalIgnoreCase), kind), cancellationToken);
}

/// <summary>
/// HR's landing page: what to act on in the programs they coordinate (or in all programs), grouped by kind, each group
/// capped with a link to see all of it.
/// </summary>
public static class CoordinatorHome
{
    /// <summary>How many items of a kind the page shows before "see all".</summary>
    public const int GroupCap = 5;

    /// <param name="AllPrograms">Every program rather than the ones the person coordinates.</param>
    /// <param name="Only">One kind, shown in full ("see all").</param>
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(bool AllPrograms = false, ToDoKind? Only = null) : IQuery<Result>;

    public sealed record Group(ToDoKind Kind, string Heading, int Total, IReadOnlyList<ToDoItem> Items)
    {
        public bool Capped => Items.Count < Total;
    }

    public sealed record Result(bool AllPrograms, ToDoKind? Only, int ProgramCount, IReadOnlyList<Group> Groups)
    {
        public int Total => Groups.Sum(g => g.Total);

        /// <summary>The query string that keeps the choice of programs.</summary>
        public string ProgramsQuery => AllPrograms ? "programs=all" : "programs=mine";
    }

    public static string Heading(ToDoKind kind) => kind switch
    {
        ToDoKind.ConcernRaised => "Concerns raised",
        ToDoKind.EnrolmentToReview => "Enrolments to review",
        ToDoKind.DeclineToRepair => "Declined pairs to pair again",
        ToDoKind.UnansweredProposal => "Proposals unanswered past their deadline",
        ToDoKind.PairAtRisk => "Pairs at risk",
        ToDoKind.UndeliveredEmail => "E-mails that could not be delivered",
        ToDoKind.MessageReported => "Messages reported to HR",
        _ => kind.ToString(),
    };

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var programs = query.AllPrograms ? CoordinatorToDo.AllPrograms(db) : CoordinatorToDo.ProgramsOf(db, current.RequireId());
            var ids = await programs.ToListAsync(cancellationToken);
            var items = await CoordinatorToDo.ItemsAsync(db, ids, clock.GetUtcNow().UtcDateTime, cancellationToken);
            var groups = items.GroupBy(i => i.Kind)
                .Where(g => query.Only is null || g.Key == query.Only)
                .OrderBy(g => g.Key)
                .Select(g => new Group(g.Key, Heading(g.Key), g.Count(), query.Only is null ? g.Take(GroupCap).ToList() : g.ToList()))
                .ToList();
            return new Result(query.AllPrograms, query.Only, ids.Count, groups);
        }
    }
}
