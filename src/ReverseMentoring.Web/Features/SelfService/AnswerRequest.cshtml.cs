using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.SelfService;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class AnswerRequestModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int RequestId { get; set; }

    [BindProperty]
    public AnswerRequest.Command Data { get; set; } = new();

    public AnswerRequest.Details Asked { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Asked = await mediator.Send(new AnswerRequest.Query(RequestId), cancellationToken);
        Data = new AnswerRequest.Command { RequestId = RequestId, Version = Asked.Version };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.RequestId = RequestId;
        var outcome = await mediator.Send(Data, cancellationToken);
        Message = outcome switch
        {
            AnswerRequest.Outcome.Accepted => "You accepted the request: your pair is confirmed, and you have both been e-mailed.",
            AnswerRequest.Outcome.Declined => "You declined the request. The mentee's next choice is asked.",
            _ => "You have no place left for another mentee, so the request went to the mentee's next choice.",
        };
        return LocalRedirect("/Participant");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Asked = await mediator.Send(new AnswerRequest.Query(RequestId), cancellationToken);
        ModelState.Remove($"{nameof(Data)}.{nameof(Data.Version)}");
        Data.Version = Asked.Version;
    }
}

/// <summary>
/// A mentor answers a mentee's request before it is due. Accepting makes a confirmed pair at once and withdraws the
/// mentee's other requests; declining asks the mentee's next choice. A mentor with no place left at that moment (another
/// request accepted just before) cannot accept: the request passes on and the mentor is told.
/// </summary>
public static class AnswerRequest
{
    public const string ConflictMessage = "The request changed while you were answering; reload the page to see it, then answer again.";

    public enum Answer
    {
        Accept = 0,
        Decline = 1,
    }

    public enum Outcome
    {
        Accepted = 0,
        Declined = 1,
        PassedOnFull = 2,
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int RequestId) : IQuery<Details>;

