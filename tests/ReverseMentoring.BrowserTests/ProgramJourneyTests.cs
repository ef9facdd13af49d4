using System.Globalization;
using System.Text.RegularExpressions;
using ReverseMentoring.Web.Features.Dashboard;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// A program from start to the leader's dashboard, as the people involved do it: a coordinator creates a program and
/// invites a junior and a senior; each follows the link in their e-mail, registers and enrols with a profile; the
/// coordinator approves both, pairs them and starts the program; they meet, log and rate the session; the leader
/// opens the uptake dashboard for it and sees that a program of two people shows no figures, then the whole dashboard.
/// </summary>
[Collection(BrowserAppGroup.Name)]
public sealed partial class ProgramJourneyTests(BrowserApp app)
{
    private const string NewPassword = "Journey-Password-2026";

    [Fact]
    public async Task A_program_runs_from_creation_through_pairing_and_a_rated_session_to_the_leaders_dashboard()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var programName = $"AI for leaders {suffix}";
        var junior = $"junior-{suffix}@example.com";
        var senior = $"senior-{suffix}@example.com";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await using var hrContext = await app.NewContextAsync();
        var hr = await hrContext.NewPageAsync();
        await PageChecks.SignInAsync(hr, "hr@demo.local", PageChecks.DemoPassword);
        await hr.WaitForURLAsync("**/Coordinator");
        await hr.GotoAsync("/Programs");

        // The coordinator creates the program with an enrolment window open from today.
        await hr.GetByRole(AriaRole.Link, new() { Name = "New program" }).ClickAsync();
        await hr.GetByLabel("Name", new() { Exact = true }).FillAsync(programName);
        await hr.GetByLabel("Objectives").FillAsync("Senior leaders learn to use AI assistants from junior colleagues.");
        await hr.GetByLabel("Starts on").FillAsync(Iso(today.AddDays(30)));
        await hr.GetByLabel("Ends on").FillAsync(Iso(today.AddDays(210)));
        await hr.GetByLabel("Enrolment opens on").FillAsync(Iso(today));
        await hr.GetByLabel("Enrolment closes on").FillAsync(Iso(today.AddDays(21)));
        await hr.GetByRole(AriaRole.Group, new() { Name = "Topic 1" }).GetByLabel("Title").FillAsync("AI assistants in everyday work");
        await PageChecks.ScreenshotAsync(hr, "journey-1-create-program");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Create program" }).ClickAsync();

