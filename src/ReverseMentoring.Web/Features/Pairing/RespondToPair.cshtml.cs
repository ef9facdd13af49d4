using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Coordinator;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>Accepting posts here straight from the program page; declining is confirmed here first, with a reason.</summary>
[Authorize(Policy = PagePolicies.Participants)]
public sealed class RespondToPairModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromRoute]
    public int PairId { get; set; }

    [FromRoute]
    public RespondToPair.Answer Answer { get; set; }

    [BindProperty]
    public RespondToPair.Command Data { get; set; } = new();

    public ViewProgram.Result Overview { get; private set; } = null!;

    /// <summary>Null only when showing a refusal for a pair the caller no longer sees (an older declined one).</summary>
    public ViewProgram.MyPair? Pair { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Data = new RespondToPair.Command { PairId = PairId, Answer = Answer, Version = Pair!.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.PairId = PairId;
        Data.Answer = Answer;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Participant/Programs/{ProgramId}#my-pair");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        // The form shown again answers the pair as it is now, which the page shows; not the one first loaded.
        if (await LoadAsync(cancellationToken))
        {
            ModelState.Remove($"{nameof(Data)}.{nameof(Data.Version)}");
            Data.Version = Pair!.Version;
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Overview ??= await mediator.Send(new ViewProgram.Query(ProgramId), cancellationToken);
        Pair = Overview.Pairs.SingleOrDefault(p => p.Id == PairId);
        return Pair is not null;
    }
}

/// <summary>
/// The mentor or the mentee of a proposed pair says yes or no. Both yes confirms it; one no ends it for both, who are
/// then free for HR's next proposal.
/// </summary>
public static class RespondToPair
{
    public const string ConflictMessage = "The pair changed while you were answering; reload the page to see what changed, then answer again.";

    public enum Answer
    {
        Accept = 0,
        Decline = 1,
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<PairStatus>
    {
        public int PairId { get; set; }

        public Answer Answer { get; set; }

        public string? Reason { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Answer).IsInEnum().WithMessage("Choose to accept or decline the pair.");
            RuleFor(c => c.Reason)
                .MaximumLength(Pair.ReasonMaxLength).WithMessage("A reason has at most 500 characters; shorten it.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock)
        : ICommandHandler<Command, PairStatus>
    {
        public async ValueTask<PairStatus> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var pair = await db.Pairs.OfParticipant(userId)
                .Include(p => p.MentorEnrolment).ThenInclude(e => e!.User)
                .Include(p => p.MenteeEnrolment).ThenInclude(e => e!.User)
                .SingleOrDefaultAsync(p => p.Id == command.PairId, cancellationToken)
                ?? throw new NotFoundException();
            var side = pair.SideOf(userId);
            var me = side == ParticipantRole.Mentor ? pair.MentorEnrolment! : pair.MenteeEnrolment!;
            var partner = side == ParticipantRole.Mentor ? pair.MenteeEnrolment! : pair.MentorEnrolment!;
            var now = clock.GetUtcNow().UtcDateTime;
            if (command.Answer == Answer.Accept)
            {
                pair.Accept(side, now);
            }
            else
            {
                pair.Decline(side, command.Reason, now);
            }

            var programName = await db.Programs.Where(p => p.Id == pair.ProgramId).Select(p => p.Name).SingleAsync(cancellationToken);
            var link = links.To($"/Participant/Programs/{pair.ProgramId}");
            if (pair.Status == PairStatus.Accepted)
            {
                await outbox.QueueAsync(
                [
                    PairMail.Confirmed(pair.Id, ParticipantRole.Mentor, pair.MentorEnrolment!, pair.MenteeEnrolment!, programName, link),
                    PairMail.Confirmed(pair.Id, ParticipantRole.Mentee, pair.MenteeEnrolment!, pair.MentorEnrolment!, programName, link),
                ], cancellationToken);
            }
            else if (pair.Status == PairStatus.Declined)
            {
                var partnerSide = side == ParticipantRole.Mentor ? ParticipantRole.Mentee : ParticipantRole.Mentor;
                await outbox.QueueAsync(PairMail.Declined(pair.Id, partnerSide, partner, me, programName, link), cancellationToken);
                await CoordinatorAlerts.RaiseAsync(db, outbox, links,
                    CoordinatorAlert.PairDeclined(pair, pair.MentorEnrolment!.User!.DisplayName, pair.MenteeEnrolment!.User!.DisplayName, side, now),
                    cancellationToken);
            }

            // The answer and its e-mails are saved together, and the e-mails sent only once that commits.
            db.Entry(pair).Property(p => p.Version).OriginalValue = command.Version;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", ConflictMessage);
            }

            return pair.Status;
        }
    }
}
