using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// A senior in a program where mentees choose browses the mentors, asks two in order, the first declines, the second
/// accepts, and the pair is confirmed on both homes; every page is accessible and fits a 390 px phone.
/// </summary>
[Collection(BrowserAppGroup.Name)]
public sealed class SelfServiceTests(BrowserApp app)
{
    private sealed record World(int ProgramId, string SeniorEmail, string SeniorName, string FirstEmail, string FirstName, string SecondEmail, string SecondName);

    [Fact]
    public async Task A_mentee_asks_two_mentors_the_first_declines_the_second_accepts_and_both_homes_show_the_pair()
    {
        var world = await SeedAsync(Guid.NewGuid().ToString("N")[..6]);

        await using var seniorContext = await app.NewContextAsync();
        var senior = await seniorContext.NewPageAsync();
        await PageChecks.SignInAsync(senior, world.SeniorEmail, PageChecks.DemoPassword);
        await senior.WaitForURLAsync("**/Participant");
        await senior.GetByRole(AriaRole.Link, new() { Name = "browse the mentors" }).ClickAsync();
        var mentors = senior.Locator("#mentors");
        await Expect(mentors).ToContainTextAsync(world.FirstName);
        await Expect(mentors).ToContainTextAsync(world.SecondName);
        await Expect(mentors).ToContainTextAsync("% fit");
        await PhoneAndAxeAsync(senior, "self-service-1-browse");

        await mentors.GetByRole(AriaRole.Link, new() { Name = $"Ask {world.FirstName}" }).ClickAsync();
        await senior.GetByLabel("Second choice (optional)").SelectOptionAsync(new SelectOptionValue { Label = (await senior.GetByLabel("Second choice (optional)").GetByRole(AriaRole.Option).Filter(new() { HasText = world.SecondName }).InnerTextAsync()).Trim() });
        await senior.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(senior.Locator("#my-requests")).ToContainTextAsync("Asked, waiting for the answer");
        await Expect(senior.Locator("#my-requests")).ToContainTextAsync("Waiting its turn");
        await PhoneAndAxeAsync(senior, "self-service-2-requests");

        await AnswerAsync(world.FirstEmail, world.SeniorName, "answer-decline", "self-service-3-decline");
        await AnswerAsync(world.SecondEmail, world.SeniorName, "answer-accept", "self-service-4-accept");

        await senior.GotoAsync("/Participant");
        await Expect(senior.Locator("section[aria-labelledby='my-pairs']")).ToContainTextAsync(world.SecondName);
        await PhoneAndAxeAsync(senior, "self-service-5-mentee-home");

        await using var mentorContext = await app.NewContextAsync();
        var mentor = await mentorContext.NewPageAsync();
        await PageChecks.SignInAsync(mentor, world.SecondEmail, PageChecks.DemoPassword);
        await mentor.WaitForURLAsync("**/Participant");
        await Expect(mentor.Locator("section[aria-labelledby='my-pairs']")).ToContainTextAsync(world.SeniorName);
        await PhoneAndAxeAsync(mentor, "self-service-6-mentor-home");
    }

    private async Task AnswerAsync(string mentorEmail, string seniorName, string answerId, string screenshot)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, mentorEmail, PageChecks.DemoPassword);
        await page.WaitForURLAsync("**/Participant");
        await page.Locator("#requests-to-answer").GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Regex.Escape(seniorName)} asks you") }).ClickAsync();
        await page.Locator($"#{answerId}").CheckAsync();
        await PhoneAndAxeAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await page.WaitForURLAsync("**/Participant");
    }

    private static async Task PhoneAndAxeAsync(IPage page, string screenshot)
    {
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
        await page.SetViewportSizeAsync(390, 800);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width} px wide on a 390 px phone.");
        await PageChecks.ScreenshotAsync(page, screenshot);
        await page.SetViewportSizeAsync(1280, 800);
    }

    private Task<World> SeedAsync(string tag) => app.WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var program = new MentoringProgram
        {
            Name = $"Self-service cohort {tag}",
            Objectives = "Seniors choose the junior who teaches them.",
            StartsOn = today.AddDays(10),
            EndsOn = today.AddDays(190),
            EnrolmentOpensOn = today.AddDays(-30),
            EnrolmentClosesOn = today.AddDays(-1),
            SessionCadenceDays = 14,
            Formats = SessionFormats.InPerson | SessionFormats.Virtual,
            Status = ProgramStatus.Matching,
            CreatedAtUtc = now,
            Topics = [new ProgramTopic { Title = "AI assistants at work", SuggestedActivities = "Try one together.", SortOrder = 1 }],
        };
        program.Matching.Mode = MatchingMode.SelfService;
        program.Matching.MaxMentorRequests = 3;
        db.Programs.Add(program);
        await db.SaveChangesAsync();
        var skills = await db.Skills.OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync();

        async Task EnrolAsync(string email, string name, string role)
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, TimeZoneId = "Europe/London", CreatedAtUtc = now };
            Check(await users.CreateAsync(user, PageChecks.DemoPassword));
            Check(await users.AddToRoleAsync(user, role));
            var mentor = role == Roles.Mentor;
            db.Enrolments.Add(new Enrolment
            {
                ProgramId = program.Id,
                UserId = user.Id,
                Role = mentor ? ParticipantRole.Mentor : ParticipantRole.Mentee,
                Status = EnrolmentStatus.Approved,
                Department = mentor ? "Digital" : "Finance",
                JobLevel = mentor ? "Graduate" : "Director",
                Location = "London",
                TimeZoneId = "Europe/London",
                Formats = SessionFormats.InPerson | SessionFormats.Virtual,
                Goals = "Learn from each other.",
                ConsentedAtUtc = now,
                DecidedAtUtc = now,
                CreatedAtUtc = now,
                Skills = skills.Select(id => new EnrolmentSkill { SkillId = id, Level = mentor ? 4 : 1, Direction = mentor ? SkillDirection.Teach : SkillDirection.Learn }).ToList(),
                Availability = [new AvailabilitySlot { Day = DayOfWeek.Tuesday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(17, 0) }],
            });
            await db.SaveChangesAsync();
        }

        var world = new World(
            program.Id, $"chooser-{tag}@demo.local", $"Helen Chooser {tag}", $"first-{tag}@demo.local", $"Ada First {tag}", $"second-{tag}@demo.local", $"Ben Second {tag}");
        await EnrolAsync(world.SeniorEmail, world.SeniorName, Roles.Mentee);
        await EnrolAsync(world.FirstEmail, world.FirstName, Roles.Mentor);
        await EnrolAsync(world.SecondEmail, world.SecondName, Roles.Mentor);
        return world;
    });

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
