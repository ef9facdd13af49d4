using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Pairs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class EndPairByCoordinatorModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromRoute]
    public int PairId { get; set; }

    [BindProperty]
    public EndPairByCoordinator.Command Data { get; set; } = new();

    public EndPair.Details Pair { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Pair = await mediator.Send(new EndPairByCoordinator.Query(ProgramId, PairId), cancellationToken);
        Data = new EndPairByCoordinator.Command { ProgramId = ProgramId, PairId = PairId, Version = Pair.Version };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        Data.PairId = PairId;
        await mediator.Send(Data, cancellationToken);
        Message = "The pair has ended. Both sides can now rate where they ended up on each skill.";
        return Redirect($"/Programs/{ProgramId}/Pairs/{PairId}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Pair = await mediator.Send(new EndPairByCoordinator.Query(ProgramId, PairId), cancellationToken);
        ModelState.Remove($"{nameof(Data)}.{nameof(Data.Version)}");
        Data.Version = Pair.Version;
    }
}

/// <summary>HR ends a confirmed pair of their program, with the same rules as when one of its sides does.</summary>
public static class EndPairByCoordinator
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int PairId) : IQuery<EndPair.Details>;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand, IPairEndingForm
    {
        public int ProgramId { get; set; }

        public int PairId { get; set; }

        public PairEnding? Ending { get; set; }

        public string? Reason { get; set; }

        public bool Confirm { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Validator : PairEndingValidator<Command>;

    public sealed class QueryHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, EndPair.Details>
    {
        public async ValueTask<EndPair.Details> Handle(Query query, CancellationToken cancellationToken) =>
            await EndPair.DetailsOf(db, db.Pairs.AsNoTracking().Where(p => p.Id == query.PairId && p.ProgramId == query.ProgramId),
                    viewerUserId: null, clock.GetUtcNow().UtcDateTime)
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException();
    }

    public sealed class Handler(AppDbContext db, Outbox outbox, PublicLinks links, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var pair = await db.Pairs.SingleOrDefaultAsync(p => p.Id == command.PairId && p.ProgramId == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            await EndPair.EndAsync(db, outbox, links, pair, command, command.Version, current.RequireId(), clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Unit.Value;
        }
    }
}
