using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ProgramDetailsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    public ProgramDetails.Result Details { get; private set; } = null!;

    [BindProperty]
    public ChangeProgramStatus.Command Move { get; set; } = new();

    [BindProperty]
    public RestoreProgram.Command Restore { get; set; } = new();

    [BindProperty]
    public AddCoordinator.Command NewCoordinator { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Details = await mediator.Send(new ProgramDetails.Query(Id), cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken cancellationToken)
    {
        Move.Id = Id;
        await mediator.Send(Move, cancellationToken);
        return LocalRedirect($"/Programs/{Id}");
    }

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken cancellationToken)
    {
        Restore.Id = Id;
        await mediator.Send(Restore, cancellationToken);
        return LocalRedirect($"/Programs/{Id}");
    }

    public async Task<IActionResult> OnPostAddCoordinatorAsync(CancellationToken cancellationToken)
    {
        NewCoordinator.ProgramId = Id;
        await mediator.Send(NewCoordinator, cancellationToken);
        return LocalRedirect($"/Programs/{Id}#coordinators-heading");
    }

    public async Task<IActionResult> OnPostRemoveCoordinatorAsync([FromForm] string userId, CancellationToken cancellationToken)
    {
        await mediator.Send(new RemoveCoordinator.Command { ProgramId = Id, UserId = userId ?? "" }, cancellationToken);
        return LocalRedirect($"/Programs/{Id}#coordinators-heading");
    }

    // A refused move shows the page again, as the program now stands.
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Details ??= await mediator.Send(new ProgramDetails.Query(Id), cancellationToken);
}

/// <summary>Everything HR set for one program, with the status moves open to it now.</summary>
public static class ProgramDetails
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record Topic(string Title, string SuggestedActivities, string? SkillName, bool SkillRetired);

    public sealed record Result(
        int Id,
        string Name,
        string Objectives,
        DateOnly StartsOn,
        DateOnly EndsOn,
        DateOnly? EnrolmentOpensOn,
        DateOnly? EnrolmentClosesOn,
        int SessionCadenceDays,
        int SessionMinutes,
        int ExpectedSessions,
        IReadOnlyList<SessionFormats> Formats,
        int MentorCapacity,
        MatchingSettings Matching,
        IReadOnlyList<Topic> Topics,
        ProgramStatus Status,
        DateTime? ArchivedAtUtc,
        Guid Version,
        IReadOnlyList<ProgramStatus> NextMoves)
    {
        public bool IsArchived => ArchivedAtUtc is not null;

        public bool CanArchive => !IsArchived && ArchiveProgram.IsArchivable(Status);

        /// <summary>Who coordinates the program, and the HR people who could be added.</summary>
        public ProgramCoordinatorList.Lists People { get; init; } = new([], []);
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var p = await db.Programs.AsNoTracking()
                .Include(p => p.Topics).ThenInclude(t => t.Skill)
                .SingleOrDefaultAsync(p => p.Id == query.Id, cancellationToken) ?? throw new NotFoundException();
            var topics = p.Topics.OrderBy(t => t.SortOrder)
                .Select(t => new Topic(t.Title, t.SuggestedActivities, t.Skill?.Name, t.Skill?.IsRetired == true))
                .ToList();
            var moves = p.ArchivedAtUtc is null ? ChangeProgramStatus.MovesFrom(p.Status) : [];
            return new Result(p.Id, p.Name, p.Objectives, p.StartsOn, p.EndsOn, p.EnrolmentOpensOn, p.EnrolmentClosesOn,
                p.SessionCadenceDays, p.SessionMinutes, p.ExpectedSessions, ProgramForm.Split(p.Formats), p.MentorCapacity,
                p.Matching, topics, p.Status, p.ArchivedAtUtc, p.Version, moves)
            {
                People = await ProgramCoordinatorList.ReadAsync(db, p.Id, cancellationToken),
            };
        }
    }
}
