using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Invitations;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class BulkResendInvitationsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public BulkResendInvitations.Command Data { get; set; } = new();

    public BulkResendInvitations.Preview Preview { get; private set; } = null!;

    public string ListUrl => $"/Programs/{ProgramId}/Invitations";

    /// <summary>Shows what would happen; an empty or too large selection goes back to the list with the message by its button.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        if (Preview.Problem is { } problem)
        {
            TempData["BulkProblem"] = problem;
            return Redirect(ListUrl);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        var report = await mediator.Send(Data, cancellationToken);
        TempData["BulkReport"] = report.ToJson();
        return Redirect(ListUrl);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Preview = await mediator.Send(new BulkResendInvitations.Query(ProgramId, Data.Ids, Data.AllPending), cancellationToken);
}

/// <summary>
/// HR sends many invitations of a program again at once, the ticked ones or every one not yet accepted: each gets a new
/// link and expiry exactly as a single resend does (<see cref="ResendInvitation.Renew"/>), its e-mail queued with it.
/// </summary>
public static class BulkResendInvitations
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, IReadOnlyList<int> Ids, bool AllPending) : IQuery<Preview>;

    public sealed record Preview(int ProgramId, string ProgramName, IReadOnlyList<BulkRow> Rows, string? Problem)
    {
        public IReadOnlyList<BulkRow> Ready => Rows.Where(r => r.CanAct).ToList();

        public IReadOnlyList<BulkRow> Refused => Rows.Where(r => !r.CanAct).ToList();
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<BulkReport>
    {
        public int ProgramId { get; set; }

        public List<int> Ids { get; set; } = [];

        /// <summary>Every invitation of the program not yet accepted, instead of <see cref="Ids"/>.</summary>
        public bool AllPending { get; set; }

        public BulkMode Mode { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Mode).IsInEnum().WithMessage("Choose all or nothing, or to do what can be done.");
            RuleFor(c => c.Ids)
                .Must((command, ids) => command.AllPending || ids.Count > 0)
                .WithMessage(Bulk.SelectionProblem(0, "invitation", "invitations"))
                .Must(ids => ids.Distinct().Count() <= Bulk.MaxSelection)
                .WithMessage(command => Bulk.SelectionProblem(command.Ids.Distinct().Count(), "invitation", "invitations"));
        }
    }

    private static IQueryable<Invitation> Selection(AppDbContext db, int programId, IReadOnlyCollection<int> ids, bool allPending) =>
        allPending
            ? db.Invitations.Where(i => i.ProgramId == programId && i.AcceptedAtUtc == null)
            : db.Invitations.Where(i => i.ProgramId == programId && ids.Contains(i.Id));

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Preview>
    {
        public async ValueTask<Preview> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (ResendInvitation.Refusal(program) is { } refusal)
            {
                return new Preview(program.Id, program.Name, [], refusal);
            }

            var ids = (query.Ids ?? []).Distinct().ToList();
            var selection = Selection(db, program.Id, ids, query.AllPending).AsNoTracking();
            var count = query.AllPending ? await selection.CountAsync(cancellationToken) : ids.Count;
            if (Bulk.SelectionProblem(count, "invitation", "invitations") is { } problem)
            {
                return new Preview(program.Id, program.Name, [], problem);
            }

            var found = await selection.OrderBy(i => i.Email).Select(i => new { i.Id, i.Email, i.AcceptedAtUtc }).ToListAsync(cancellationToken);
            var rows = found.Select(i => new BulkRow(i.Id, i.Email, i.AcceptedAtUtc is null ? null : "accepted already; there is nothing to resend")).ToList();
            if (!query.AllPending)
            {
                rows.AddRange(Bulk.Missing(ids, found.Select(i => i.Id), "invitation"));
            }

            return new Preview(program.Id, program.Name, rows, null);
        }
    }

    public sealed class Handler(AppDbContext db, Outbox outbox, PublicLinks links, IOptions<InvitationOptions> options, TimeProvider clock)
        : ICommandHandler<Command, BulkReport>
    {
        public async ValueTask<BulkReport> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.Programs.AnyAsync(p => p.Id == command.ProgramId, cancellationToken))
            {
                throw new NotFoundException();
            }

            var ids = command.Ids.Distinct().ToList();
            var selection = Selection(db, command.ProgramId, ids, command.AllPending);
            if (command.AllPending && Bulk.SelectionProblem(await selection.CountAsync(cancellationToken), "invitation", "invitations") is { } problem)
            {
                throw RequestValidationException.For(command, nameof(Command.Ids), problem);
            }

            var invitations = await selection.Include(i => i.Program).OrderBy(i => i.Email).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var mails = new List<Outgoing>();
            var wording = await ProgramEmails.WordingAsync(db, command.ProgramId, EmailKind.Invitation, cancellationToken);
            var senders = invitations.Select(i => i.InvitedByUserId).OfType<string>().Distinct().ToList();
            var coordinators = await db.Users.AsNoTracking().Where(u => senders.Contains(u.Id) && u.ErasedAtUtc == null)
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            var rows = Bulk.Apply(invitations, i => i.Id, i => i.Email, invitation => mails.Add(ResendInvitation.Renew(
                invitation, links, options.Value.ValidDays, now, wording, invitation.InvitedByUserId is { } by ? coordinators.GetValueOrDefault(by) : null)));
            if (!command.AllPending)
            {
                rows.AddRange(Bulk.Missing(ids, invitations.Select(i => i.Id), "invitation"));
            }

            var report = Bulk.Settle(command, command.Mode, rows, "resent", "invitation", "invitations");
            await outbox.QueueAsync(mails, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return report;
        }
    }
}
