using System.Globalization;
using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// A junior in London schedules a session with their senior in Berlin; the senior sees it at their own local time
/// and takes the calendar file; after the meeting both log it and rate it.
/// </summary>
[Collection(BrowserAppGroup.Name)]
public sealed class SessionJourneyTests(BrowserApp app)
{
    // The demo pilot pairs the first demo junior with the second demo senior.
    private static readonly string Junior = DemoData.MentorEmail(1);
    private static readonly string Senior = DemoData.MenteeEmail(2);
    private static readonly string SeniorName = DemoData.SeniorNames[1];
    private static readonly string JuniorName = DemoData.JuniorNames[0];

    [Fact]
    public async Task A_junior_schedules_the_senior_sees_it_in_their_time_zone_and_both_log_and_rate_it()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, london)).AddDays(9);
        var startsUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(10, 0)), london);
        var seniorLocal = TimeZoneInfo.ConvertTimeFromUtc(startsUtc, berlin);

        try
        {
            // The junior schedules from the suggestions' form, at 10:00 London time.
            await using var juniorContext = await app.NewContextAsync();
            var junior = await juniorContext.NewPageAsync();
            await PageChecks.SignInAsync(junior, Junior, PageChecks.DemoPassword);
            await junior.WaitForURLAsync("**/Participant");
            await junior.GotoAsync("/Participant/Sessions");
            await junior.Locator("li").Filter(new() { HasText = DemoData.PilotName })
                .GetByRole(AriaRole.Link, new() { Name = $"Schedule a session with {SeniorName}" }).ClickAsync();
            await Expect(junior.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Schedule a session with {SeniorName}");
            await Expect(junior.Locator("#zone-help")).ToContainTextAsync("In your time zone, Europe/London.");
            await junior.GetByLabel("Date").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await junior.GetByLabel("Start time").FillAsync("10:00");
            await junior.GetByLabel("Duration in minutes").FillAsync("60");
            await junior.GetByLabel("virtual", new() { Exact = false }).First.CheckAsync();
            await junior.GetByLabel("Where: room or address, or the meeting link").FillAsync("https://meet.example.com/amara-richard");
            await junior.GetByLabel("AI assistants").CheckAsync();
            await PageChecks.ScreenshotAsync(junior, "session-1-junior-schedules");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);
            await junior.GetByRole(AriaRole.Button, new() { Name = $"Schedule and invite {SeniorName}" }).ClickAsync();

            await junior.WaitForURLAsync(new Regex(@"/Participant/Sessions/\d+$"));
            var sessionPath = new Uri(junior.Url).AbsolutePath;
            await Expect(Described(junior, "When (your time)")).ToContainTextAsync("10:00–11:00 (Europe/London)");
            await PageChecks.ScreenshotAsync(junior, "session-2-junior-sees-it");

            // The senior finds it in their list at Berlin time and downloads the calendar file.
            await using var seniorContext = await app.NewContextAsync();
            var senior = await seniorContext.NewPageAsync();
            await PageChecks.SignInAsync(senior, Senior, PageChecks.DemoPassword);
            await senior.WaitForURLAsync("**/Participant");
            await senior.GotoAsync("/Participant/Sessions");
            var seniorTime = string.Create(CultureInfo.InvariantCulture, $"{seniorLocal:ddd d MMM yyyy}, {seniorLocal:HH:mm}–{seniorLocal.AddHours(1):HH:mm} (Europe/Berlin)");
            await Expect(senior.GetByRole(AriaRole.Link, new() { Name = seniorTime })).ToBeVisibleAsync();
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(senior);
            await senior.GotoAsync(sessionPath);
            await Expect(Described(senior, "When (your time)")).ToContainTextAsync(seniorTime);
            await Expect(Described(senior, $"When for {JuniorName}")).ToContainTextAsync("10:00–11:00 (Europe/London)");
            await PageChecks.ScreenshotAsync(senior, "session-3-senior-sees-berlin-time");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(senior);

            var download = await senior.RunAndWaitForDownloadAsync(() =>
                senior.GetByRole(AriaRole.Link, new() { Name = "Add to my calendar (.ics)" }).ClickAsync());
            Assert.EndsWith(".ics", download.SuggestedFilename, StringComparison.Ordinal);
            var calendar = await File.ReadAllTextAsync(await download.PathAsync());
            Assert.Contains("BEGIN:VEVENT", calendar, StringComparison.Ordinal);
            Assert.Contains($"DTSTART:{startsUtc:yyyyMMdd'T'HHmmss}Z", calendar, StringComparison.Ordinal);
            Assert.Contains("https://meet.example.com/amara-richard", calendar, StringComparison.Ordinal);

            // Ten days on, the meeting has happened: the junior logs it and rates it.
            app.Clock.Advance(TimeSpan.FromDays(10));
            await using var juniorLater = await app.NewContextAsync();
            junior = await juniorLater.NewPageAsync();
            await PageChecks.SignInAsync(junior, Junior, PageChecks.DemoPassword);
            await junior.WaitForURLAsync("**/Participant");
            await junior.GotoAsync(sessionPath);
            await junior.GetByRole(AriaRole.Link, new() { Name = "Log this session" }).ClickAsync();
            await junior.GetByLabel("How many minutes did you meet?").FillAsync("55");
            await junior.GetByLabel("Notes", new() { Exact = true }).FillAsync("Richard drafted his board summary with an assistant.");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);
            await junior.GetByRole(AriaRole.Button, new() { Name = "Log the session" }).ClickAsync();
            await RateAsync(junior, "5 – Excellent", "Great questions.", "session-4-junior-rates");

            // The senior adds a follow-up to the log and rates it too.
            await using var seniorLater = await app.NewContextAsync();
            senior = await seniorLater.NewPageAsync();
            await PageChecks.SignInAsync(senior, Senior, PageChecks.DemoPassword);
            await senior.WaitForURLAsync("**/Participant");
            await senior.GotoAsync(sessionPath);
            await Expect(senior.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Held");
            await senior.GetByRole(AriaRole.Link, new() { Name = "Edit the log" }).ClickAsync();
            await Expect(senior.GetByLabel("How many minutes did you meet?")).ToHaveValueAsync("55");
            await senior.GetByLabel("Follow-ups", new() { Exact = true }).FillAsync("Try the assistant on next week's report.");
            await senior.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await RateAsync(senior, "4 – Very good", "Practical and patient.", "session-5-senior-rates");

            await senior.GotoAsync(sessionPath);
            await Expect(Described(senior, "When (your time)")).ToContainTextAsync(seniorTime);
            await Expect(senior.GetByRole(AriaRole.Link, new() { Name = "Give feedback" })).ToHaveCountAsync(0);
            await PageChecks.ScreenshotAsync(senior, "session-6-held-and-rated");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private static async Task RateAsync(IPage page, string rating, string comment, string screenshot)
    {
        await page.WaitForURLAsync(new Regex(@"/Participant/Feedback/Give/\d+$"));
        await page.GetByLabel(rating).CheckAsync();
        await page.GetByLabel("Comment (optional)").FillAsync(comment);
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await page.WaitForURLAsync("**/Participant/Feedback");
        await Expect(page.Locator("main")).ToContainTextAsync(comment);
        await PageChecks.ScreenshotAsync(page, screenshot);
    }

    /// <summary>The definition next to a term in the session's details list.</summary>
    private static ILocator Described(IPage page, string term) =>
        page.Locator($"dt:text-is(\"{term}\") + dd");
}
