using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Sessions;

/// <summary>
/// Every session of a program's pairs, for HR: when, how, what became of it and who moved or cancelled it. Notes and
/// follow-ups appear only where the pair shared them with HR, as on the pair's page.
/// </summary>
public static class ExportSessions
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<ExportTable>;

    /// <summary>The columns, the start named in the zone of the person downloading.</summary>
    public static IReadOnlyList<string> HeaderIn(string zoneId) =>
    [
        "Mentor", "Mentor's e-mail", "Mentee", "Mentee's e-mail", $"Starts ({zoneId})", "Planned minutes", "Format", "Status", "Held minutes",
        "Topics covered", "Times moved", "Cancelled by", "Cancellation reason", "Notes shared with HR", "Follow-ups shared with HR",
    ];

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, ExportTable>
    {
        public async ValueTask<ExportTable> Handle(Query query, CancellationToken cancellationToken)
        {
            var zone = await Audit.SearchAudit.ViewerTimeZoneAsync(db, current.RequireId(), cancellationToken);
            _ = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => (int?)p.Id)
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var rows = await db.Sessions.AsNoTracking()
                .Where(s => s.ProgramId == query.ProgramId)
                .OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id)
                .Select(s => new
                {
                    Mentor = s.Pair!.MentorEnrolment!.User!.DisplayName,
                    MentorEmail = s.Pair.MentorEnrolment.User.Email,
                    Mentee = s.Pair.MenteeEnrolment!.User!.DisplayName,
                    MenteeEmail = s.Pair.MenteeEnrolment.User.Email,
                    s.StartsAtUtc,
                    s.DurationMinutes,
                    s.Format,
                    s.Status,
                    s.HeldMinutes,
                    Covered = db.SessionTopics.Where(t => t.SessionId == s.Id && t.Kind == SessionTopicKind.Covered)
                        .Join(db.ProgramTopics, t => t.ProgramTopicId, p => p.Id, (t, p) => p.Title).ToList(),
                    Moves = s.Moves.Count,
                    CancelledBy = db.Users.Where(u => u.Id == s.CancelledByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                    s.CancelReason,
                    Notes = s.NotesSharedWithHr ? s.Notes : null,
                    FollowUps = s.NotesSharedWithHr ? s.FollowUps : null,
                })
                .ToListAsync(cancellationToken);

            static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
            return new ExportTable("Sessions", HeaderIn(zone.Id), rows.Select(s => (IReadOnlyList<string>)
            [
                s.Mentor, s.MentorEmail ?? "", s.Mentee, s.MenteeEmail ?? "", SessionTimes.ToLocal(s.StartsAtUtc, zone.Id).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Number(s.DurationMinutes), EnrolmentRules.Describe(s.Format), s.Status.ToString(), Number(s.HeldMinutes),
                string.Join("; ", s.Covered.Order(StringComparer.Ordinal)), Number(s.Moves), s.CancelledBy ?? "", s.CancelReason ?? "",
                s.Notes ?? "", s.FollowUps ?? "",
            ]).ToList());
        }
    }
}
