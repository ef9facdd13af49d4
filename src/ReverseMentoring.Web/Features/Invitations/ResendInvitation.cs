using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Invitations;

/// <summary>
/// HR sends an invitation again with a fresh expiry and a new link (only the hash of a link's token is kept, so the
/// first one cannot be sent again); the earlier link stops working.
/// </summary>
public static class ResendInvitation
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Command(int ProgramId, int InvitationId) : ICommand<Result>;

    public sealed record Result(string Email, DateTime ExpiresAtUtc);

    /// <summary>Why the program takes no invitations, or null when it does.</summary>
    public static string? Refusal(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.ArchivedAtUtc is not null ? "This program is archived; it takes no new invitations."
            : program.Status == ProgramStatus.Closed ? "This program is closed; it takes no new invitations."
            : null;
    }

    /// <summary>
    /// Gives a pending invitation (its program loaded) a new link and a fresh expiry, and returns the e-mail that carries
    /// the link, to be queued with the change; refuses an invitation already accepted or a program that takes none.
    /// </summary>
    public static Outgoing Renew(Invitation invitation, PublicLinks links, int validDays, DateTime now, EmailWording wording, string? coordinatorName)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(links);
        if (Refusal(invitation.Program!) is { } refusal)
        {
            throw new DomainRuleException(refusal);
        }

        if (invitation.AcceptedAtUtc is not null)
        {
            throw new DomainRuleException($"{invitation.Email} has accepted this invitation already; there is nothing to resend.");
        }

        invitation.ExpiresAtUtc = now.AddDays(validDays);
        var token = invitation.IssueToken();
        return ProgramEmails.Message(InvitationMail.ResendKey(invitation.Id, now), invitation.Email, wording,
            InvitationMail.Values(links, invitation.Program!, token, invitation, replacesEarlierLink: true, coordinatorName));
    }

    public sealed class Handler(AppDbContext db, Outbox outbox, PublicLinks links, IOptions<InvitationOptions> options, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await db.Invitations.Include(i => i.Program)
                .SingleOrDefaultAsync(i => i.Id == command.InvitationId && i.ProgramId == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;

            // The new link and its e-mail are saved together, and the e-mail goes out once both are committed.
            var wording = await ProgramEmails.WordingAsync(db, invitation.Program!.Id, EmailKind.Invitation, cancellationToken);
            var coordinator = await InvitationMail.CoordinatorNameAsync(db, invitation.InvitedByUserId, cancellationToken);
            await outbox.QueueAsync(Renew(invitation, links, options.Value.ValidDays, now, wording, coordinator), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            return new Result(invitation.Email, invitation.ExpiresAtUtc);
        }
    }
}
