using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;

using ReverseMentoring.Web.Features.Enrolments;

using ReverseMentoring.Web.Features.Pairing;

using ReverseMentoring.Web.Features.Pairs;

using ReverseMentoring.Web.Features.Resources;

using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.Enrolments;

/// <summary>Programs, people and enrolment forms for the enrolment tests, written straight to the database.</summary>
internal static class EnrolmentTestKit
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A program open for enrolment today, meeting in person or virtually; <paramref name="change"/> adjusts it first.</summary>
    public static async Task<MentoringProgram> AddProgramAsync(AppFactory app, Action<MentoringProgram>? change = null)
    {
        var program = new MentoringProgram
        {
            Name = $"Program {Guid.NewGuid():N}",
            Objectives = "Senior leaders learn AI tools from junior colleagues.",
            StartsOn = Today.AddDays(30),
            EndsOn = Today.AddDays(210),
            EnrolmentOpensOn = Today.AddDays(-7),
            EnrolmentClosesOn = Today.AddDays(14),
            Formats = SessionFormats.InPerson | SessionFormats.Virtual,
            Status = ProgramStatus.Enrolling,
            CreatedAtUtc = DateTime.UtcNow,
            Topics = [new ProgramTopic { Title = "AI assistants at work", SuggestedActivities = "Draft an e-mail together.", SortOrder = 1 }],
        };
        change?.Invoke(program);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        });
        return program;
    }

    public static Task<int> SkillIdAsync(AppFactory app, string name) =>
        app.ExecuteDbContextAsync(db => db.Skills.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    public static async Task<(AppUser User, ClaimsPrincipal As)> ParticipantAsync(AppFactory app, params string[] roles)
    {
        var user = await app.CreateUserAsync(roles[0]);
        foreach (var extra in roles.Skip(1))
        {
            await app.ExecuteDbContextAsync(async db =>
            {
                var roleId = await db.Roles.Where(r => r.Name == extra).Select(r => r.Id).SingleAsync();
                db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
                await db.SaveChangesAsync();
            });
        }

        return (user, AppFactory.PrincipalFor(user, roles));
    }

    public static async Task<(AppUser User, ClaimsPrincipal As)> CoordinatorAsync(AppFactory app) => await ParticipantAsync(app, Roles.HrCoordinator);

    /// <summary>A complete, valid enrolment: two skills, two slots, virtual meetings, consent given.</summary>
    public static async Task<EnrolInProgram.Command> ValidEnrolmentAsync(AppFactory app, int programId, ParticipantRole role = ParticipantRole.Mentor) => new()
    {
        ProgramId = programId,
        Role = role,
        Department = "Marketing",
        JobLevel = "Graduate",
        ManagerEmail = $"boss-{Guid.NewGuid():N}@example.com",
        Location = "London",
        TimeZoneId = "Europe/London",
        Formats = [SessionFormats.Virtual],
        Availability =
        [
            new EnrolInProgram.Slot { Day = DayOfWeek.Monday, From = new TimeOnly(9, 0), To = new TimeOnly(10, 0) },
            new EnrolInProgram.Slot(),
            new EnrolInProgram.Slot { Day = DayOfWeek.Wednesday, From = new TimeOnly(14, 0), To = new TimeOnly(15, 30) },
        ],
        Skills =
        [
            new EnrolInProgram.SkillLevel { SkillId = await SkillIdAsync(app, "AI tools"), Level = 4 },
            new EnrolInProgram.SkillLevel { SkillId = await SkillIdAsync(app, "Social media"), Level = 3 },
            new EnrolInProgram.SkillLevel(),
        ],
        Interests = "Photography and gaming.",
        Goals = "Help a senior leader feel at home with AI tools.",
        Consent = true,
    };

    public static Task<Enrolment?> EnrolmentAsync(AppFactory app, int programId, string userId) =>
        app.ExecuteDbContextAsync(db => db.Enrolments.AsNoTracking()
            .Include(e => e.Skills).Include(e => e.Availability).Include(e => e.History)
            .SingleOrDefaultAsync(e => e.ProgramId == programId && e.UserId == userId));

    public static Task<int> EnrolmentCountAsync(AppFactory app, int programId) =>
        app.ExecuteDbContextAsync(db => db.Enrolments.CountAsync(e => e.ProgramId == programId));

    /// <summary>Enrols a person through the real command and returns the saved enrolment.</summary>
    public static async Task<Enrolment> EnrolAsync(AppFactory app, int programId, AppUser user, ClaimsPrincipal @as, ParticipantRole role = ParticipantRole.Mentor)
    {
        await app.SendAsync(await ValidEnrolmentAsync(app, programId, role), @as);
        return (await EnrolmentAsync(app, programId, user.Id))!;
    }

    public static Task<List<string>> RolesOfAsync(AppFactory app, string userId) =>
        app.ExecuteDbContextAsync(db => (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            where userRole.UserId == userId
            select role.Name!).ToListAsync());
}
