using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// A new junior and a new senior work from their home pages: each accepts the proposed pair there, the junior plans
/// the first session from the to-do list, and after the meeting logs it from the same list. The senior works on a phone.
/// </summary>
[Collection(BrowserAppGroup.Name)]
public sealed class ParticipantJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_new_pair_accepts_plans_and_logs_from_their_home_pages_on_a_desktop_and_a_phone()
    {
        var seed = await JourneySeed.ProposedPairInPilotAsync(app, "home");
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, london)).AddDays(8);
        var phoneWidths = new List<string>();
        try
        {
            await using var juniorContext = await app.NewContextAsync();
            var junior = await juniorContext.NewPageAsync();
            await PageChecks.SignInAsync(junior, seed.JuniorEmail, PageChecks.DemoPassword);
            await junior.WaitForURLAsync("**/Participant");
            var card = junior.Locator("article").Filter(new() { HasText = seed.SeniorName });
            await Expect(junior.Locator("#to-do + ul")).ToContainTextAsync($"Answer your proposed pair with {seed.SeniorName}");
            await Expect(card).ToContainTextAsync(seed.SeniorGoals);
            await Expect(card).ToContainTextAsync("Why you were paired");
            await PageChecks.ScreenshotAsync(junior, "participant-1-junior-home-proposal");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);
            await card.GetByRole(AriaRole.Button, new() { Name = $"Accept {seed.SeniorName}" }).ClickAsync();
            await junior.WaitForURLAsync(new Regex($"/Participant/Programs/{seed.ProgramId}"));

            // The senior answers on a phone.
            await using var seniorContext = await app.NewContextAsync();
            var senior = await seniorContext.NewPageAsync();
            await senior.SetViewportSizeAsync(390, 844);
            await PageChecks.SignInAsync(senior, seed.SeniorEmail, PageChecks.DemoPassword);
            await senior.WaitForURLAsync("**/Participant");
            await NoSidewaysScrollAsync(senior, phoneWidths);
            await senior.Locator("article").Filter(new() { HasText = seed.JuniorName })
                .GetByRole(AriaRole.Button, new() { Name = $"Accept {seed.JuniorName}" }).ClickAsync();
            await senior.WaitForURLAsync(new Regex($"/Participant/Programs/{seed.ProgramId}"));
            await senior.GotoAsync("/Participant");
            await Expect(senior.Locator("article").Filter(new() { HasText = seed.JuniorName })).ToContainTextAsync("Confirmed");
            await NoSidewaysScrollAsync(senior, phoneWidths);
            await PageChecks.ScreenshotAsync(senior, "participant-2-senior-phone-confirmed");

            // The junior plans the first session from the to-do list, then sees it on the home page.
            await junior.GotoAsync("/Participant");
            await junior.GetByRole(AriaRole.Link, new() { Name = $"Plan your next session with {seed.SeniorName}" }).ClickAsync();
            await junior.GetByLabel("Date").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await junior.GetByLabel("Start time").FillAsync("10:00");
            await junior.GetByLabel("Duration in minutes").FillAsync("60");
            await junior.GetByLabel("virtual", new() { Exact = false }).First.CheckAsync();
            await junior.GetByLabel("Where: room or address, or the meeting link").FillAsync("https://meet.example.com/noor-margaret");
            await junior.GetByRole(AriaRole.Button, new() { Name = $"Schedule and invite {seed.SeniorName}" }).ClickAsync();
            await junior.WaitForURLAsync(new Regex(@"/Participant/Sessions/\d+$"));
            await junior.GotoAsync("/Participant");
            card = junior.Locator("article").Filter(new() { HasText = seed.SeniorName });
            await Expect(card.GetByRole(AriaRole.Link, new() { Name = $"Join the meeting with {seed.SeniorName}" })).ToHaveAttributeAsync("href", "https://meet.example.com/noor-margaret");
            await Expect(card.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Add to calendar") })).ToBeVisibleAsync();
            await Expect(card).ToContainTextAsync("10:00–11:00 (Europe/London)");
            await PageChecks.ScreenshotAsync(junior, "participant-3-junior-home-next-session");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);

            // The senior sees the same session at Berlin time on the phone.
            await senior.GotoAsync("/Participant");
            await Expect(senior.Locator("article").Filter(new() { HasText = seed.JuniorName })).ToContainTextAsync("11:00–12:00 (Europe/Berlin)");
            await NoSidewaysScrollAsync(senior, phoneWidths);

            // After the meeting (the sign-ins have expired by then), the junior logs it from the to-do list.
            app.Clock.Advance(TimeSpan.FromDays(9));
            await using var juniorLater = await app.NewContextAsync();
            junior = await juniorLater.NewPageAsync();
            await PageChecks.SignInAsync(junior, seed.JuniorEmail, PageChecks.DemoPassword);
            await junior.WaitForURLAsync("**/Participant");
            await PageChecks.ScreenshotAsync(junior, "participant-4-junior-home-to-log");
            await junior.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Log your session with {Regex.Escape(seed.SeniorName)}") }).ClickAsync();
            await junior.GetByLabel("How many minutes did you meet?").FillAsync("60");
            await junior.GetByLabel("Collaboration tools").CheckAsync();
            await junior.GetByRole(AriaRole.Button, new() { Name = "Log the session" }).ClickAsync();
            await junior.WaitForURLAsync(new Regex(@"/Participant/Feedback/Give/\d+$"));
            await junior.GotoAsync("/Participant");
            card = junior.Locator("article").Filter(new() { HasText = seed.SeniorName });
            await Expect(card).ToContainTextAsync("1 of 3 covered in 1 held session");
            await Expect(junior.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Give feedback on your session with {Regex.Escape(seed.SeniorName)}") })).ToBeVisibleAsync();

            // Every participant page the senior opens on the phone fits its width.
            await using var seniorLater = await app.NewContextAsync();
            senior = await seniorLater.NewPageAsync();
            await senior.SetViewportSizeAsync(390, 844);
            await PageChecks.SignInAsync(senior, seed.SeniorEmail, PageChecks.DemoPassword);
            await senior.WaitForURLAsync("**/Participant");
            foreach (var path in new[] { "/Participant/Sessions", "/Participant/Feedback", "/Participant/CheckIns", "/Participant/Skills", $"/Participant/Skills/Progress/{seed.PairId}", $"/Participant/Programs/{seed.ProgramId}", $"/Participant/Programs/{seed.ProgramId}/Resources", "/Account/MyData" })
            {
                var response = await senior.GotoAsync(path);
                Assert.True(response?.Ok, $"{path} answered {response?.Status}.");
                await NoSidewaysScrollAsync(senior, phoneWidths);
                await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(senior);
            }

            Assert.True(phoneWidths.Count == 0, $"Wider than a 390 px phone: {string.Join(", ", phoneWidths)}");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private static async Task NoSidewaysScrollAsync(IPage page, List<string> wide)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > 390)
        {
            wide.Add($"{new Uri(page.Url).PathAndQuery} ({width} px)");
        }
    }
}