        await Expect(hr.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(programName);
        var programId = int.Parse(ProgramIdInUrl().Match(hr.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Open enrolment" }).ClickAsync();
        await Expect(hr.GetByRole(AriaRole.Button, new() { Name = "Close enrolment and start matching" })).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(hr, "journey-2-program-enrolling");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);

        // The coordinator invites a junior as mentor and a senior as mentee.
        await hr.GetByRole(AriaRole.Link, new() { Name = "Invitations", Exact = true }).ClickAsync();
        await hr.GetByLabel("E-mail addresses").FillAsync($"{junior},Mentor\n{senior},Mentee");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }).ClickAsync();
        await Expect(hr.GetByText("2 people invited.")).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(hr, "journey-3-invitations");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);

        await RegisterAndEnrolAsync(junior, "Ada Junior", "Europe/London", "a mentor", "AI tools", level: "4", "journey-4-junior-enrols");
        await RegisterAndEnrolAsync(senior, "Grace Senior", "America/New_York", "a mentee", "AI tools", level: "1", "journey-5-senior-enrols");

        // The coordinator approves both from the enrolment list.
        foreach (var name in new[] { "Ada Junior", "Grace Senior" })
        {
            await hr.GotoAsync($"/Programs/{programId}/Enrolments");
            await hr.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await hr.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Expect(hr.GetByText("Approved").First).ToBeVisibleAsync();
        }

        await hr.GotoAsync($"/Programs/{programId}/Enrolments");
        await Expect(hr.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Junior" })).ToContainTextAsync("Approved");
        await Expect(hr.GetByRole(AriaRole.Row).Filter(new() { HasText = "Grace Senior" })).ToContainTextAsync("Approved");
        await PageChecks.ScreenshotAsync(hr, "journey-6-enrolments-approved");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);

        // The junior sees the decision on their own program page.
        await using var juniorContext = await app.NewContextAsync();
        var juniorPage = await juniorContext.NewPageAsync();
        await PageChecks.SignInAsync(juniorPage, junior, NewPassword);
        await juniorPage.WaitForURLAsync("**/Participant");
        await juniorPage.GotoAsync($"/Participant/Programs/{programId}");
        await Expect(juniorPage.GetByText("Approved").First).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(juniorPage, "journey-7-junior-approved");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(juniorPage);

        // The coordinator closes enrolment, runs the pairing and publishes the one pair; both accept.
        await hr.GotoAsync($"/Programs/{programId}");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Close enrolment and start matching" }).ClickAsync();
        await hr.GetByRole(AriaRole.Link, new() { Name = "Pairing", Exact = true }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Run pairing" }).ClickAsync();
        await Expect(hr.GetByRole(AriaRole.Table, new() { Name = "Proposed pairs with their scores and reasons" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await hr.GetByRole(AriaRole.Link, new() { Name = "Publish these pairs…" }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Yes, publish \\d+ pairs?$") }).ClickAsync();
        await Expect(hr.Locator("section[aria-labelledby='published-heading']").GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await AcceptAsync(juniorPage, programId, "Grace Senior");
        await using var seniorContext = await app.NewContextAsync();
        var seniorPage = await seniorContext.NewPageAsync();
        await PageChecks.SignInAsync(seniorPage, senior, NewPassword);
        await seniorPage.WaitForURLAsync("**/Participant");
        await AcceptAsync(seniorPage, programId, "Ada Junior");
        await PageChecks.ScreenshotAsync(seniorPage, "journey-8-pair-confirmed");

        await hr.GotoAsync($"/Programs/{programId}");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Start running the program" }).ClickAsync();
        await Expect(hr.GetByRole(AriaRole.Button, new() { Name = "Close the program" })).ToBeVisibleAsync();

        // The junior schedules a session for tomorrow at 10:00 London time.
        await juniorPage.GotoAsync("/Participant/Sessions");
        await juniorPage.GetByRole(AriaRole.Link, new() { Name = "Schedule a session with Grace Senior" }).ClickAsync();
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))).AddDays(1);
        await juniorPage.GetByLabel("Date").FillAsync(Iso(tomorrow));
        await juniorPage.GetByLabel("Start time").FillAsync("10:00");
        await juniorPage.GetByLabel("Where: room or address, or the meeting link").FillAsync("https://meet.example.com/ada-grace");
        await juniorPage.GetByRole(AriaRole.Button, new() { Name = "Schedule and invite Grace Senior" }).ClickAsync();
        await juniorPage.WaitForURLAsync(new Regex(@"/Participant/Sessions/\d+$"));
        var sessionPath = new Uri(juniorPage.Url).AbsolutePath;

        try
        {
            // Two days later they have met: the senior logs it, and both rate it.
            app.Clock.Advance(TimeSpan.FromDays(2));
            await using var seniorLater = await app.NewContextAsync();
            seniorPage = await seniorLater.NewPageAsync();
            await PageChecks.SignInAsync(seniorPage, senior, NewPassword);
            await seniorPage.WaitForURLAsync("**/Participant");
            await seniorPage.GotoAsync(sessionPath);
            await seniorPage.GetByRole(AriaRole.Link, new() { Name = "Log this session" }).ClickAsync();
            await seniorPage.GetByLabel("How many minutes did you meet?").FillAsync("60");
            await seniorPage.GetByRole(AriaRole.Button, new() { Name = "Log the session" }).ClickAsync();
            await RateAsync(seniorPage, "5 – Excellent");

            await using var juniorLater = await app.NewContextAsync();
            juniorPage = await juniorLater.NewPageAsync();
            await PageChecks.SignInAsync(juniorPage, junior, NewPassword);
            await juniorPage.WaitForURLAsync("**/Participant");
            await juniorPage.GotoAsync(sessionPath);
            await juniorPage.GetByRole(AriaRole.Link, new() { Name = "Give feedback" }).ClickAsync();
            await RateAsync(juniorPage, "4 – Very good");

            // The leader opens the dashboard for this program: charts drawn, the session counted, the people not.
            await using var leaderContext = await app.NewContextAsync();
            var leader = await leaderContext.NewPageAsync();
            await PageChecks.SignInAsync(leader, "leader@demo.local", PageChecks.DemoPassword);
            await leader.WaitForURLAsync("**/Dashboard");
            await leader.GetByLabel("Program", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = programName });
            await leader.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await leader.WaitForURLAsync(new Regex($@"ProgramId={programId}"));

            // A program of two people: every section tells leadership the selection is too small, with no weekly series,
            // no chart and no name (docs/dashboard.md, rule 6).
            var main = leader.Locator("main");
            await Expect(main).ToContainTextAsync(ExecutiveSummary.SmallGroupText);
            await Expect(leader.GetByRole(AriaRole.Table, new() { Name = "Sessions held per ISO week", Exact = false })).ToHaveCountAsync(0);
            await Expect(leader.Locator("canvas[data-chart]")).ToHaveCountAsync(0);
            await Expect(main).Not.ToContainTextAsync("Ada Junior");
            await Expect(main).Not.ToContainTextAsync("Grace Senior");
            await PageChecks.ScreenshotAsync(leader, "journey-9-leader-dashboard-small-program");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(leader);

            // Across every program the group is large enough: the weekly series and the charts are there, drawn.
            await leader.GotoAsync("/Dashboard");
            await Expect(leader.GetByRole(AriaRole.Table, new() { Name = "Sessions held per ISO week", Exact = false })).ToBeVisibleAsync();
            var canvases = await leader.Locator("canvas[data-chart]").CountAsync();
            Assert.True(canvases >= 5, $"Expected the dashboard's charts, found {canvases} canvases.");
            var drawn = await leader.EvaluateAsync<int>("() => [...document.querySelectorAll('canvas[data-chart]')].filter(c => window.Chart && Chart.getChart(c)).length");
            Assert.Equal(canvases, drawn);
            await PageChecks.ScreenshotAsync(leader, "journey-9-leader-dashboard");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(leader);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private static async Task AcceptAsync(IPage page, int programId, string partner)
    {
        await page.GotoAsync($"/Participant/Programs/{programId}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Accept {partner}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Accept {partner}" })).ToHaveCountAsync(0);
    }

    private static async Task RateAsync(IPage page, string rating)
    {
        await page.WaitForURLAsync(new Regex(@"/Participant/Feedback/Give/\d+$"));
        await page.GetByLabel(rating).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await page.WaitForURLAsync("**/Participant/Feedback");
    }

    private async Task RegisterAndEnrolAsync(string email, string name, string timeZone, string takesPartAs, string skill, string level, string screenshot)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(await InvitationLinkAsync(email));
        await Expect(page.GetByLabel("Work e-mail address")).ToHaveValueAsync(email);
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Time zone").FillAsync(timeZone);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Password again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        // An invitation to a program leads straight to its enrolment form.
        await page.WaitForURLAsync("**/Enrol");
        await Expect(page.GetByText($"You take part as {takesPartAs}", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByLabel("Department").FillAsync(takesPartAs == "a mentor" ? "Marketing" : "Finance");
        await page.GetByLabel("Job level").FillAsync(takesPartAs == "a mentor" ? "Associate" : "Vice President");
        await page.GetByLabel("Location").FillAsync(takesPartAs == "a mentor" ? "London" : "New York");
        await page.GetByLabel("virtual", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Day of time slot 1").SelectOptionAsync("Tuesday");
        await page.GetByLabel("Start of time slot 1").FillAsync("14:00");
        await page.GetByLabel("End of time slot 1").FillAsync("15:30");
        await page.GetByLabel("Skill 1", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = skill });
        await page.GetByLabel("Level of skill 1").SelectOptionAsync(level);
        await page.GetByLabel("What you hope to get from the program").FillAsync("Use AI assistants with confidence in my daily work.");
        await page.GetByLabel("I agree to the program's terms", new() { Exact = false }).CheckAsync();
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit enrolment" }).ClickAsync();

        await page.WaitForURLAsync(new Regex(@"/Participant/Programs/\d+$"));
        await Expect(page.GetByText("Pending review").First).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, screenshot);
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
    }

    /// <summary>The link in the invitation e-mail the app wrote to the pickup folder, as a path on this app.</summary>
    private async Task<string> InvitationLinkAsync(string email)
    {
        foreach (var file in Directory.EnumerateFiles(app.MailFolder, "*.eml"))
        {
            var message = await File.ReadAllTextAsync(file);
            if (message.Contains(email, StringComparison.OrdinalIgnoreCase) && InvitationLink().Match(Unfold(message)) is { Success: true } link)
            {
                return link.Value;
            }
        }

        throw new InvalidOperationException($"No invitation e-mail to {email} in {app.MailFolder}.");
    }

    // Quoted-printable mail wraps long lines with "=" at the end and encodes "=" as "=3D".
    private static string Unfold(string message) => message.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/Account/Register\?invitation=[A-Za-z0-9_\-]+")]
    private static partial Regex InvitationLink();

    [GeneratedRegex(@"/Programs/(\d+)")]
    private static partial Regex ProgramIdInUrl();
}
