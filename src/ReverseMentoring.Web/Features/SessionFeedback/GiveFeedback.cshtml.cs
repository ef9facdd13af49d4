using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.SessionFeedback;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class GiveFeedbackModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int SessionId { get; set; }

    [BindProperty]
    public GiveFeedback.Command Data { get; set; } = new();

    public GiveFeedback.Result Session { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Session = await mediator.Send(new GiveFeedback.Query(SessionId), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.SessionId = SessionId;
        await mediator.Send(Data, cancellationToken);
        Message = "Thank you: your feedback is saved.";
        return LocalRedirect("/Participant/Feedback");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Session ??= await mediator.Send(new GiveFeedback.Query(SessionId), cancellationToken);
}

/// <summary>
/// Each side rates a held session once, 1 to 5, with an optional comment. Only its author and HR read it; the other
/// side never sees the comment.
/// </summary>
public static class GiveFeedback
{
    public const string AlreadyGivenMessage = "You gave feedback on this session already; it cannot be given twice.";

    public const string NotHeldMessage = "Feedback is given on a held session. Log the session first, then rate it.";

    public static IReadOnlyList<(int Rating, string Label)> Ratings { get; } =
        [(1, "1 – Poor"), (2, "2 – Fair"), (3, "3 – Good"), (4, "4 – Very good"), (5, "5 – Excellent")];

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int SessionId) : IQuery<Result>;

    /// <param name="Refusal">Why no feedback can be given on the session now, or null when it can.</param>
    public sealed record Result(int SessionId, int ProgramId, string ProgramName, string PartnerName, string When, string? Refusal);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int SessionId { get; set; }

        public int? Rating { get; set; }

        public string? Comment { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rating)
                .NotNull().WithMessage("Choose a rating from 1 (poor) to 5 (excellent).")
                .InclusiveBetween(Domain.Feedback.MinRating, Domain.Feedback.MaxRating).WithMessage("Choose a rating from 1 (poor) to 5 (excellent).");
            RuleFor(c => c.Comment)
                .MaximumLength(Domain.Feedback.CommentMaxLength)
                .WithMessage($"A comment has at most {Domain.Feedback.CommentMaxLength:N0} characters; shorten it.");
        }
    }

    private sealed record Mine(int Id, int ProgramId, int PairId, string ProgramName, DateTime StartsAtUtc, DateTime EndsAtUtc,
        SessionStatus Status, ParticipantRole Side, string PartnerName, string TimeZoneId);

    /// <summary>The session as one side of its pair sees it; 404 for anyone else.</summary>
    private static async Task<Mine> MineAsync(AppDbContext db, int sessionId, string me, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().OfParticipant(me)
            .Where(s => s.Id == sessionId)
            .Select(s => new
            {
                s.Id,
                s.ProgramId,
                PairId = s.PairId!.Value,
                ProgramName = db.Programs.Where(p => p.Id == s.ProgramId).Select(p => p.Name).First(),
                s.StartsAtUtc,
                s.EndsAtUtc,
                s.Status,
                MentorUserId = s.Pair!.MentorEnrolment!.UserId,
                MentorName = s.Pair.MentorEnrolment.User!.DisplayName,
                MentorZone = s.Pair.MentorEnrolment.User.TimeZoneId,
                MenteeName = s.Pair.MenteeEnrolment!.User!.DisplayName,
                MenteeZone = s.Pair.MenteeEnrolment.User.TimeZoneId,
            })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
        var mentor = session.MentorUserId == me;
        return new Mine(session.Id, session.ProgramId, session.PairId, session.ProgramName, session.StartsAtUtc, session.EndsAtUtc, session.Status,
            mentor ? ParticipantRole.Mentor : ParticipantRole.Mentee,
            mentor ? session.MenteeName : session.MentorName,
            mentor ? session.MentorZone : session.MenteeZone);
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var session = await MineAsync(db, query.SessionId, current.RequireId(), cancellationToken);
            var given = await db.SessionFeedback.AnyAsync(f => f.SessionId == session.Id && f.Role == session.Side, cancellationToken);
            var refusal = given ? AlreadyGivenMessage : session.Status != SessionStatus.Held ? NotHeldMessage : null;
            return new Result(session.Id, session.ProgramId, session.ProgramName, session.PartnerName,
                SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, session.TimeZoneId), refusal);
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var session = await MineAsync(db, command.SessionId, me, cancellationToken);
            if (session.Status != SessionStatus.Held)
            {
                throw RequestValidationException.For(command, "", NotHeldMessage);
            }

            if (await db.SessionFeedback.AnyAsync(f => f.SessionId == session.Id && f.Role == session.Side, cancellationToken))
            {
                throw RequestValidationException.For(command, "", AlreadyGivenMessage);
            }

            var feedback = new Domain.Feedback
            {
                ProgramId = session.ProgramId,
                PairId = session.PairId,
                SessionId = session.Id,
                ByUserId = me,
                Role = session.Side,
                Rating = command.Rating!.Value,
                Comment = command.Comment?.Trim() ?? "",
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.SessionFeedback.Add(feedback);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The unique session-and-side key: a second tab, or a double click, got there first.
                db.Entry(feedback).State = EntityState.Detached;
                if (await db.SessionFeedback.AnyAsync(f => f.SessionId == session.Id && f.Role == session.Side, cancellationToken))
                {
                    throw RequestValidationException.For(command, "", AlreadyGivenMessage);
                }

                throw;
            }

            return feedback.Id;
        }
    }
}
