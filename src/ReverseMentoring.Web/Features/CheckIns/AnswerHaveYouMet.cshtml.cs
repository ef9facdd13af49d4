using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.CheckIns;

/// <summary>The e-mail's one-click link lands here; the answer is saved only by the button, never by the link itself.</summary>
[Authorize(Policy = PagePolicies.Participants)]
public sealed class AnswerHaveYouMetModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    /// <summary>"yes" or "no" from the e-mail's link; anything else asks the question with both buttons.</summary>
    [FromQuery(Name = "answer")]
    public string? Answer { get; set; }

    [BindProperty]
    public AnswerHaveYouMet.Command Data { get; set; } = new();

    public ViewCheckIn.Details CheckIn { get; private set; } = null!;

    public bool? Chosen => Answer?.ToUpperInvariant() switch { "YES" => true, "NO" => false, _ => null };

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        CheckIn = await mediator.Send(new ViewCheckIn.Query(Id), cancellationToken);
        if (CheckIn.Kind != CheckInKind.HaveYouMet)
        {
            return Redirect($"/Participant/CheckIns/{Id}");
        }

        Data = new AnswerHaveYouMet.Command { CheckInId = Id, Met = Chosen };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.CheckInId = Id;
        await mediator.Send(Data, cancellationToken);
        Message = Data.Met == true
            ? "Thank you: HR now knows you have met."
            : "Thank you for telling us. HR may get in touch to help you and your partner get started.";
        return Redirect("/Participant/CheckIns");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        CheckIn ??= await mediator.Send(new ViewCheckIn.Query(Id), cancellationToken);
}

/// <summary>One side of a pair answers "have you met yet?". The answer is final.</summary>
public static class AnswerHaveYouMet
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand
    {
        public int CheckInId { get; set; }

        public bool? Met { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Met).NotNull().WithMessage("Choose yes or no.");
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var checkIn = await db.CheckIns.SingleOrDefaultAsync(c => c.Id == command.CheckInId && c.UserId == userId, cancellationToken)
                ?? throw new NotFoundException();
            if (checkIn.Kind != CheckInKind.HaveYouMet)
            {
                throw RequestValidationException.For(command, "", "This check-in has its own questions; answer them on its page.");
            }

            if (checkIn.AnsweredAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", AnswerCheckIn.AnsweredMessage);
            }

            checkIn.Met = command.Met;
            checkIn.AnsweredAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
