using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.SessionFeedback;

/// <summary>Every rating of a program's sessions with its comment, by name, for HR (leadership only ever sees averages).</summary>
public static class ExportFeedback
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<ExportTable>;

    /// <summary>The columns, the times named in the zone of the person downloading.</summary>
    public static IReadOnlyList<string> HeaderIn(string zoneId) =>
    [
        $"Session on ({zoneId})", "Mentor", "Mentor's e-mail", "Mentee", "Mentee's e-mail", "Given by", "Side", "Rating (1-5)", "Comment", $"Given on ({zoneId})",
    ];

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, ExportTable>
    {
        public async ValueTask<ExportTable> Handle(Query query, CancellationToken cancellationToken)
        {
            var zone = await Audit.SearchAudit.ViewerTimeZoneAsync(db, current.RequireId(), cancellationToken);
            _ = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => (int?)p.Id)
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var rows = await db.SessionFeedback.AsNoTracking()
                .Where(f => f.ProgramId == query.ProgramId)
                .OrderBy(f => f.Session!.StartsAtUtc).ThenBy(f => f.Id)
                .Select(f => new
                {
                    f.Session!.StartsAtUtc,
                    Mentor = f.Session.Pair!.MentorEnrolment!.User!.DisplayName,
                    MentorEmail = f.Session.Pair.MentorEnrolment.User.Email,
                    Mentee = f.Session.Pair.MenteeEnrolment!.User!.DisplayName,
                    MenteeEmail = f.Session.Pair.MenteeEnrolment.User.Email,
                    f.Role,
                    f.Rating,
                    f.Comment,
                    f.CreatedAtUtc,
                })
                .ToListAsync(cancellationToken);

            return new ExportTable("Feedback", HeaderIn(zone.Id), rows.Select(f => (IReadOnlyList<string>)
            [
                Sessions.SessionTimes.ToLocal(f.StartsAtUtc, zone.Id).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), f.Mentor, f.MentorEmail ?? "", f.Mentee, f.MenteeEmail ?? "",
                f.Role == ParticipantRole.Mentor ? f.Mentor : f.Mentee, EnrolmentRules.Describe(f.Role),
                f.Rating.ToString(CultureInfo.InvariantCulture), f.Comment, Sessions.SessionTimes.ToLocal(f.CreatedAtUtc, zone.Id).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ]).ToList());
        }
    }
}
