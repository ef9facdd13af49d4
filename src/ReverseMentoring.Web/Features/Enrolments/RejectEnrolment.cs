using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>HR turns an enrolment down, saying why; the participant sees the reason.</summary>
public static class RejectEnrolment
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int EnrolmentId { get; set; }

        public Guid Version { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).IsRejectionReason();
    }

    /// <summary>What a reason for turning an enrolment down must be, one enrolment or many.</summary>
    public static IRuleBuilderOptions<T, string?> IsRejectionReason<T>(this IRuleBuilderInitial<T, string?> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give a reason for turning this enrolment down; the participant will see it.")
            .MaximumLength(Enrolment.ReasonMaxLength).WithMessage("A reason has at most 500 characters.");
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var enrolment = await db.Enrolments.Include(e => e.User).Include(e => e.Program)
                .SingleOrDefaultAsync(e => e.Id == command.EnrolmentId && e.ProgramId == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            enrolment.Reject(current.RequireId(), command.Reason!, clock.GetUtcNow().UtcDateTime);
            db.Entry(enrolment).Property(e => e.Version).OriginalValue = command.Version;
            var wording = await ProgramEmails.WordingAsync(db, enrolment.ProgramId, EmailKind.EnrolmentRejected, cancellationToken);
            await outbox.QueueAsync(EnrolmentMail.Rejected(enrolment, wording, links.To($"/Participant/Programs/{enrolment.ProgramId}")), cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", EnrolmentDetail.ConflictMessage);
            }

            return Unit.Value;
        }
    }
}
