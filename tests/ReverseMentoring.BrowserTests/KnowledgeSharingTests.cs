using System.Globalization;
using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>A junior offers a knowledge-sharing session to the pilot's seniors; a senior signs up and takes the calendar file.</summary>
[Collection(BrowserAppGroup.Name)]
public sealed partial class KnowledgeSharingTests(BrowserApp app)
{
    private static readonly string Junior = DemoData.MentorEmail(3);
    private static readonly string Senior = DemoData.MenteeEmail(4);

    [Fact]
    public async Task A_junior_offers_a_session_and_a_senior_signs_up_and_takes_the_calendar_file()
    {
        var title = $"Spreadsheets with an assistant {Guid.NewGuid().ToString("N")[..6]}";
        var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(12);

        await using var juniorContext = await app.NewContextAsync();
        var junior = await juniorContext.NewPageAsync();
        await PageChecks.SignInAsync(junior, Junior, PageChecks.DemoPassword);
        await junior.WaitForURLAsync("**/Participant");
        await junior.GetByRole(AriaRole.Link, new() { Name = DemoData.PilotName, Exact = true }).First.ClickAsync();
        var pilotId = int.Parse(ProgramId().Match(junior.Url).Groups[1].Value, CultureInfo.InvariantCulture);

        await junior.GotoAsync($"/Knowledge/Offer?programId={pilotId}");
        await Expect(junior.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Offer a knowledge-sharing session");
        await junior.GetByLabel("Title: the topic you teach").FillAsync(title);
        await junior.GetByLabel("Date").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await junior.GetByLabel("Start time").FillAsync("12:30");
        await junior.GetByLabel("Seats").FillAsync("8");
        await junior.GetByLabel("virtual", new() { Exact = true }).CheckAsync();
        await junior.GetByLabel("Where: room or address, or the meeting link").FillAsync("https://meet.example.com/spreadsheets");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);
        await PageChecks.ScreenshotAsync(junior, "knowledge-1-junior-offers");
        await junior.GetByRole(AriaRole.Button, new() { Name = "Offer the session" }).ClickAsync();
        await junior.WaitForURLAsync(new Regex(@"/Knowledge/\d+$"));
        await Expect(junior.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        await Expect(junior.Locator("#seats")).ToHaveTextAsync("8 of 8 left");

        await using var seniorContext = await app.NewContextAsync();
        var senior = await seniorContext.NewPageAsync();
        await PageChecks.SignInAsync(senior, Senior, PageChecks.DemoPassword);
        await senior.WaitForURLAsync("**/Participant");
        await senior.GetByRole(AriaRole.Link, new() { Name = "Knowledge-sharing sessions" }).ClickAsync();
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(senior);
        await senior.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await senior.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(senior.Locator("#sign-up-outcome")).ToContainTextAsync("Your seat is confirmed");
        await Expect(senior.Locator("#seats")).ToHaveTextAsync("7 of 8 left");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(senior);

        var download = await senior.RunAndWaitForDownloadAsync(() =>
            senior.GetByRole(AriaRole.Link, new() { Name = "Add it to your calendar (.ics)" }).ClickAsync());
        Assert.EndsWith(".ics", download.SuggestedFilename, StringComparison.Ordinal);
        var calendar = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("BEGIN:VEVENT", calendar, StringComparison.Ordinal);
        Assert.Contains("https://meet.example.com/spreadsheets", calendar, StringComparison.Ordinal);

        // On a phone, the list and the session fit without scrolling sideways.
        await senior.SetViewportSizeAsync(390, 800);
        foreach (var path in new[] { "/Participant/Knowledge", new Uri(senior.Url).PathAndQuery })
        {
            await senior.GotoAsync(path);
            Assert.True(await senior.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, $"{path} is wider than 390 px.");
        }

        await PageChecks.ScreenshotAsync(senior, "knowledge-2-senior-has-a-seat-phone");
    }

    [GeneratedRegex(@"/Programs/(\d+)")]
    private static partial Regex ProgramId();
}
