using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>Every enrolment of a program with its profile, for HR to work with in a spreadsheet.</summary>
public static class ExportEnrolments
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<ExportTable>;

    public static readonly IReadOnlyList<string> Header =
    [
        "Name", "E-mail", "Role", "Status", "Department", "Job level", "Location", "Time zone", "Manager's e-mail", "Formats",
        "Skills", "Weekly availability", "Interests", "Goals", "Enrolled on", "Decided on", "Decision reason",
    ];

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, ExportTable>
    {
        public async ValueTask<ExportTable> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => new { p.Id, p.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var enrolments = await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgramId == program.Id)
                .OrderBy(e => e.User!.DisplayName).ThenBy(e => e.Id)
                .Select(e => new
                {
                    Name = e.User!.DisplayName,
                    e.User.Email,
                    e.Role,
                    e.Status,
                    e.Department,
                    e.JobLevel,
                    e.Location,
                    e.TimeZoneId,
                    e.ManagerEmail,
                    e.Formats,
                    Skills = e.Skills.OrderBy(s => s.Skill!.Name).Select(s => new { s.Skill!.Name, s.Level }).ToList(),
                    Slots = e.Availability.OrderBy(s => s.Day).ThenBy(s => s.Starts).Select(s => new { s.Day, s.Starts, s.Ends }).ToList(),
                    e.Interests,
                    e.Goals,
                    e.CreatedAtUtc,
                    e.DecidedAtUtc,
                    e.DecisionReason,
                })
                .ToListAsync(cancellationToken);

            static string Day(DateTime? utc) => utc?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
            var rows = enrolments.Select(e => (IReadOnlyList<string>)
            [
                e.Name, e.Email ?? "", EnrolmentRules.Describe(e.Role), EnrolmentRules.Describe(e.Status), e.Department, e.JobLevel, e.Location,
                e.TimeZoneId, e.ManagerEmail ?? "", EnrolmentRules.Formats(e.Formats),
                string.Join("; ", e.Skills.Select(s => $"{s.Name}:{s.Level}")),
                string.Join("; ", e.Slots.Select(s => $"{s.Day.ToString()[..3]} {s.Starts:HH\\:mm}-{s.Ends:HH\\:mm}")),
                e.Interests, e.Goals, Day(e.CreatedAtUtc), Day(e.DecidedAtUtc), e.DecisionReason ?? "",
            ]).ToList();
            return new ExportTable("Enrolments", Header, rows);
        }
    }
}
