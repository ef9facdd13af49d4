using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>HR accepts a participant into the program; the person gets the matching role if they lack it.</summary>
public static class ApproveEnrolment
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int EnrolmentId { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var enrolment = await db.Enrolments.Include(e => e.User).Include(e => e.Program)
                .SingleOrDefaultAsync(e => e.Id == command.EnrolmentId && e.ProgramId == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;
            var role = enrolment.Role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee;
            var granted = !await users.IsInRoleAsync(enrolment.User!, role);
            enrolment.Approve(current.RequireId(), now,
                granted ? $"Approved; the {role.ToLowerInvariant()} role was given to the account." : "Approved.");
            db.Entry(enrolment).Property(e => e.Version).OriginalValue = command.Version;
            var wording = await ProgramEmails.WordingAsync(db, enrolment.ProgramId, EmailKind.EnrolmentApproved, cancellationToken);
            await outbox.QueueAsync(EnrolmentMail.Approved(enrolment, wording, links.To($"/Participant/Programs/{enrolment.ProgramId}")), cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", EnrolmentDetail.ConflictMessage);
            }

            if (granted)
            {
                StartupData.Check(await users.AddToRoleAsync(enrolment.User!, role), $"give the role {role}");
            }

            return Unit.Value;
        }
    }
}
