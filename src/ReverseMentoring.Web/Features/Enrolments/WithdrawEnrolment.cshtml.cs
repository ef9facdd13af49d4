using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Enrolments;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class WithdrawEnrolmentModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public WithdrawEnrolment.Command Data { get; set; } = new();

    public ViewProgram.Result Overview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Overview = await mediator.Send(new ViewProgram.Query(ProgramId), cancellationToken);
        if (Overview.Enrolment is not { Status: not EnrolmentStatus.Withdrawn } enrolment)
        {
            return NotFound();
        }

        Data = new WithdrawEnrolment.Command { EnrolmentId = enrolment.Id, Version = enrolment.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Participant/Programs/{ProgramId}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Overview ??= await mediator.Send(new ViewProgram.Query(ProgramId), cancellationToken);
}

/// <summary>A participant leaves a program. The enrolment and its history stay; they may enrol again while it is open.</summary>
public static class WithdrawEnrolment
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand
    {
        public int EnrolmentId { get; set; }

        public Guid Version { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason)
                .MaximumLength(Enrolment.ReasonMaxLength).WithMessage("A reason has at most 500 characters.");
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == command.EnrolmentId && e.UserId == userId, cancellationToken)
                ?? throw new NotFoundException();
            enrolment.Withdraw(userId, command.Reason, clock.GetUtcNow().UtcDateTime);
            db.Entry(enrolment).Property(e => e.Version).OriginalValue = command.Version;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "",
                    "Your enrolment was changed elsewhere (in another tab, or by HR). Reload the page and withdraw again if you still want to.");
            }

            return Unit.Value;
        }
    }
}
