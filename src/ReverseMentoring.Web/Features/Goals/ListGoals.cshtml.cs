using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Agreements;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Goals;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class ListGoalsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int PairId { get; set; }

    [BindProperty]
    public SetGoal.Command New { get; set; } = new();

    [BindProperty]
    public ChangeGoal.Command Edit { get; set; } = new();

    public ListGoals.Result Goals { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Goals = await mediator.Send(new ListGoals.Query(PairId), cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        New.PairId = PairId;
        await mediator.Send(New, cancellationToken);
        Message = "Your goal was added.";
        return LocalRedirect($"/Participant/Pairs/{PairId}/Goals");
    }

    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        Edit.PairId = PairId;
        await mediator.Send(Edit, cancellationToken);
        Message = "Your goal was saved.";
        return LocalRedirect($"/Participant/Pairs/{PairId}/Goals");
    }

    /// <summary>The goal whose form was sent and refused, so its card shows what was typed and why.</summary>
    public bool IsBeingEdited(int goalId) => Request.Method == "POST" && Edit.GoalId == goalId;

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Goals ??= await mediator.Send(new ListGoals.Query(PairId), cancellationToken);
}

/// <summary>Both sides of a pair read both sides' goals; each edits only their own.</summary>
public static class ListGoals
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int PairId) : IQuery<Result>;

    public sealed record Topic(int Id, string Title);

    public sealed record Result(
        int PairId, string ProgramName, string MentorName, string MenteeName, ParticipantRole MySide, bool CanChange,
        IReadOnlyList<PairGoals.Goal> Goals, IReadOnlyList<Topic> Topics)
    {
        public string NameOf(ParticipantRole side) => side == ParticipantRole.Mentor ? MentorName : MenteeName;

        public string PartnerName => NameOf(MySide == ParticipantRole.Mentor ? ParticipantRole.Mentee : ParticipantRole.Mentor);
    }

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var (pair, side) = await PairAgreements.MyStartedPairAsync(db, query.PairId, me, tracked: false, cancellationToken);
            var programName = await db.Programs.Where(p => p.Id == pair.ProgramId).Select(p => p.Name).SingleAsync(cancellationToken);
            var topics = await db.ProgramTopics.AsNoTracking().Where(t => t.ProgramId == pair.ProgramId)
                .OrderBy(t => t.SortOrder).ThenBy(t => t.Id).Select(t => new Topic(t.Id, t.Title)).ToListAsync(cancellationToken);
            var goals = await PairGoals.ForPairAsync(db, pair.Id, cancellationToken);
            return new Result(pair.Id, programName, pair.MentorEnrolment!.User!.DisplayName, pair.MenteeEnrolment!.User!.DisplayName, side, pair.IsActive, goals, topics);
        }
    }
}
