using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Account;


namespace ReverseMentoring.Web.Features.Privacy;

[Authorize]
public sealed class DownloadMyDataModel(IMediator mediator) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var download = await mediator.Send(new DownloadMyData.Query(), cancellationToken);
        return File(download.Json, "application/json", download.FileName);
    }
}

/// <summary>
/// Everything the app holds on the signed-in person, as one JSON file: their account, enrolments, pairs and the
/// pairs' sessions, feedback, check-ins, skill ratings, invitations, e-mails sent to them and their own changes in
/// the audit log. Other people appear only by display name, as the other side of a pair.
/// <para>
/// The file holds only what the person wrote or what the app shows them, field by field: a pair's decline reason only
/// to the side that gave it (the form tells them only HR reads it), HR's reason for turning an enrolment down only
/// while it is the reason shown on the program page (a rejected enrolment), the other side's answer as the program page
/// shows it, the end reason (the end form says both sides see it), the pair's session notes and follow-ups (both
/// sides write and read them), their own feedback, check-in answers and skill ratings but never the other side's.
/// Who decided, scored or flagged a record, and HR's notes, stay out.
/// </para>
/// </summary>
public static class DownloadMyData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    [AnySignedInUser]
    public sealed record Query : IQuery<Download>;

    public sealed record Download(string FileName, byte[] Json);

    public sealed record Export(
        DateTime ExportedAtUtc,
        AccountData Account,
        IReadOnlyList<EnrolmentData> Enrolments,
        IReadOnlyList<PairData> Pairs,
        IReadOnlyList<FeedbackData> FeedbackGiven,
        IReadOnlyList<CheckInData> CheckIns,
        IReadOnlyList<SkillRatingData> SkillRatings,
        IReadOnlyList<InvitationData> Invitations,
        IReadOnlyList<EmailData> EmailsSent,
        IReadOnlyList<AuditData> ChangesYouMade,
        IReadOnlyList<GoalData> Goals,
        IReadOnlyList<JournalData> Journal)
    {
        /// <summary>The messages the person wrote in their pairs (their partner's stay the partner's).</summary>
        public IReadOnlyList<MessageData> MessagesWritten { get; init; } = [];

        /// <summary>The concerns the person raised with HR, without HR's notes.</summary>
        public IReadOnlyList<ConcernData> ConcernsRaised { get; init; } = [];

        /// <summary>The groups the person led or met in, with their sessions and the messages the person wrote there.</summary>
        public IReadOnlyList<GroupData> Groups { get; init; } = [];
    }

    public sealed record GroupData(
        int Id, int ProgramId, string Name, ParticipantRole YourRole, DateTime CreatedAtUtc, DateTime? EndedAtUtc,
        IReadOnlyList<GroupSessionData> Sessions, IReadOnlyList<GroupMessageData> MessagesWritten);

    /// <summary><see cref="YouCame"/> is what the mentor logged for the person; null for the mentor, or before the log.</summary>
    public sealed record GroupSessionData(
        int Id, DateTime StartsAtUtc, int DurationMinutes, SessionFormats Format, string Location, SessionStatus Status,
        string? CancelReason, int? HeldMinutes, string? Notes, bool NotesSharedWithHr, bool? YouCame);

    public sealed record GroupMessageData(string Text, DateTime SentAtUtc);

    public sealed record MessageData(int PairId, int? ReplyToId, string Text, string? FileName, DateTime SentAtUtc);

    public sealed record ConcernData(int PairId, ConcernCategory Category, string Text, bool MayActOpenly, DateTime RaisedAtUtc, DateTime? ResolvedAtUtc);

    public sealed record AccountData(
        string Id, string DisplayName, string? Email, string? UserName, string? PhoneNumber, string TimeZoneId,
        DateTime CreatedAtUtc, bool EmailConfirmed, DateTime? ErasedAtUtc, IReadOnlyList<string> Roles);

    public sealed record EnrolmentData(
        int Id, int ProgramId, string Program, ParticipantRole Role, EnrolmentStatus Status, string Department, string JobLevel,
        string? ManagerEmail, string Location, string TimeZoneId, SessionFormats Formats, string Interests, string Goals,
        DateTime? ConsentedAtUtc, string? DecisionReason, DateTime? DecidedAtUtc, DateTime CreatedAtUtc, DateTime? UpdatedAtUtc,
        IReadOnlyList<SkillData> Skills, IReadOnlyList<AvailabilityData> Availability, IReadOnlyList<HistoryData> History);

    public sealed record SkillData(string Skill, SkillDirection Direction, int Level);

    public sealed record AvailabilityData(DayOfWeek Day, TimeOnly Starts, TimeOnly Ends);

    public sealed record HistoryData(DateTime AtUtc, string Event, string Detail);

    /// <summary><see cref="DeclineReason"/> is the reason this person gave for declining; the other side's is for HR only.</summary>
    public sealed record PairData(
        int Id, int ProgramId, ParticipantRole YourRole, string OtherSide, PairStatus Status, PairResponse YourResponse,
        PairResponse OtherSidesResponse, DateTime ProposedAtUtc, DateTime? AcceptedAtUtc, DateTime? EndedAtUtc, PairEnding? Ending,
        string? EndReason, string? DeclineReason, string Reasons, IReadOnlyList<SessionData> Sessions);

    public sealed record SessionData(
        int Id, DateTime StartsAtUtc, int DurationMinutes, SessionFormats Format, string Location, SessionStatus Status,
        string? CancelReason, int? HeldMinutes, string? Notes, bool NotesSharedWithHr, string? FollowUps, IReadOnlyList<string> Topics);

    public sealed record FeedbackData(int SessionId, ParticipantRole Role, int Rating, string Comment, DateTime CreatedAtUtc);

    public sealed record CheckInData(
        int Id, int PairId, CheckInKind Kind, int DayNumber, DateTime SentAtUtc, DateTime? AnsweredAtUtc, bool? Met, IReadOnlyList<AnswerData> Answers);

    public sealed record AnswerData(string Question, int? Rating, bool? YesNo, string? Text);

    public sealed record SkillRatingData(int PairId, string Skill, SkillRatingStage Stage, int Level, DateTime RatedAtUtc);

    public sealed record InvitationData(int Id, string Email, string Role, string? Program, DateTime InvitedAtUtc, DateTime ExpiresAtUtc, DateTime? AcceptedAtUtc);

    public sealed record EmailData(string Subject, DateTime CreatedAtUtc, DateTime? SentAtUtc);

    public sealed record GoalData(int Id, int PairId, ParticipantRole Side, string Title, GoalStatus Status, string Notes, DateTime CreatedAtUtc, IReadOnlyList<GoalProgressData> Progress);

    public sealed record GoalProgressData(int SessionId, string Note, DateTime RecordedAtUtc);

    public sealed record JournalData(int Id, int? SessionId, string Learned, string WillTry, string Thoughts, DateTime CreatedAtUtc, DateTime UpdatedAtUtc);

    public sealed record AuditData(DateTime AtUtc, string Action, string Entity, string EntityId, JsonNode? Changes);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Download>
    {
        public async ValueTask<Download> Handle(Query query, CancellationToken cancellationToken)
        {
            var export = await ReadAsync(db, current.RequireId(), clock.GetUtcNow().UtcDateTime, cancellationToken);
            var fileName = $"my-data-{export.ExportedAtUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json";
            return new Download(fileName, JsonSerializer.SerializeToUtf8Bytes(export, Json));
        }
    }

    public static async Task<Export> ReadAsync(AppDbContext db, string userId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new NotFoundException();
        var roles = await db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .OrderBy(n => n).ToListAsync(cancellationToken);
        var account = new AccountData(user.Id, user.DisplayName, user.Email, user.UserName, user.PhoneNumber, user.TimeZoneId,
            user.CreatedAtUtc, user.EmailConfirmed, user.ErasedAtUtc, roles);

        var enrolments = await db.Enrolments.AsNoTracking().AsSplitQuery()
            .Where(e => e.UserId == userId)
            .Include(e => e.Program).Include(e => e.Skills).ThenInclude(s => s.Skill).Include(e => e.Availability).Include(e => e.History)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var enrolmentIds = enrolments.Select(e => e.Id).ToList();
        // HR's reason is shown to the person while their enrolment stands rejected; that is the only time it is theirs to read.
        var enrolmentData = enrolments.Select(e => new EnrolmentData(
                e.Id, e.ProgramId, e.Program?.Name ?? "", e.Role, e.Status, e.Department, e.JobLevel, e.ManagerEmail, e.Location,
                e.TimeZoneId, e.Formats, e.Interests, e.Goals, e.ConsentedAtUtc, e.Status == EnrolmentStatus.Rejected ? e.DecisionReason : null,
                e.DecidedAtUtc, e.CreatedAtUtc, e.UpdatedAtUtc,
                e.Skills.OrderBy(s => s.Id).Select(s => new SkillData(s.Skill?.Name ?? "", s.Direction, s.Level)).ToList(),
                e.Availability.OrderBy(a => a.Day).ThenBy(a => a.Starts).Select(a => new AvailabilityData(a.Day, a.Starts, a.Ends)).ToList(),
                e.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id).Select(h => new HistoryData(h.AtUtc, h.Event, h.Detail)).ToList()))
            .ToList();

        var pairs = await db.Pairs.AsNoTracking().OfParticipant(userId)
            .Select(p => new
            {
                Pair = p,
                MentorName = p.MentorEnrolment!.User!.DisplayName,
                MenteeName = p.MenteeEnrolment!.User!.DisplayName,
            })
            .OrderBy(p => p.Pair.Id)
            .ToListAsync(cancellationToken);
        var pairIds = pairs.Select(p => p.Pair.Id).ToList();
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => pairIds.Contains(s.PairId!.Value))
            .Include(s => s.Topics).ThenInclude(t => t.ProgramTopic)
            .OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var pairData = pairs.Select(p =>
        {
            var asMentor = enrolmentIds.Contains(p.Pair.MentorEnrolmentId);
            var yours = asMentor ? p.Pair.MentorResponse : p.Pair.MenteeResponse;
            return new PairData(
                p.Pair.Id, p.Pair.ProgramId, asMentor ? ParticipantRole.Mentor : ParticipantRole.Mentee, asMentor ? p.MenteeName : p.MentorName,
                p.Pair.Status, yours, asMentor ? p.Pair.MenteeResponse : p.Pair.MentorResponse, p.Pair.ProposedAtUtc, p.Pair.AcceptedAtUtc,
                p.Pair.EndedAtUtc, p.Pair.Ending, p.Pair.EndReason, yours == PairResponse.Declined ? p.Pair.DeclineReason : null, p.Pair.Reasons,
                sessions.Where(s => s.PairId == p.Pair.Id).Select(s => new SessionData(
                    s.Id, s.StartsAtUtc, s.DurationMinutes, s.Format, s.Location, s.Status, s.CancelReason, s.HeldMinutes, s.Notes,
                    s.NotesSharedWithHr, s.FollowUps,
                    s.Topics.OrderBy(t => t.Id).Select(t => $"{t.Kind}: {t.ProgramTopic?.Title}").ToList())).ToList());
        }).ToList();

        var feedback = await db.SessionFeedback.AsNoTracking()
            .Where(f => f.ByUserId == userId)
            .OrderBy(f => f.CreatedAtUtc).ThenBy(f => f.Id)
            .Select(f => new FeedbackData(f.SessionId, f.Role, f.Rating, f.Comment, f.CreatedAtUtc))
            .ToListAsync(cancellationToken);

        var checkIns = (await db.CheckIns.AsNoTracking()
                .Where(c => c.UserId == userId)
                .Include(c => c.Answers).ThenInclude(a => a.Question)
                .OrderBy(c => c.SentAtUtc).ThenBy(c => c.Id)
                .ToListAsync(cancellationToken))
            .Select(c => new CheckInData(c.Id, c.PairId, c.Kind, c.DayNumber, c.SentAtUtc, c.AnsweredAtUtc, c.Met,
                c.Answers.OrderBy(a => a.Id).Select(a => new AnswerData(a.Question?.Text ?? "", a.Rating, a.YesNo, a.Text)).ToList()))
            .ToList();

        var ratings = await db.SkillRatings.AsNoTracking()
            .Where(r => enrolmentIds.Contains(r.EnrolmentId))
            .OrderBy(r => r.RatedAtUtc).ThenBy(r => r.Id)
            .Select(r => new SkillRatingData(r.PairId, r.Skill!.Name, r.Stage, r.Level, r.RatedAtUtc))
            .ToListAsync(cancellationToken);

        // The address as HR typed it, whatever its case.
        var email = LikePattern.Exactly(user.Email ?? "");
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => EF.Functions.Like(i.Email.ToLower(), email, LikePattern.Escape))
            .OrderBy(i => i.InvitedAtUtc).ThenBy(i => i.Id)
            .Select(i => new InvitationData(i.Id, i.Email, i.Role, i.Program != null ? i.Program.Name : null, i.InvitedAtUtc, i.ExpiresAtUtc, i.AcceptedAtUtc))
            .ToListAsync(cancellationToken);

        var emails = await db.OutboxMessages.AsNoTracking()
            .Where(n => n.Recipient == email)
            .OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Id)
            .Select(n => new EmailData(n.Subject, n.CreatedAtUtc, n.SentAtUtc))
            .ToListAsync(cancellationToken);

        var audit = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.UserId == userId)
                .OrderBy(a => a.AtUtc).ThenBy(a => a.Id)
                .ToListAsync(cancellationToken))
            .Select(a => new AuditData(a.AtUtc, a.Action, a.Entity, a.EntityId, ParseChanges(a.Changes)))
            .ToList();

        var goals = (await db.PairGoals.AsNoTracking()
                .Where(g => g.OwnerUserId == userId)
                .OrderBy(g => g.CreatedAtUtc).ThenBy(g => g.Id)
                .ToListAsync(cancellationToken))
            .ToList();
        var goalIds = goals.Select(g => g.Id).ToList();
        var progress = await db.ProgressOnGoals.AsNoTracking()
            .Where(p => goalIds.Contains(p.GoalId) || p.ByUserId == userId)
            .OrderBy(p => p.RecordedAtUtc).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var goalData = goals.Select(g => new GoalData(g.Id, g.PairId, g.OwnerSide, g.Title, g.Status, g.Notes, g.CreatedAtUtc,
                progress.Where(p => p.GoalId == g.Id).Select(p => new GoalProgressData(p.SessionId, p.Note, p.RecordedAtUtc)).ToList()))
            .ToList();

        // The private journal is the person's own, so it is all here.
        var journal = await db.JournalEntries.AsNoTracking()
            .Where(j => j.AuthorUserId == userId)
            .OrderBy(j => j.CreatedAtUtc).ThenBy(j => j.Id)
            .Select(j => new JournalData(j.Id, j.SessionId, j.Learned, j.WillTry, j.Thoughts, j.CreatedAtUtc, j.UpdatedAtUtc))
            .ToListAsync(cancellationToken);

                var messages = await db.PairMessages.AsNoTracking()
            .Where(m => m.AuthorUserId == userId)
            .OrderBy(m => m.SentAtUtc).ThenBy(m => m.Id)
            .Select(m => new MessageData(m.PairId, m.ReplyToId, m.Text, m.AttachmentFileName, m.SentAtUtc))
            .ToListAsync(cancellationToken);
        var concerns = await db.Concerns.AsNoTracking()
            .Where(c => c.RaisedByUserId == userId)
            .OrderBy(c => c.RaisedAtUtc).ThenBy(c => c.Id)
            .Select(c => new ConcernData(c.PairId, c.Category, c.Text, c.MayActOpenly, c.RaisedAtUtc, c.ResolvedAtUtc))
            .ToListAsync(cancellationToken);

        var groups = await db.MentoringGroups.AsNoTracking()
            .Where(g => enrolmentIds.Contains(g.MentorEnrolmentId) || g.Members.Any(m => pairIds.Contains(m.PairId)))
            .OrderBy(g => g.Id)
            .Select(g => new { g.Id, g.ProgramId, g.Name, g.MentorEnrolmentId, g.CreatedAtUtc, g.EndedAtUtc })
            .ToListAsync(cancellationToken);
        var groupIds = groups.Select(g => g.Id).ToList();
        var groupSessions = await db.Sessions.AsNoTracking()
            .Where(s => s.GroupId != null && groupIds.Contains(s.GroupId.Value))
            .Include(s => s.Attendance)
            .OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var groupMessages = await db.GroupMessages.AsNoTracking()
            .Where(m => m.AuthorUserId == userId)
            .OrderBy(m => m.SentAtUtc).ThenBy(m => m.Id)
            .Select(m => new { m.GroupId, m.Text, m.SentAtUtc })
            .ToListAsync(cancellationToken);
        var groupData = groups.Select(g => new GroupData(
                g.Id, g.ProgramId, g.Name, enrolmentIds.Contains(g.MentorEnrolmentId) ? ParticipantRole.Mentor : ParticipantRole.Mentee,
                g.CreatedAtUtc, g.EndedAtUtc,
                groupSessions.Where(s => s.GroupId == g.Id).Select(s => new GroupSessionData(
                    s.Id, s.StartsAtUtc, s.DurationMinutes, s.Format, s.Location, s.Status, s.CancelReason, s.HeldMinutes, s.Notes,
                    s.NotesSharedWithHr, s.Attendance.Where(a => pairIds.Contains(a.PairId)).Select(a => (bool?)a.Attended).FirstOrDefault())).ToList(),
                groupMessages.Where(m => m.GroupId == g.Id).Select(m => new GroupMessageData(m.Text, m.SentAtUtc)).ToList()))
            .ToList();

        return new Export(nowUtc, account, enrolmentData, pairData, feedback, checkIns, ratings, invitations, emails, audit, goalData, journal)
        {
            MessagesWritten = messages,
            ConcernsRaised = concerns,
            Groups = groupData,
        };
    }

    private static JsonNode? ParseChanges(string changes)
    {
        try
        {
            return string.IsNullOrEmpty(changes) ? null : JsonNode.Parse(changes);
        }
        catch (JsonException)
        {
            return JsonValue.Create(changes);
        }
    }
}