    public sealed record Details(
        int Id, Guid Version, int ProgramId, string ProgramName, string MenteeName, string MenteeJobLevel, string MenteeDepartment, string MenteeTimeZoneId,
        string MenteeGoals, int ChoiceOrder, MentorRequestState State, DateTime? AnswerDueAtUtc, string? Refusal);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<Outcome>
    {
        public int RequestId { get; set; }

        public Answer Answer { get; set; }

        public string? Reason { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Answer).IsInEnum().WithMessage("Choose to accept or decline the request.");
            RuleFor(c => c.Reason).MaximumLength(MentorRequest.ReasonMaxLength).WithMessage("A reason has at most 500 characters; shorten it.");
        }
    }

    /// <summary>A request sent to this mentor; another person's, or one not sent yet, is not found.</summary>
    private static IQueryable<MentorRequest> SentTo(AppDbContext db, string userId) =>
        db.MentorRequests.Where(r => r.MentorEnrolment!.UserId == userId && r.State != MentorRequestState.Waiting);

    public sealed class QueryHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Details>
    {
        public async ValueTask<Details> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await SentTo(db, current.RequireId()).AsNoTracking()
                .Include(r => r.MenteeEnrolment).ThenInclude(e => e!.User)
                .SingleOrDefaultAsync(r => r.Id == query.RequestId, cancellationToken)
                ?? throw new NotFoundException();
            var programName = await db.Programs.Where(p => p.Id == request.ProgramId).Select(p => p.Name).SingleAsync(cancellationToken);
            var mentee = request.MenteeEnrolment!;
            return new Details(
                request.Id, request.Version, request.ProgramId, programName, mentee.User!.DisplayName, mentee.JobLevel, mentee.Department, mentee.TimeZoneId,
                mentee.Goals, request.ChoiceOrder, request.State, request.AnswerDueAtUtc, request.AnswerRefusal(clock.GetUtcNow().UtcDateTime));
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var request = await LoadAsync(userId, command.RequestId, cancellationToken);
            if (request.AnswerRefusal(now) is { } refusal)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            if (request.Version != command.Version)
            {
                throw RequestValidationException.For(command, "", ConflictMessage);
            }

            var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == request.ProgramId, cancellationToken);
            if (command.Answer == Answer.Decline)
            {
                request.Decline(command.Reason, now);
                await SaveAsync(command, cancellationToken);
                await SelfServiceMatching.PassOnAsync(db, outbox, links, program, request, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return Outcome.Declined;
            }

            try
            {
                return await AcceptAsync(request, program, now, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request to this mentor was accepted at the same moment: look again at what is saved now.
                db.ChangeTracker.Clear();
                outbox.Forget();
                request = await LoadAsync(userId, command.RequestId, cancellationToken);
                if (request.AnswerRefusal(now) is null && await FullAsync(request, program, cancellationToken))
                {
                    return await PassOnFullAsync(request, program, now, cancellationToken);
                }

                throw RequestValidationException.For(command, "", ConflictMessage);
            }
        }

        private async Task<Outcome> AcceptAsync(MentorRequest request, MentoringProgram program, DateTime now, CancellationToken cancellationToken)
        {
            if (await FullAsync(request, program, cancellationToken))
            {
                return await PassOnFullAsync(request, program, now, cancellationToken);
            }

            var paired = await SelfServiceMatching.IsPairedAsync(db, request.MenteeEnrolmentId, cancellationToken);
            string? hardRule = null;
            PairAssessment? assessment = null;
            if (!paired)
            {
                var round = await RunPairing.LoadRoundAsync(db, program, cancellationToken);
                assessment = PairingEngine.Assess(round, request.MentorEnrolmentId, request.MenteeEnrolmentId);
                hardRule = assessment.Verdict == PairVerdict.BreaksHardRule ? assessment.HardRule ?? assessment.OrgRule ?? "a rule of the program"
                    : PairingEngine.OrgRuleBroken(round, request.MentorEnrolmentId, request.MenteeEnrolmentId);
            }

            var mentor = request.MentorEnrolment!;
            var live = await db.Pairs.CountAsync(p => p.MentorEnrolmentId == mentor.Id && Pair.LiveStatuses.Contains(p.Status), cancellationToken);
            var pair = Pair.FromRequest(
                request, mentor.CapacityIn(program), live, paired, hardRule, assessment?.Score ?? 0, assessment?.Percent ?? 0,
                string.Join("; ", assessment?.Reasons ?? []), now);
            db.Pairs.Add(pair);
            foreach (var other in await db.MentorRequests
                         .Where(r => r.MenteeEnrolmentId == request.MenteeEnrolmentId && r.Id != request.Id && MentorRequest.OpenStates.Contains(r.State))
                         .ToListAsync(cancellationToken))
            {
                other.Withdraw(now);
            }

            // Taking a place changes the mentor's enrolment, so of two acceptances racing for the last place the second
            // finds the version changed and fails, rather than both saving.
            mentor.UpdatedAtUtc = now;
            var link = links.To($"/Participant/Programs/{program.Id}");
            await outbox.QueueAsync(
            [
                SelfServiceMail.Accepted(request, ParticipantRole.Mentor, mentor, request.MenteeEnrolment!, program.Name, link),
                SelfServiceMail.Accepted(request, ParticipantRole.Mentee, request.MenteeEnrolment!, mentor, program.Name, link),
            ], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Accepted;
        }

        private async Task<Outcome> PassOnFullAsync(MentorRequest request, MentoringProgram program, DateTime now, CancellationToken cancellationToken)
        {
            request.PassOver(now);
            await db.SaveChangesAsync(cancellationToken);
            await SelfServiceMatching.PassOnAsync(db, outbox, links, program, request, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.PassedOnFull;
        }

        private async Task<bool> FullAsync(MentorRequest request, MentoringProgram program, CancellationToken cancellationToken)
        {
            var live = await db.Pairs.CountAsync(p => p.MentorEnrolmentId == request.MentorEnrolmentId && Pair.LiveStatuses.Contains(p.Status), cancellationToken);
            return live >= request.MentorEnrolment!.CapacityIn(program);
        }

        private async Task<MentorRequest> LoadAsync(string userId, int requestId, CancellationToken cancellationToken) =>
            await SentTo(db, userId)
                .Include(r => r.MentorEnrolment).ThenInclude(e => e!.User)
                .Include(r => r.MenteeEnrolment).ThenInclude(e => e!.User)
                .SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundException();

        private async Task SaveAsync(Command command, CancellationToken cancellationToken)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", ConflictMessage);
            }
        }
    }
}
