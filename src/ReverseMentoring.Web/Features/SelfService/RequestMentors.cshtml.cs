using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.SelfService;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class RequestMentorsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromQuery(Name = "mentor")]
    public int? FirstChoice { get; set; }

    [BindProperty]
    public RequestMentors.Command Data { get; set; } = new();

    public RequestMentors.Result Overview { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Overview = await mediator.Send(new RequestMentors.Query(ProgramId), cancellationToken);
        Data = new RequestMentors.Command
        {
            ProgramId = ProgramId,
            Choices = Enumerable.Range(0, Overview.MaxRequests).Select(i => i == 0 ? FirstChoice : null).ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        await mediator.Send(Data, cancellationToken);
        Message = "Your request was sent to your first choice. We will e-mail you when they answer.";
        return LocalRedirect($"/Participant/Programs/{ProgramId}/Requests");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new WithdrawMentorRequests.Command { ProgramId = ProgramId }, cancellationToken);
        Message = "Your requests were withdrawn. You may choose mentors again.";
        return LocalRedirect($"/Participant/Programs/{ProgramId}/Requests");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Overview = await mediator.Send(new RequestMentors.Query(ProgramId), cancellationToken);
        while (Data.Choices.Count < Overview.MaxRequests)
        {
            Data.Choices.Add(null);
        }
    }
}

/// <summary>
/// A mentee of a self-service program asks up to the program's number of mentors, in order of choice. Only the first is
/// asked at once, by e-mail; the next is asked when the one before declines or does not answer in time.
/// </summary>
public static class RequestMentors
{
    public const string NoChoiceMessage = "Choose at least one mentor.";
    public const string TwiceMessage = "You chose this mentor already; choose a different one or leave it empty.";
    public const string UnknownMentorMessage = "Choose a mentor from the list.";
    public const string ForbiddenMentorMessage = "The program's rules do not let you be paired with this mentor; choose another.";
    public const string OpenRequestsMessage = "You have asked mentors already. Withdraw those requests first to choose again.";

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Option(int EnrolmentId, string Name, int Percent);

    public sealed record MyRequest(int Id, int ChoiceOrder, string MentorName, MentorRequestState State, DateTime? SentAtUtc, DateTime? AnswerDueAtUtc, DateTime? AnsweredAtUtc);

    public sealed record Result(int ProgramId, string ProgramName, string? Refusal, int MaxRequests, IReadOnlyList<Option> Mentors, IReadOnlyList<MyRequest> Requests)
    {
        public bool HasOpen => Requests.Any(r => MentorRequest.OpenStates.Contains(r.State));

        public bool CanChoose => Refusal is null && !HasOpen;
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }

