using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Coordinator;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Conversations;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class RaiseConcernModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int PairId { get; set; }

    [BindProperty]
    public RaiseConcern.Command Data { get; set; } = new();

    public RaiseConcern.Result View { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        View = await mediator.Send(new RaiseConcern.Query(PairId), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.PairId = PairId;
        await mediator.Send(Data, cancellationToken);
        Message = "HR has your concern and will be in touch with you. Your partner has not been told.";
        return RedirectToPage(new { pairId = PairId });
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        View ??= await mediator.Send(new RaiseConcern.Query(PairId), cancellationToken);
}

/// <summary>
/// Either side of a pair tells HR privately that something is wrong. Every coordinator of the program is e-mailed at
/// once (in the same transaction), the pair is flagged "Concern raised" and the concern heads HR's to-do list. The
/// partner is told nothing. A pair that is not the caller's is 404.
/// </summary>
public static class RaiseConcern
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int PairId) : IQuery<Result>;

    public sealed record Result(int PairId, int ProgramId, string ProgramName, string PartnerName);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int PairId { get; set; }

        public ConcernCategory? Category { get; set; }

        public string Text { get; set; } = "";

        /// <summary>Off unless the person chooses it: by default HR keeps who raised it to themselves.</summary>
        public bool MayActOpenly { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Category).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose what the concern is about.")
                .IsInEnum().WithMessage("Choose what the concern is about.");
            RuleFor(c => c.Text).Cascade(CascadeMode.Stop)
                .Must(text => !string.IsNullOrWhiteSpace(text)).WithMessage("Tell HR what is wrong.")
                .Must(text => text.Trim().Length <= Concern.TextMaxLength)
                .WithMessage(c => $"Say it in at most {Concern.TextMaxLength:N0} characters; this has {c.Text.Trim().Length:N0}.");
        }
    }

    /// <summary>Any pair of the caller's, proposed, active or ended: a concern may come at any point.</summary>
    private static async Task<PairSides> PairOfCallerAsync(AppDbContext db, int pairId, string userId, CancellationToken cancellationToken) =>
        await SessionRules.PairAsync(db, pairId, userId, cancellationToken) ?? throw new NotFoundException();

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var sides = await PairOfCallerAsync(db, query.PairId, current.RequireId(), cancellationToken);
            return new Result(sides.Pair.Id, sides.Program.Id, sides.Program.Name, sides.PartnerName);
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var sides = await PairOfCallerAsync(db, command.PairId, me, cancellationToken);
            var concern = Concern.Raise(sides.Pair, me, command.Category!.Value, command.Text, command.MayActOpenly, clock.GetUtcNow().UtcDateTime);
            db.Concerns.Add(concern);

            // Saved first for its id, which names the alert; the command's one transaction holds both saves.
            await db.SaveChangesAsync(cancellationToken);
            await CoordinatorAlerts.RaiseAsync(db, outbox, links,
                CoordinatorAlert.ConcernRaised(concern, sides.Pair.MentorEnrolment!.User!.DisplayName, sides.Pair.MenteeEnrolment!.User!.DisplayName),
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return concern.Id;
        }
    }
}
