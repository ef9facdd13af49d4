using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Domain;

namespace ReverseMentoring.BrowserTests;

/// <summary>People a journey starts from, set up through the app's own model so no other test's steps matter.</summary>
internal static class JourneySeed
{
    public sealed record NewPair(int ProgramId, int PairId, string JuniorEmail, string JuniorName, string SeniorEmail, string SeniorName, string SeniorGoals);

    /// <summary>
    /// A new junior and a new senior, both approved late into the running pilot, with a pair HR proposed by hand just now:
    /// neither has seen the app before.
    /// </summary>
    public static Task<NewPair> ProposedPairInPilotAsync(BrowserApp app, string tag) => app.WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var program = await db.Programs.SingleAsync(p => p.Name == DemoData.PilotName);
        var skills = await db.Skills.OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync();
        const string seniorGoals = "Run my team's planning in a shared workspace instead of e-mail.";

        async Task<Enrolment> EnrolAsync(string email, string name, string role, string zone, string jobLevel, string goals)
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, TimeZoneId = zone, CreatedAtUtc = now };
            Check(await users.CreateAsync(user, PageChecks.DemoPassword));
            Check(await users.AddToRoleAsync(user, role));
            var mentor = role == Roles.Mentor;
            var enrolment = new Enrolment
            {
                ProgramId = program.Id,
                UserId = user.Id,
                Role = mentor ? ParticipantRole.Mentor : ParticipantRole.Mentee,
                Status = EnrolmentStatus.Approved,
                Department = mentor ? "Digital" : "Finance",
                JobLevel = jobLevel,
                Location = "London",
                TimeZoneId = zone,
                Formats = SessionFormats.InPerson | SessionFormats.Virtual,
                Goals = goals,
                ConsentedAtUtc = now,
                DecidedAtUtc = now,
                CreatedAtUtc = now,
                Skills = skills.Select(id => new EnrolmentSkill { SkillId = id, Level = mentor ? 4 : 1, Direction = mentor ? SkillDirection.Teach : SkillDirection.Learn }).ToList(),
                Availability = [new AvailabilitySlot { Day = DayOfWeek.Tuesday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(17, 0) }],
            };
            db.Enrolments.Add(enrolment);
            await db.SaveChangesAsync();
            return enrolment;
        }

        var juniorEmail = $"junior-{tag}@demo.local";
        var seniorEmail = $"senior-{tag}@demo.local";
        var juniorName = $"Noor Haddad {tag}";
        var seniorName = $"Margaret Ellison {tag}";
        var junior = await EnrolAsync(juniorEmail, juniorName, Roles.Mentor, "Europe/London", "Graduate", "Practise explaining technology to leaders.");
        var senior = await EnrolAsync(seniorEmail, seniorName, Roles.Mentee, "Europe/Berlin", "Director", seniorGoals);
        var pair = new Pair
        {
            ProgramId = program.Id,
            MentorEnrolmentId = junior.Id,
            MenteeEnrolmentId = senior.Id,
            Score = 800,
            ScorePercent = 80,
            Reasons = "teaches collaboration tools 4/5, wanted at 1/5",
            Status = PairStatus.Proposed,
            ProposedAtUtc = now,
        };
        db.Pairs.Add(pair);
        await db.SaveChangesAsync();
        return new NewPair(program.Id, pair.Id, juniorEmail, juniorName, seniorEmail, seniorName, seniorGoals);
    });

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
