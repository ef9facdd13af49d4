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
public sealed class LogSessionModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public LogSession.Command Data { get; set; } = new();

    public LogSession.Result Session { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Session = await mediator.Send(new LogSession.Query(Id), cancellationToken);
        Data = Session.Form;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.SessionId = Id;
        var result = await mediator.Send(Data, cancellationToken);
        Message = result.WasHeld ? "Your changes to the session's log are saved." : "The session is logged as held.";
        TempData["ReflectOnSession"] = Id;
        return LocalRedirect(result.FeedbackGiven ? "/Participant/Feedback" : $"/Participant/Feedback/Give/{Id}");
    }

    // The form comes back with what the person typed; the session around it is read again.
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Session ??= await mediator.Send(new LogSession.Query(Id), cancellationToken);
}

/// <summary>
/// Either side of a pair records that a session took place: how long, which topics, notes and follow-ups. A held
/// session's log can be corrected later by either side. Notes are the pair's own unless they share them with HR.
/// </summary>
public static class LogSession
{
    public const string ConflictMessage =
        "Someone else changed this session's log while you were editing. Reload to see their changes; yours were not saved.";

    public const string CancelledMessage = Session.CancelledLogMessage;

    public const string NotYetMessage = Session.NotYetLogMessage;

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int SessionId) : IQuery<Result>;

    public sealed record Topic(int Id, string Title);

    /// <summary>One of the pair's goals as the log offers it: whose, and whether the person may move its status.</summary>
    public sealed record Goal(int Id, string Title, string Owner, bool IsMine, GoalStatus Status);

    /// <summary>A goal ticked in the log: it moved forward in this session, with a word on how, and perhaps a new status.</summary>
    public sealed class GoalTick
    {
        public int GoalId { get; set; }

        public bool Moved { get; set; }

        public string? Note { get; set; }

        /// <summary>The owner's new status for their own goal; null leaves it as it is.</summary>
        public GoalStatus? Status { get; set; }
    }

    /// <param name="Refusal">Why the session cannot be logged now, or null when it can.</param>
    public sealed record Result(
        int SessionId,
        int ProgramId,
        string ProgramName,
        string PartnerName,
        string When,
        SessionStatus Status,
        IReadOnlyList<Topic> Topics,
        IReadOnlyList<Goal> Goals,
        Command Form,
        string? Refusal);

    public sealed record Saved(bool WasHeld, bool FeedbackGiven);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<Saved>
    {
        public int SessionId { get; set; }

        public int? HeldMinutes { get; set; }

        public List<int> CoveredTopicIds { get; set; } = [];

        public string? Notes { get; set; }

        public bool NotesSharedWithHr { get; set; }

        public string? FollowUps { get; set; }

        /// <summary>The pair's goals as the form showed them, each ticked or not.</summary>
        public List<GoalTick> Goals { get; set; } = [];

        public Guid Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.HeldMinutes)
                .NotNull().WithMessage("Enter how many minutes the session lasted.")
                .InclusiveBetween(1, Session.MaxMinutes).WithMessage($"Minutes must be between 1 and {Session.MaxMinutes}.");
            RuleFor(c => c.Notes)
                .MaximumLength(Session.NotesMaxLength).WithMessage($"Notes have at most {Session.NotesMaxLength:N0} characters; shorten them.");
            RuleFor(c => c.FollowUps)
                .MaximumLength(Session.FollowUpsMaxLength).WithMessage($"Follow-ups have at most {Session.FollowUpsMaxLength:N0} characters; shorten them.");
            RuleForEach(c => c.Goals).ChildRules(goal =>
            {
                goal.RuleFor(g => g.Note).MaximumLength(GoalProgress.NoteMaxLength)
                    .WithMessage($"A note on a goal has at most {GoalProgress.NoteMaxLength} characters; shorten it.");
                goal.RuleFor(g => g.Status).IsInEnum().WithMessage("Choose one of the statuses.");
            });
        }
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var session = await db.Sessions.AsNoTracking().OfParticipant(db, me)
                .Where(s => s.Id == query.SessionId)
                .Select(s => new
                {
                    s.Id,
                    s.ProgramId,
                    s.PairId,
                    ProgramName = db.Programs.Where(p => p.Id == s.ProgramId).Select(p => p.Name).First(),
                    s.StartsAtUtc,
                    s.EndsAtUtc,
                    s.DurationMinutes,
                    s.Status,
                    s.HeldMinutes,
                    s.Notes,
                    s.NotesSharedWithHr,
                    s.FollowUps,
                    s.Version,
                    MentorUserId = s.Pair!.MentorEnrolment!.UserId,
                    MentorName = s.Pair.MentorEnrolment.User!.DisplayName,
                    MentorZone = s.Pair.MentorEnrolment.User.TimeZoneId,
                    MenteeName = s.Pair.MenteeEnrolment!.User!.DisplayName,
                    MenteeZone = s.Pair.MenteeEnrolment.User.TimeZoneId,
                    Topics = s.Topics.Select(t => new { t.ProgramTopicId, t.Kind }).ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();

            var iAmMentor = session.MentorUserId == me;
            var topics = await db.ProgramTopics.AsNoTracking()
                .Where(t => t.ProgramId == session.ProgramId)
                .OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
                .Select(t => new Topic(t.Id, t.Title))
                .ToListAsync(cancellationToken);

            var goals = await db.PairGoals.AsNoTracking()
                .Where(g => g.PairId == session.PairId)
                .OrderBy(g => g.CreatedAtUtc).ThenBy(g => g.Id)
                .Select(g => new { g.Id, g.Title, g.OwnerUserId, g.OwnerSide, g.Status })
                .ToListAsync(cancellationToken);
            var progress = await db.ProgressOnGoals.AsNoTracking()
                .Where(p => p.SessionId == session.Id)
                .ToDictionaryAsync(p => p.GoalId, p => p.Note, cancellationToken);

            // A first log starts from the agenda; a held session shows what was covered.
            var covered = session.Status == SessionStatus.Held
                ? session.Topics.Where(t => t.Kind == SessionTopicKind.Covered)
                : session.Topics.Where(t => t.Kind == SessionTopicKind.Agenda);
            var form = new Command
            {
                SessionId = session.Id,
                HeldMinutes = session.HeldMinutes ?? session.DurationMinutes,
                CoveredTopicIds = covered.Select(t => t.ProgramTopicId).ToList(),
                Notes = session.Notes,
                NotesSharedWithHr = session.NotesSharedWithHr,
                FollowUps = session.FollowUps,
                Goals = goals.Select(g => new GoalTick { GoalId = g.Id, Moved = progress.ContainsKey(g.Id), Note = progress.GetValueOrDefault(g.Id) }).ToList(),
                Version = session.Version,
            };
            return new Result(
                session.Id,
                session.ProgramId,
                session.ProgramName,
                iAmMentor ? session.MenteeName : session.MentorName,
                SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, iAmMentor ? session.MentorZone : session.MenteeZone),
                session.Status,
                topics,
                goals.Select(g => new Goal(
                    g.Id, g.Title, g.OwnerSide == ParticipantRole.Mentor ? session.MentorName : session.MenteeName, g.OwnerUserId == me, g.Status)).ToList(),
                form,
                Session.LogRefusal(session.Status, session.StartsAtUtc, clock.GetUtcNow().UtcDateTime));
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, Saved>
    {
        public async ValueTask<Saved> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var session = await db.Sessions.OfParticipant(db, me)
                .Include(s => s.Topics)
                .Include(s => s.Pair!).ThenInclude(p => p.MentorEnrolment)
                .Include(s => s.Pair!).ThenInclude(p => p.MenteeEnrolment)
                .SingleOrDefaultAsync(s => s.Id == command.SessionId, cancellationToken)
                ?? throw new NotFoundException();
            var mySide = session.Pair!.SideOf(me);
            var now = clock.GetUtcNow().UtcDateTime;
            if (Session.LogRefusal(session.Status, session.StartsAtUtc, now) is { } refusal)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            var chosen = command.CoveredTopicIds.Distinct().ToList();
            var known = await db.ProgramTopics
                .Where(t => t.ProgramId == session.ProgramId && chosen.Contains(t.Id))
                .Select(t => t.Id)
                .ToListAsync(cancellationToken);
            if (known.Count != chosen.Count)
            {
                throw RequestValidationException.For(command, nameof(Command.CoveredTopicIds), "Choose topics from the program's list.");
            }

            var wasHeld = session.Status == SessionStatus.Held;

            // Being marked missed changes nothing anyone typed, and a missed session can only be logged: a form opened
            // before the reminders job marked it still saves.
            if (session.Status != SessionStatus.Missed)
            {
                db.Entry(session).Property(s => s.Version).OriginalValue = command.Version;
            }

            session.Log(me, command.HeldMinutes!.Value, known, command.Notes, command.NotesSharedWithHr, command.FollowUps, now);
            await RecordGoalProgressAsync(command, session, me, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", ConflictMessage);
            }

            var feedbackGiven = await db.SessionFeedback.AnyAsync(f => f.SessionId == session.Id && f.Role == mySide, cancellationToken);
            return new Saved(wasHeld, feedbackGiven);
        }

        /// <summary>
        /// The goals ticked as moved forward get a progress record for this session (untick one and it goes); an owner may
        /// move their own goal's status. Goals of another pair are refused, and all of it is saved with the log or not at all.
        /// </summary>
        private async Task RecordGoalProgressAsync(Command command, Session session, string me, DateTime now, CancellationToken cancellationToken)
        {
            if (command.Goals.Count == 0)
            {
                return;
            }

            var ids = command.Goals.Select(g => g.GoalId).Distinct().ToList();
            var goals = await db.PairGoals.Where(g => g.PairId == session.PairId && ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
            if (goals.Count != ids.Count || ids.Count != command.Goals.Count)
            {
                throw RequestValidationException.For(command, nameof(Command.Goals), "Tick your own pair's goals, each once.");
            }

            var recorded = await db.ProgressOnGoals.Where(p => p.SessionId == session.Id && ids.Contains(p.GoalId)).ToDictionaryAsync(p => p.GoalId, cancellationToken);
            foreach (var tick in command.Goals)
            {
                var goal = goals[tick.GoalId];
                if (tick.Status is { } status && status != goal.Status)
                {
                    goal.MoveTo(me, status, now);
                }

                if (!tick.Moved)
                {
                    if (recorded.TryGetValue(goal.Id, out var unticked))
                    {
                        db.ProgressOnGoals.Remove(unticked);
                    }

                    continue;
                }

                var progress = goal.ProgressIn(session, me, tick.Note, now);
                if (recorded.TryGetValue(goal.Id, out var existing))
                {
                    existing.Note = progress.Note;
                    existing.ByUserId = progress.ByUserId;
                    existing.RecordedAtUtc = progress.RecordedAtUtc;
                }
                else
                {
                    db.ProgressOnGoals.Add(progress);
                }
            }
        }
    }
}
