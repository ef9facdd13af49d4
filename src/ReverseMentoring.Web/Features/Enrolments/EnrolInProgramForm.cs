using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>The enrol form as it opens: the program, the roles the person may take, the skills, and their profile so far.</summary>
public static partial class EnrolInProgram
{
    public sealed record SkillOption(int Id, string Name, bool IsRetired);

    /// <summary>Sets the profile's department, job level and manager to the chart's, whatever the form said.</summary>
    public static void FromOrgChart(EnrolmentProfile profile, OrgChartSync.Placement placement)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(placement);
        profile.Department = placement.Department;
        profile.JobLevel = placement.JobLevel;
        profile.ManagerEmail = placement.ManagerEmail;
    }

    public sealed record Form(
        int ProgramId,
        string ProgramName,
        SessionFormats ProgramFormats,
        IReadOnlyList<ParticipantRole> Roles,
        IReadOnlyList<SkillOption> Skills,
        EnrolmentStatus? Status,
        string? Refusal,
        Command Current,
        OrgChartSync.Placement? FromOrgChart = null)
    {
        public bool IsEdit => Status is not null and not EnrolmentStatus.Withdrawn;

        public bool IsReEnrolment => Status == EnrolmentStatus.Withdrawn;
    }

    /// <summary>What the form needs: the program, the roles the person may take, the skills, and their profile so far.</summary>
    [AllowedRoles(Domain.Roles.Mentor, Domain.Roles.Mentee)]
    public sealed record FormQuery(int ProgramId) : IQuery<Form>;

    public sealed class FormHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<FormQuery, Form>
    {
        public async ValueTask<Form> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var enrolment = await db.Enrolments.AsNoTracking()
                .Include(e => e.Skills)
                .Include(e => e.Availability)
                .SingleOrDefaultAsync(e => e.ProgramId == program.Id && e.UserId == userId, cancellationToken);
            if (program.Status == ProgramStatus.Draft && enrolment is null)
            {
                throw new NotFoundException();
            }

            var roles = HeldRoles(current);
            var used = enrolment?.Skills.Select(s => s.SkillId).ToList() ?? [];
            var skills = await db.Skills.AsNoTracking()
                .Where(s => !s.IsRetired || used.Contains(s.Id))
                .OrderBy(s => s.Name)
                .Select(s => new SkillOption(s.Id, s.Name, s.IsRetired))
                .ToListAsync(cancellationToken);

            Command command;
            if (enrolment is null)
            {
                var timeZone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
                command = new Command
                {
                    ProgramId = program.Id,
                    Role = roles.Count == 1 ? roles[0] : null,
                    TimeZoneId = timeZone,
                    Formats = EnrolmentRules.EachFormat.Where(f => program.Formats.HasFlag(f)).ToList(),
                };
            }
            else
            {
                command = new Command
                {
                    ProgramId = program.Id,
                    Version = enrolment.Status == EnrolmentStatus.Withdrawn ? null : enrolment.Version,
                    Role = enrolment.Role,
                    Department = enrolment.Department,
                    JobLevel = enrolment.JobLevel,
                    ManagerEmail = enrolment.ManagerEmail,
                    Location = enrolment.Location,
                    TimeZoneId = enrolment.TimeZoneId,
                    Formats = EnrolmentRules.EachFormat.Where(f => enrolment.Formats.HasFlag(f)).ToList(),
                    Availability = enrolment.Availability.OrderBy(s => s.Day == DayOfWeek.Sunday ? 7 : (int)s.Day).ThenBy(s => s.Starts)
                        .Select(s => new Slot { Day = s.Day, From = s.Starts, To = s.Ends }).ToList(),
                    Skills = enrolment.Skills.OrderByDescending(s => s.Level)
                        .Select(s => new SkillLevel { SkillId = s.SkillId, Level = s.Level }).ToList(),
                    Interests = enrolment.Interests,
                    Goals = enrolment.Goals,
                    Consent = enrolment.Status != EnrolmentStatus.Withdrawn && enrolment.ConsentedAtUtc is not null,
                };
            }

            // Where the org chart has the person, it decides department, job level and manager; the form only shows them.
            var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            var placement = (await OrgChartSync.PlacementsAsync(db, email is null ? [] : [email], cancellationToken)).Values.SingleOrDefault();
            if (placement is not null)
            {
                FromOrgChart(command, placement);
            }

            return new Form(program.Id, program.Name, program.Formats, roles, skills, enrolment?.Status,
                EnrolmentRules.Refusal(program, EnrolmentRules.Today(clock)), command, placement);
        }
    }
}
