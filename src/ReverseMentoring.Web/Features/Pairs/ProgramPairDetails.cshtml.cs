using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Pairs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ProgramPairDetailsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromRoute]
    public int PairId { get; set; }

    public ProgramPairDetails.Result Data { get; private set; } = null!;

    public LearningRecord.Result? Learning { get; private set; }

    [BindProperty]
    public ResolveConcern.Command Resolve { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new ProgramPairDetails.Query(ProgramId, PairId), cancellationToken);
        Learning = await mediator.Send(new LearningRecord.Query(ProgramId, PairId), cancellationToken);
    }

    public async Task<IActionResult> OnPostResolveAsync(CancellationToken cancellationToken)
    {
        Resolve.ProgramId = ProgramId;
        Resolve.PairId = PairId;
        await mediator.Send(Resolve, cancellationToken);
        Message = "The concern is marked resolved.";
        return RedirectToPage(new { programId = ProgramId, pairId = PairId });
    }

    public async Task<IActionResult> OnPostHandleReportAsync(int reportId, CancellationToken cancellationToken)
    {
        await mediator.Send(new HandleMessageReport.Command(ProgramId, PairId, reportId), cancellationToken);
        Message = "The reported message is off your to-do list.";
        return RedirectToPage(new { programId = ProgramId, pairId = PairId });
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Data ??= await mediator.Send(new ProgramPairDetails.Query(ProgramId, PairId), cancellationToken);
}

/// <summary>
/// One pair's sessions as HR sees them: status, time, minutes, topics, feedback, and notes only where the pair shared
/// them. Private notes and follow-ups are left out in the query itself, so they never leave the database. An accepted
/// pair's health flags are shown with their reasons, as on the pairs list and the program report.
/// </summary>
public static class ProgramPairDetails
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int PairId) : IQuery<Result>;

    public sealed record FeedbackRow(ParticipantRole Role, int Rating, string Comment);

    public sealed class SessionRow
    {
        public int Id { get; init; }

        public DateTime StartsAtUtc { get; init; }

        public DateTime EndsAtUtc { get; init; }

        public SessionStatus Status { get; init; }

        public int DurationMinutes { get; init; }

        public int? HeldMinutes { get; init; }

        public string? CancelReason { get; init; }

        public bool NotesShared { get; init; }

        public string? SharedNotes { get; init; }

        public string? SharedFollowUps { get; init; }

        public List<string> TopicsCovered { get; init; } = [];

        public List<FeedbackRow> Feedback { get; init; } = [];
    }

    public sealed record Result(
        int ProgramId,
        string ProgramName,
        int PairId,
        string MentorName,
        string MenteeName,
        PairStatus Status,
        DateTime? AcceptedAtUtc,
        string ViewerTimeZoneId,
        IReadOnlyList<SessionRow> Sessions,
        IReadOnlyList<PairHealthFlag> Flags,
        Agreements.PairAgreements.State Agreement)
    {
        /// <summary>Both sides' answers to the program's named check-in questions, oldest first.</summary>
        public IReadOnlyList<CheckIns.ReadCheckInAnswers.Row> CheckInAnswers { get; init; } = [];

        /// <summary>Concerns either side raised with HR, open ones first.</summary>
        public IReadOnlyList<ConcernsForHr.ConcernRow> Concerns { get; init; } = [];

        /// <summary>The messages a side reported, each alone: HR reads no other message.</summary>
        public IReadOnlyList<ConcernsForHr.ReportRow> ReportedMessages { get; init; } = [];
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var pair = await db.Pairs.AsNoTracking()
                .Where(p => p.Id == query.PairId && p.ProgramId == query.ProgramId)
                .Select(p => new
                {
                    p.Id,
                    p.ProgramId,
                    ProgramName = db.Programs.Where(x => x.Id == p.ProgramId).Select(x => x.Name).First(),
                    MentorName = p.MentorEnrolment!.User!.DisplayName,
                    MenteeName = p.MenteeEnrolment!.User!.DisplayName,
                    p.Status,
                    p.AcceptedAtUtc,
                })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var me = current.RequireId();
            var zone = await db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";

            var sessions = await db.Sessions.AsNoTracking()
                .Where(s => s.PairId == pair.Id)
                .OrderByDescending(s => s.StartsAtUtc).ThenByDescending(s => s.Id)
                .Select(s => new SessionRow
                {
                    Id = s.Id,
                    StartsAtUtc = s.StartsAtUtc,
                    EndsAtUtc = s.EndsAtUtc,
                    Status = s.Status,
                    DurationMinutes = s.DurationMinutes,
                    HeldMinutes = s.HeldMinutes,
                    CancelReason = s.CancelReason,
                    NotesShared = s.NotesSharedWithHr,
                    SharedNotes = s.NotesSharedWithHr ? s.Notes : null,
                    SharedFollowUps = s.NotesSharedWithHr ? s.FollowUps : null,
                    TopicsCovered = s.Topics.Where(t => t.Kind == SessionTopicKind.Covered)
                        .OrderBy(t => t.ProgramTopic!.SortOrder).Select(t => t.ProgramTopic!.Title).ToList(),
                    Feedback = db.SessionFeedback.Where(f => f.SessionId == s.Id)
                        .OrderBy(f => f.Role).Select(f => new FeedbackRow(f.Role, f.Rating, f.Comment)).ToList(),
                })
                .ToListAsync(cancellationToken);

            // Only an accepted pair has facts (and so flags); the rule is the one every other page applies.
            var facts = await db.Pairs.AsNoTracking().Where(p => p.Id == pair.Id)
                .HealthFacts(db, clock.GetUtcNow().UtcDateTime).SingleOrDefaultAsync(cancellationToken);
            var flags = facts is null ? [] : PairHealth.Of(facts).Flags;
            // Only whether the pair signed its agreement, and when: its text is the pair's confidence.
            var agreement = await Agreements.PairAgreements.StateAsync(db, pair.Id, cancellationToken);
            return new Result(pair.ProgramId, pair.ProgramName, pair.Id, pair.MentorName, pair.MenteeName, pair.Status, pair.AcceptedAtUtc, zone, sessions, flags, agreement)
            {
                CheckInAnswers = await CheckIns.ReadCheckInAnswers.ForPairAsync(db, pair.ProgramId, pair.Id, zone, cancellationToken),
                Concerns = await ConcernsForHr.ConcernsAsync(db, pair.Id, cancellationToken),
                ReportedMessages = await ConcernsForHr.ReportsAsync(db, pair.Id, cancellationToken),
            };
        }
    }
}