        /// <summary>Mentor enrolment ids, first choice first; empty entries are skipped.</summary>
        public List<int?> Choices { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Choices).Must(c => c.Count <= MatchingSettings.MaxRequestsLimit)
                .WithMessage($"You may ask at most {MatchingSettings.MaxRequestsLimit} mentors.");
            RuleFor(c => c.Choices).Must(c => c.Any(id => id is not null)).OverridePropertyName("Choices[0]")
                .WithMessage(NoChoiceMessage);
        }
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (program, enrolment) = await LoadAsync(db, current.RequireId(), query.ProgramId, cancellationToken);
            var paired = await SelfServiceMatching.IsPairedAsync(db, enrolment.Id, cancellationToken);
            var refusal = SelfServiceMatching.MenteeRefusal(program, enrolment, paired);
            var requests = await db.MentorRequests.AsNoTracking()
                .Where(r => r.MenteeEnrolmentId == enrolment.Id)
                .OrderByDescending(r => r.CreatedAtUtc).ThenBy(r => r.ChoiceOrder)
                .Select(r => new MyRequest(r.Id, r.ChoiceOrder, r.MentorEnrolment!.User!.DisplayName, r.State, r.SentAtUtc, r.AnswerDueAtUtc, r.AnsweredAtUtc))
                .Take(50)
                .ToListAsync(cancellationToken);
            var options = refusal is null
                ? (await SelfServiceMatching.MentorsForAsync(db, program, enrolment.Id, clock.GetUtcNow().UtcDateTime, cancellationToken))
                    .Where(m => m.Hidden is null).Select(m => new Option(m.EnrolmentId, m.Name, m.Percent)).ToList()
                : [];
            return new Result(program.Id, program.Name, refusal, Math.Clamp(program.Matching.MaxMentorRequests, 1, MatchingSettings.MaxRequestsLimit), options, requests);
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var (program, enrolment) = await LoadAsync(db, current.RequireId(), command.ProgramId, cancellationToken);
            var paired = await SelfServiceMatching.IsPairedAsync(db, enrolment.Id, cancellationToken);
            if (SelfServiceMatching.MenteeRefusal(program, enrolment, paired) is { } refusal)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            if (await db.MentorRequests.AnyAsync(r => r.MenteeEnrolmentId == enrolment.Id && MentorRequest.OpenStates.Contains(r.State), cancellationToken))
            {
                throw RequestValidationException.For(command, "", OpenRequestsMessage);
            }

            var max = program.Matching.MaxMentorRequests;
            var chosen = command.Choices.Select((id, i) => (Id: id, Field: $"Choices[{i}]")).Where(c => c.Id is not null).ToList();
            if (chosen.Count > max)
            {
                throw RequestValidationException.For(command, chosen[max].Field, $"You may ask at most {max} mentors in this program.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var mentors = (await SelfServiceMatching.MentorsForAsync(db, program, enrolment.Id, now, cancellationToken)).ToDictionary(m => m.EnrolmentId);
            var seen = new HashSet<int>();
            foreach (var (id, field) in chosen)
            {
                if (!seen.Add(id!.Value))
                {
                    throw RequestValidationException.For(command, field, TwiceMessage);
                }

                if (!mentors.TryGetValue(id.Value, out var mentor))
                {
                    throw RequestValidationException.For(command, field, UnknownMentorMessage);
                }

                if (mentor.Hidden is not null)
                {
                    var load = await SelfServiceMatching.LoadsAsync(db, program, cancellationToken);
                    throw RequestValidationException.For(command, field, load[mentor.EnrolmentId].Unavailable is { } unavailable && mentor.Hidden == unavailable
                        ? $"{mentor.Name} {unavailable}; choose another mentor."
                        : ForbiddenMentorMessage);
                }
            }

            var requests = chosen.Select((c, i) => new MentorRequest
            {
                ProgramId = program.Id,
                MenteeEnrolmentId = enrolment.Id,
                MentorEnrolmentId = c.Id!.Value,
                ChoiceOrder = i + 1,
                CreatedAtUtc = now,
                State = MentorRequestState.Waiting,
            }).ToList();
            db.MentorRequests.AddRange(requests);

            // Two submissions at once both find no open request; renewing the mentee's enrolment under its version lets
            // only the first save, so a mentee never has two sets of requests in flight.
            var mine = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == enrolment.Id && e.Version == enrolment.Version, cancellationToken)
                ?? throw RequestValidationException.For(command, "", OpenRequestsMessage);
            mine.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", OpenRequestsMessage);
            }

            var first = requests[0];
            first.Send(now, program.Matching.RequestAnswerDays);
            var mentorEnrolment = await db.Enrolments.Include(e => e.User).SingleAsync(e => e.Id == first.MentorEnrolmentId, cancellationToken);
            var menteeEnrolment = await db.Enrolments.Include(e => e.User).SingleAsync(e => e.Id == enrolment.Id, cancellationToken);
            await outbox.QueueAsync(SelfServiceMail.RequestSent(first, mentorEnrolment, menteeEnrolment, program.Name, links.To($"/Participant/Requests/{first.Id}")), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return first.Id;
        }
    }

    /// <summary>The program (not archived) and the caller's enrolment in it; someone not enrolled there gets not found.</summary>
    public static async Task<(MentoringProgram Program, Enrolment Enrolment)> LoadAsync(AppDbContext db, string userId, int programId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId && p.ArchivedAtUtc == null, cancellationToken)
            ?? throw new NotFoundException();
        var enrolment = await db.Enrolments.AsNoTracking().SingleOrDefaultAsync(e => e.ProgramId == programId && e.UserId == userId, cancellationToken)
            ?? throw new NotFoundException();
        return (program, enrolment);
    }
}

/// <summary>The mentee takes back their open requests, while none has been accepted, to choose again.</summary>
public static class WithdrawMentorRequests
{
    public const string NothingOpenMessage = "You have no open request to withdraw.";

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var (_, enrolment) = await RequestMentors.LoadAsync(db, current.RequireId(), command.ProgramId, cancellationToken);
            if (await db.MentorRequests.AnyAsync(r => r.MenteeEnrolmentId == enrolment.Id && r.State == MentorRequestState.Accepted, cancellationToken)
                && await SelfServiceMatching.IsPairedAsync(db, enrolment.Id, cancellationToken))
            {
                throw RequestValidationException.For(command, "", SelfServiceMatching.PairedMessage);
            }

            var open = await db.MentorRequests
                .Where(r => r.MenteeEnrolmentId == enrolment.Id && MentorRequest.OpenStates.Contains(r.State))
                .ToListAsync(cancellationToken);
            if (open.Count == 0)
            {
                throw RequestValidationException.For(command, "", NothingOpenMessage);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var request in open)
            {
                request.Withdraw(now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", "A mentor answered one of your requests just now; reload the page to see it.");
            }

            return open.Count;
        }
    }
}
