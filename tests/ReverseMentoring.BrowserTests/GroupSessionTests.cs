using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// A junior with three accepted seniors starts a group, schedules one session for all of them, each senior takes the
/// one calendar file naming everyone, and after the meeting the junior logs it once with who came.
/// </summary>
[Collection(BrowserAppGroup.Name)]
public sealed partial class GroupSessionTests(BrowserApp app)
{
    [Fact]
    public async Task A_junior_starts_a_group_schedules_once_every_member_takes_the_invitation_and_the_junior_logs_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var world = await SeedAsync(tag);
        var groupName = $"Tuesday circle {tag}";
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, london));
        var day = today.AddDays(8);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        try
        {
            await using var juniorContext = await app.NewContextAsync();
            var junior = await juniorContext.NewPageAsync();
            await PageChecks.SignInAsync(junior, world.JuniorEmail, PageChecks.DemoPassword);
            await junior.WaitForURLAsync("**/Participant");

            // The junior starts the group through the form.
            await junior.GotoAsync($"/Participant/Groups/Create/{world.ProgramId}");
            await Expect(junior.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Start a group");
            await junior.GetByLabel("Group name").FillAsync(groupName);
            foreach (var senior in world.Seniors)
            {
                await junior.GetByLabel(senior.Name, new() { Exact = true }).CheckAsync();
            }

            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);
            await PageChecks.ScreenshotAsync(junior, "group-1-junior-starts-a-group");
            await junior.GetByRole(AriaRole.Button, new() { Name = "Start the group" }).ClickAsync();
            await junior.WaitForURLAsync(new Regex(@"/Participant/Groups/\d+$"));
            var groupPath = new Uri(junior.Url).AbsolutePath;
            await Expect(junior.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(groupName);
            foreach (var senior in world.Seniors)
            {
                await Expect(junior.Locator("#group-members")).ToContainTextAsync(senior.Name);
            }

            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);

            // One session for the whole group.
            await junior.GetByRole(AriaRole.Link, new() { Name = "Schedule a group session" }).ClickAsync();
            await junior.GetByLabel("Date").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await junior.GetByLabel("Start time").FillAsync("11:00");
            await junior.GetByLabel("Duration in minutes").FillAsync("60");
            await junior.GetByLabel("virtual", new() { Exact = false }).First.CheckAsync();
            await junior.GetByLabel("Where: room or address, or the meeting link").FillAsync($"https://meet.example.com/circle-{tag}");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);
            await PageChecks.ScreenshotAsync(junior, "group-2-junior-schedules");
            await junior.GetByRole(AriaRole.Button, new() { Name = "Schedule and invite the group" }).ClickAsync();
            await junior.WaitForURLAsync(new Regex(@"/Participant/GroupSessions/\d+$"));
            var sessionPath = new Uri(junior.Url).AbsolutePath;
            await Expect(junior.Locator("#session-status")).ToContainTextAsync("Scheduled");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);

            // Each senior signs in and takes the same calendar file, naming everyone who meets.
            foreach (var senior in world.Seniors)
            {
                await using var seniorContext = await app.NewContextAsync();
                var page = await seniorContext.NewPageAsync();
                await PageChecks.SignInAsync(page, senior.Email, PageChecks.DemoPassword);
                await page.WaitForURLAsync("**/Participant");
                await page.GotoAsync(groupPath);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(groupName);
                await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
                await page.Locator("#group-sessions a").First.ClickAsync();
                await page.WaitForURLAsync($"**{sessionPath}");
                await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
                await Expect(page.Locator("#log-group-session")).ToHaveCountAsync(0);

                var download = await page.RunAndWaitForDownloadAsync(() =>
                    page.GetByRole(AriaRole.Link, new() { Name = "Add to my calendar (.ics)" }).ClickAsync());
                Assert.EndsWith(".ics", download.SuggestedFilename, StringComparison.Ordinal);
                var calendar = Unfolded(await File.ReadAllTextAsync(await download.PathAsync()));
                Assert.Single(Regex.Matches(calendar, "BEGIN:VEVENT"));
                Assert.Contains($"https://meet.example.com/circle-{tag}", calendar, StringComparison.Ordinal);
                foreach (var email in world.Seniors.Select(s => s.Email).Append(world.JuniorEmail))
                {
                    Assert.Contains($"mailto:{email}", calendar, StringComparison.OrdinalIgnoreCase);
                }
            }

            // After the meeting, the junior logs it once: two of the three came.
            app.Clock.Advance(TimeSpan.FromDays(day.DayNumber - today.DayNumber + 1));
            await using var juniorLater = await app.NewContextAsync();
            junior = await juniorLater.NewPageAsync();
            await PageChecks.SignInAsync(junior, world.JuniorEmail, PageChecks.DemoPassword);
            await junior.WaitForURLAsync("**/Participant");
            await junior.GotoAsync(sessionPath);
            await junior.Locator("#log-group-session").ClickAsync();
            await junior.GetByLabel("Minutes you met").FillAsync("55");
            await junior.GetByLabel(world.Seniors[0].Name, new() { Exact = true }).CheckAsync();
            await junior.GetByLabel(world.Seniors[1].Name, new() { Exact = true }).CheckAsync();
            await junior.GetByLabel(world.Seniors[2].Name, new() { Exact = true }).UncheckAsync();
            await junior.GetByLabel("Notes (private to the group unless shared)").FillAsync("Worked through shared planning boards.");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);
            await PageChecks.ScreenshotAsync(junior, "group-3-junior-logs");
            await junior.GetByRole(AriaRole.Button, new() { Name = "Save the log" }).ClickAsync();
            await junior.WaitForURLAsync($"**{sessionPath}");
            await Expect(junior.Locator("#session-status")).ToContainTextAsync("Held");
            var attendees = junior.Locator("#attendees");
            await Expect(attendees).ToContainTextAsync($"{world.Seniors[0].Name}: came");
            await Expect(attendees).ToContainTextAsync($"{world.Seniors[1].Name}: came");
            await Expect(attendees).ToContainTextAsync($"{world.Seniors[2].Name}: did not come");
            await Expect(junior.Locator("#log-group-session")).ToHaveTextAsync("Correct the log");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);

            var logged = await app.WithServicesAsync(async services =>
            {
                var db = services.GetRequiredService<AppDbContext>();
                var id = int.Parse(sessionPath[(sessionPath.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
                return (Sessions: await db.Sessions.CountAsync(s => s.GroupId != null && s.Group!.Name == groupName),
                    Attendance: await db.SessionAttendance.CountAsync(a => a.SessionId == id));
            });
            Assert.Equal(1, logged.Sessions);
            Assert.Equal(world.Seniors.Count, logged.Attendance);

            // On a phone, the group's pages fit without scrolling sideways.
            await junior.SetViewportSizeAsync(390, 800);
            foreach (var path in new[] { groupPath, sessionPath, $"{sessionPath}/Log", $"/Participant/Groups/Create/{world.ProgramId}" })
            {
                await junior.GotoAsync(path);
                Assert.True(await junior.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, $"{path} is wider than 390 px.");
            }

            await junior.GotoAsync(sessionPath);
            await PageChecks.ScreenshotAsync(junior, "group-4-held-phone");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private sealed record Person(string Email, string Name);

    private sealed record World(int ProgramId, string JuniorEmail, IReadOnlyList<Person> Seniors);

    /// <summary>Calendar lines longer than 75 octets are folded; join them so an address is read whole.</summary>
    private static string Unfolded(string calendar) => calendar.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\n ", "", StringComparison.Ordinal);

    /// <summary>A new junior in the running pilot with three seniors who accepted them, none in a group yet.</summary>
    private Task<World> SeedAsync(string tag) => app.WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var program = await db.Programs.SingleAsync(p => p.Name == DemoData.PilotName);
        var skills = await db.Skills.OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync();

        async Task<Enrolment> EnrolAsync(string email, string name, bool mentor)
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, TimeZoneId = "Europe/London", CreatedAtUtc = now };
            Check(await users.CreateAsync(user, PageChecks.DemoPassword));
            Check(await users.AddToRoleAsync(user, mentor ? Roles.Mentor : Roles.Mentee));
            var enrolment = new Enrolment
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
                Goals = mentor ? "Teach a few leaders at once." : "Plan work in a shared workspace.",
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

        var juniorEmail = $"group-junior-{tag}@demo.local";
        var junior = await EnrolAsync(juniorEmail, $"Priya Nair {tag}", mentor: true);
        var seniors = new List<Person>();
        foreach (var (first, index) in new[] { "Helen", "Graham", "Ingrid" }.Select((n, i) => (n, i)))
        {
            var person = new Person($"group-senior-{index}-{tag}@demo.local", $"{first} Senior {tag}");
            var senior = await EnrolAsync(person.Email, person.Name, mentor: false);
            db.Pairs.Add(new Pair
            {
                ProgramId = program.Id,
                MentorEnrolmentId = junior.Id,
                MenteeEnrolmentId = senior.Id,
                Score = 800,
                ScorePercent = 80,
                Reasons = "teaches collaboration tools 4/5, wanted at 1/5",
                Status = PairStatus.Accepted,
                MentorResponse = PairResponse.Accepted,
                MenteeResponse = PairResponse.Accepted,
                MentorRespondedAtUtc = now,
                MenteeRespondedAtUtc = now,
                ProposedAtUtc = now.AddDays(-1),
                AcceptedAtUtc = now,
            });
            seniors.Add(person);
        }

        await db.SaveChangesAsync();
        return new World(program.Id, juniorEmail, seniors);
    });

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
