using Microsoft.AspNetCore.Authorization;
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
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.SessionFeedback;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class MyFeedbackModel(IMediator mediator) : PageModel
{
    public MyFeedback.Result Data { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new MyFeedback.Query(page ?? 1), cancellationToken);
}

/// <summary>The held sessions of my pairs still waiting for my feedback, oldest first, and the feedback I gave.</summary>
public static class MyFeedback
{
    public const int PageSize = 20;

    /// <summary>At most this many pending sessions are listed; the count says how many there are in all.</summary>
    public const int PendingShown = 50;

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int Page = 1) : IQuery<Result>;

    public sealed record Pending(int SessionId, string ProgramName, string PartnerName, string When, int DaysWaiting);

    public sealed record Given(int SessionId, string ProgramName, string PartnerName, string When, int Rating, string Comment);

    public sealed record Result(IReadOnlyList<Pending> PendingSessions, int PendingTotal, IReadOnlyList<Given> GivenFeedback, int Page, int PageCount, int GivenTotal);

    /// <summary>
    /// Held sessions of the person's pairs without their feedback, for the list and for the home page's count. The
    /// person's pairs, groups and attended group sessions are read first as id lists (a few index lookups): a session
    /// query over subqueries joined by OR makes PostgreSQL scan every held session, and SQLite every pair.
    /// </summary>
    public static async Task<IQueryable<Session>> PendingForAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        await PendingForAsync(db, await ParticipantIds.LoadAsync(db, userId, cancellationToken), cancellationToken);

    /// <summary>The same, for a person whose pairs and groups the caller has read already.</summary>
    public static async Task<IQueryable<Session>> PendingForAsync(AppDbContext db, ParticipantIds person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        var asMentor = person.PairIdsAs(ParticipantRole.Mentor);
        var asMentee = person.PairIdsAs(ParticipantRole.Mentee);
        var groupsLed = person.GroupsLed;
        var attended = asMentee.Count == 0
            ? []
            : await db.SessionAttendance.Where(a => a.Attended && asMentee.Contains(a.PairId)).Select(a => a.SessionId).Distinct().ToListAsync(cancellationToken);

        // A group session waits on its mentor once, and on each member the mentor logged as present, under their own pair.
        return db.Sessions.Where(s => s.Status == SessionStatus.Held
            && ((s.PairId != null && asMentor.Contains(s.PairId.Value) && !db.SessionFeedback.Any(f => f.SessionId == s.Id && f.Role == ParticipantRole.Mentor))
                || (s.PairId != null && asMentee.Contains(s.PairId.Value) && !db.SessionFeedback.Any(f => f.SessionId == s.Id && f.Role == ParticipantRole.Mentee))
                || (s.GroupId != null && groupsLed.Contains(s.GroupId.Value) && !db.SessionFeedback.Any(f => f.SessionId == s.Id && f.Role == ParticipantRole.Mentor))
                || (attended.Contains(s.Id) && s.Attendance.Any(a => a.Attended && asMentee.Contains(a.PairId)
                    && !db.SessionFeedback.Any(f => f.SessionId == s.Id && f.PairId == a.PairId && f.Role == ParticipantRole.Mentee)))));
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var pendingQuery = (await PendingForAsync(db, me, cancellationToken)).AsNoTracking();
            var pendingTotal = await pendingQuery.CountAsync(cancellationToken);
            var pending = (await pendingQuery
                .OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
                .Take(PendingShown)
                .Select(s => new
                {
                    s.Id,
                    ProgramName = db.Programs.Where(p => p.Id == s.ProgramId).Select(p => p.Name).First(),
                    s.StartsAtUtc,
                    s.EndsAtUtc,
                    GroupName = s.Group != null ? s.Group.Name : null,
                    MyZone = db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).First(),
                    IAmMentor = s.Pair!.MentorEnrolment!.UserId == me,
                    MentorName = s.Pair.MentorEnrolment.User!.DisplayName,
                    MentorZone = s.Pair.MentorEnrolment.User.TimeZoneId,
                    MenteeName = s.Pair.MenteeEnrolment!.User!.DisplayName,
                    MenteeZone = s.Pair.MenteeEnrolment.User.TimeZoneId,
                })
                .ToListAsync(cancellationToken))
                .Select(s => new Pending(
                    s.Id,
                    s.ProgramName,
                    s.GroupName ?? (s.IAmMentor ? s.MenteeName : s.MentorName),
                    SessionTimes.Format(s.StartsAtUtc, s.EndsAtUtc, s.GroupName is not null ? s.MyZone : s.IAmMentor ? s.MentorZone : s.MenteeZone),
                    Math.Max(0, (int)(now - s.EndsAtUtc).TotalDays)))
                .ToList();

            var givenQuery = db.SessionFeedback.AsNoTracking().Where(f => f.ByUserId == me);
            var givenTotal = await givenQuery.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, givenTotal, PageSize);
            var given = (await givenQuery
                .OrderByDescending(f => f.CreatedAtUtc).ThenByDescending(f => f.Id)
                .Page(page, PageSize)
                .Select(f => new
                {
                    f.SessionId,
                    ProgramName = db.Programs.Where(p => p.Id == f.ProgramId).Select(p => p.Name).First(),
                    f.Session!.StartsAtUtc,
                    f.Session.EndsAtUtc,
                    f.Role,
                    GroupName = f.Session.Group != null ? f.Session.Group.Name : null,
                    MyZone = db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).First(),
                    MentorName = f.Session.Pair!.MentorEnrolment!.User!.DisplayName,
                    MentorZone = f.Session.Pair.MentorEnrolment.User.TimeZoneId,
                    MenteeName = f.Session.Pair.MenteeEnrolment!.User!.DisplayName,
                    MenteeZone = f.Session.Pair.MenteeEnrolment.User.TimeZoneId,
                    f.Rating,
                    f.Comment,
                })
                .ToListAsync(cancellationToken))
                .Select(f => new Given(
                    f.SessionId,
                    f.ProgramName,
                    f.GroupName ?? (f.Role == ParticipantRole.Mentor ? f.MenteeName : f.MentorName),
                    SessionTimes.Format(f.StartsAtUtc, f.EndsAtUtc, f.GroupName is not null ? f.MyZone : f.Role == ParticipantRole.Mentor ? f.MentorZone : f.MenteeZone),
                    f.Rating,
                    f.Comment))
                .ToList();
            return new Result(pending, pendingTotal, given, page, pageCount, givenTotal);
        }
    }
}
