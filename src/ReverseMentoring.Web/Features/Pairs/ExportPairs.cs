using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairs;

/// <summary>Every pair of a program with its score, sessions and health (the same flags as the pairs list), for HR.</summary>
public static class ExportPairs
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<ExportTable>;

    public static readonly IReadOnlyList<string> Header =
    [
        "Mentor", "Mentor's e-mail", "Mentor's department", "Mentee", "Mentee's e-mail", "Mentee's department", "Status", "Score (%)",
        "Proposed on", "Accepted on", "Ended on", "Sessions held", "Sessions scheduled", "Sessions missed", "Average rating", "At risk because",
    ];

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, ExportTable>
    {
        public async ValueTask<ExportTable> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => new { p.Id })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var pairs = db.Pairs.AsNoTracking().Where(p => p.ProgramId == program.Id);
            var rows = await pairs
                .OrderBy(p => p.MenteeEnrolment!.User!.DisplayName).ThenBy(p => p.Id)
                .Select(p => new
                {
                    p.Id,
                    Mentor = p.MentorEnrolment!.User!.DisplayName,
                    MentorEmail = p.MentorEnrolment.User.Email,
                    MentorDepartment = p.MentorEnrolment.Department,
                    Mentee = p.MenteeEnrolment!.User!.DisplayName,
                    MenteeEmail = p.MenteeEnrolment.User.Email,
                    MenteeDepartment = p.MenteeEnrolment.Department,
                    p.Status,
                    p.ScorePercent,
                    p.ProposedAtUtc,
                    p.AcceptedAtUtc,
                    p.EndedAtUtc,
                    Held = db.Sessions.Count(s => s.PairId == p.Id && s.Status == SessionStatus.Held),
                    Scheduled = db.Sessions.Count(s => s.PairId == p.Id && s.Status == SessionStatus.Scheduled),
                    Missed = db.Sessions.Count(s => s.PairId == p.Id && s.Status == SessionStatus.Missed),
                    Rating = db.SessionFeedback.Where(f => f.PairId == p.Id).Average(f => (double?)f.Rating),
                })
                .ToListAsync(cancellationToken);
            var health = await pairs.HealthByPairAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);

            static string Day(DateTime? utc) => utc?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
            static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
            return new ExportTable("Pairs", Header, rows.Select(p => (IReadOnlyList<string>)
            [
                p.Mentor, p.MentorEmail ?? "", p.MentorDepartment, p.Mentee, p.MenteeEmail ?? "", p.MenteeDepartment, p.Status.ToString(),
                Number(p.ScorePercent), Day(p.ProposedAtUtc), Day(p.AcceptedAtUtc), Day(p.EndedAtUtc),
                Number(p.Held), Number(p.Scheduled), Number(p.Missed), p.Rating?.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
                string.Join("; ", health.GetValueOrDefault(p.Id)?.Reasons ?? []),
            ]).ToList());
        }
    }
}
