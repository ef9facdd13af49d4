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
public sealed class MentorPlacesModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public MentorPlaces.Command Data { get; set; } = new();

    public MentorPlaces.Result Current { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await mediator.Send(new MentorPlaces.Query(ProgramId), cancellationToken);
        Data = new MentorPlaces.Command { ProgramId = ProgramId, Paused = Current.Paused, OwnCapacity = Current.OwnCapacity, Version = Current.Version };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        await mediator.Send(Data, cancellationToken);
        Message = Data.Paused ? "You are paused: mentees do not see you, and requests go to their next choice." : "Saved: mentees can ask you while you have places.";
        return LocalRedirect($"/Participant/Programs/{ProgramId}/Places");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Current = await mediator.Send(new MentorPlaces.Query(ProgramId), cancellationToken);
        ModelState.Remove($"{nameof(Data)}.{nameof(Data.Version)}");
        Data.Version = Current.Version;
    }
}

/// <summary>
/// A mentor of a self-service program pauses (mentees stop seeing them and requests with them pass on) or resumes, and
/// sets how many mentees they take, up to the program's capacity.
/// </summary>
public static class MentorPlaces
{
    public const string NotMentorMessage = "Only approved mentors of a program whose mentees choose their mentor set their places here.";
    public const string ConflictMessage = "Your settings changed in the meantime; reload the page and try again.";

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Result(int ProgramId, string ProgramName, string? Refusal, bool Paused, int? OwnCapacity, int ProgramCapacity, int LivePairs, int OpenRequests, Guid Version);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }

        public bool Paused { get; set; }

        /// <summary>Empty takes the program's capacity.</summary>
        public int? OwnCapacity { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OwnCapacity).InclusiveBetween(1, 50).When(c => c.OwnCapacity is not null)
                .WithMessage("Take at least 1 mentee, and no more than the program allows.");
        }
    }

    private static string? Refusal(MentoringProgram program, Enrolment enrolment) =>
        program.Matching.Mode != MatchingMode.SelfService || enrolment.Role != ParticipantRole.Mentor || enrolment.Status != EnrolmentStatus.Approved
            ? NotMentorMessage
            : null;

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (program, enrolment) = await RequestMentors.LoadAsync(db, current.RequireId(), query.ProgramId, cancellationToken);
            var loads = await SelfServiceMatching.LoadsAsync(db, program, cancellationToken);
            var load = loads.GetValueOrDefault(enrolment.Id);
            return new Result(
                program.Id, program.Name, Refusal(program, enrolment), enrolment.IsPaused, enrolment.OwnCapacity, program.MentorCapacity,
                load?.LivePairs ?? 0, load?.OpenRequests ?? 0, enrolment.Version);
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ProgramId && p.ArchivedAtUtc == null, cancellationToken)
                ?? throw new NotFoundException();
            var mentor = await db.Enrolments.SingleOrDefaultAsync(e => e.ProgramId == program.Id && e.UserId == userId, cancellationToken)
                ?? throw new NotFoundException();
            if (Refusal(program, mentor) is { } refusal)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            if (command.OwnCapacity > program.MentorCapacity)
            {
                throw RequestValidationException.For(command, nameof(Command.OwnCapacity), $"The program allows at most {program.MentorCapacity} mentees for each mentor.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            mentor.SetRequestsTaken(command.Paused, command.OwnCapacity, program, now);
            db.Entry(mentor).Property(e => e.Version).OriginalValue = command.Version;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", ConflictMessage);
            }

            // A paused or now full mentor holds nobody up: requests with them go to each mentee's next choice.
            var live = await db.Pairs.CountAsync(p => p.MentorEnrolmentId == mentor.Id && Pair.LiveStatuses.Contains(p.Status), cancellationToken);
            if (mentor.IsPaused || live >= mentor.CapacityIn(program))
            {
                var sent = await db.MentorRequests
                    .Where(r => r.MentorEnrolmentId == mentor.Id && r.State == MentorRequestState.Sent)
                    .ToListAsync(cancellationToken);
                foreach (var request in sent)
                {
                    request.PassOver(now);
                    await db.SaveChangesAsync(cancellationToken);
                    await SelfServiceMatching.PassOnAsync(db, outbox, links, program, request, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            return mentor.Id;
        }
    }
}
