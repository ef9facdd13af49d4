using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Invitations;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class RevokeInvitationModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromRoute]
    public int Id { get; set; }

    public RevokeInvitation.Details Invitation { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Invitation = await mediator.Send(new RevokeInvitation.Query(ProgramId, Id), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var email = await mediator.Send(new RevokeInvitation.Command(ProgramId, Id), cancellationToken);
        Message = $"The invitation to {email} was revoked.";
        return Redirect($"/Programs/{ProgramId}/Invitations");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Invitation ??= await mediator.Send(new RevokeInvitation.Query(ProgramId, Id), cancellationToken);
}

/// <summary>HR withdraws an invitation that was not accepted yet: its link stops working at once.</summary>
public static class RevokeInvitation
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int InvitationId) : IQuery<Details>;

    public sealed record Details(int Id, int ProgramId, string ProgramName, string Email, string Role);

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Command(int ProgramId, int InvitationId) : ICommand<string>;

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Details>
    {
        public async ValueTask<Details> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Invitations.AsNoTracking()
                .Where(i => i.Id == query.InvitationId && i.ProgramId == query.ProgramId)
                .Select(i => new Details(i.Id, query.ProgramId, i.Program!.Name, i.Email, i.Role))
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException();
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await db.Invitations
                .SingleOrDefaultAsync(i => i.Id == command.InvitationId && i.ProgramId == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (invitation.AcceptedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", $"{invitation.Email} has accepted this invitation already; it cannot be revoked.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (invitation.ExpiresAtUtc > now)
            {
                invitation.ExpiresAtUtc = now;
                await db.SaveChangesAsync(cancellationToken);
            }

            return invitation.Email;
        }
    }
}
