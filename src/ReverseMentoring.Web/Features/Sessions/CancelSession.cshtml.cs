using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class CancelSessionModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public CancelSession.Command Data { get; set; } = new();

    public ViewSession.Result Session { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Session = await mediator.Send(new ViewSession.Query(Id), cancellationToken);
        if (!Session.CanChange)
        {
            return NotFound();
        }

        Data = new CancelSession.Command { SessionId = Id, Version = Session.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.SessionId = Id;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Participant/Sessions/{Id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Session ??= await mediator.Send(new ViewSession.Query(Id), cancellationToken);
}

/// <summary>
/// Either side calls off a planned session, with a reason the other side reads. It stays in both histories as
/// cancelled; the other side's calendar drops it through the cancellation file.
/// </summary>
public static class CancelSession
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<Unit>
    {
        public int SessionId { get; set; }

        public Guid Version { get; set; }

        public string Reason { get; set; } = "";

        public bool Confirm { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why you cancel; the other side reads it.")
                .MaximumLength(Session.ReasonMaxLength).WithMessage($"A reason has at most {Session.ReasonMaxLength} characters; shorten it.");
            RuleFor(c => c.Confirm).Equal(true).WithMessage("Tick the box to confirm you want to cancel this session.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var (session, sides) = await SessionRules.SessionAsync(db, command.SessionId, userId, track: true, cancellationToken)
                ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;
            if (session.Version != command.Version)
            {
                throw RequestValidationException.For(command, "", SessionRules.ConflictMessage);
            }

            session.Cancel(userId, command.Reason, now);
            await SessionRules.SaveAndTellPartnerAsync(db, outbox, links, command, command.Version, session, sides, SessionMail.Change.Cancelled, now, cancellationToken);
            return Unit.Value;
        }
    }
}
