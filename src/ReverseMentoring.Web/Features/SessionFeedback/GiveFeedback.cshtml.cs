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
using ReverseMentoring.Web.Features.Groups;
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

    public const string NotAttendedMessage = "Feedback on a group session comes from those who came; your mentor logged that you did not. If that is wrong, ask them to correct the log.";

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
        SessionStatus Status, ParticipantRole Side, string PartnerName, string TimeZoneId, string? Refusal = null);

    /// <summary>Whether the person gave their feedback on the session: once per side, and in a group once per member pair.</summary>
    private static Task<bool> GivenAsync(AppDbContext db, Mine session, CancellationToken cancellationToken) =>
        db.SessionFeedback.AnyAsync(f => f.SessionId == session.Id && f.Role == session.Side
            && (session.Side == ParticipantRole.Mentor || f.PairId == session.PairId), cancellationToken);

    /// <summary>
    /// A group session as its mentor or a member sees it. A member rates under their own pair, and only when logged as
    /// present; the mentor rates once, filed under the group's first member pair because feedback is keyed by pair.
    /// </summary>
    private static async Task<Mine?> GroupMineAsync(AppDbContext db, int sessionId, string me, CancellationToken cancellationToken)
    {
        if (await GroupRules.SessionAsync(db, sessionId, me, track: false, cancellationToken) is not { } found)
        {
            return null;
        }

        var (session, sides) = found;

        if (sides.IAmMentor)
        {
            var pairId = sides.Group.Members.Min(m => m.PairId);
            return new Mine(session.Id, session.ProgramId, pairId, sides.Program.Name, session.StartsAtUtc, session.EndsAtUtc, session.Status,
                ParticipantRole.Mentor, sides.Group.Name, sides.Me.ZoneId);
        }

        var myPairId = sides.Me.PairId!.Value;
        var came = session.Attendance.Any(a => a.PairId == myPairId && a.Attended);
        return new Mine(session.Id, session.ProgramId, myPairId, sides.Program.Name, session.StartsAtUtc, session.EndsAtUtc, session.Status,
            ParticipantRole.Mentee, sides.Group.Name, sides.Me.ZoneId,
            session.Status == SessionStatus.Held && !came ? NotAttendedMessage : null);
    }

    /// <summary>The session as one side of its pair, or the mentor or a member of its group, sees it; 404 for anyone else.</summary>
    private static async Task<Mine> MineAsync(AppDbContext db, int sessionId, string me, CancellationToken cancellationToken)
    {
        if (await db.Sessions.AnyAsync(s => s.Id == sessionId && s.GroupId != null, cancellationToken))
        {
            return await GroupMineAsync(db, sessionId, me, cancellationToken) ?? throw new NotFoundException();
        }

        var session = await db.Sessions.AsNoTracking().OfParticipant(db, me)
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
            var given = await GivenAsync(db, session, cancellationToken);
            var refusal = given ? AlreadyGivenMessage : session.Status != SessionStatus.Held ? NotHeldMessage : session.Refusal;
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

            if (session.Refusal is { } refusal)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            if (await GivenAsync(db, session, cancellationToken))
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
                if (await GivenAsync(db, session, cancellationToken))
                {
                    throw RequestValidationException.For(command, "", AlreadyGivenMessage);
                }

                throw;
            }

            return feedback.Id;
        }
    }
}
