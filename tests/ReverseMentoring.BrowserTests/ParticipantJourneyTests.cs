using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// A new junior and a new senior work from their home pages: each accepts the proposed pair there, both sign the pair
/// agreement, the senior sets a goal, they exchange messages, the junior plans the first session from the to-do list and
/// after the meeting logs it, ticking the goal; then the senior tells HR privately that something is wrong, HR reads it
/// on its to-do list and the pair's page, and the junior is told nothing. The senior works on a phone throughout.
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

            // Both sign the pair agreement from their to-do lists; the senior sets a goal; they exchange messages.
            const string goal = "Run the quarterly planning in a shared workspace";
            const string hello = "Hello Margaret, shall we start with your team's planning board?";
            await junior.GotoAsync("/Participant");
            await junior.GetByRole(AriaRole.Link, new() { Name = $"Sign your pair agreement with {seed.SeniorName}" }).ClickAsync();
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);
            await junior.GetByRole(AriaRole.Button, new() { Name = "Sign version 1" }).ClickAsync();
            await junior.WaitForURLAsync($"**/Participant/Pairs/{seed.PairId}/Agreement");
            await senior.GotoAsync("/Participant");
            await senior.GetByRole(AriaRole.Link, new() { Name = $"Sign your pair agreement with {seed.JuniorName}" }).ClickAsync();
            await NoSidewaysScrollAsync(senior, phoneWidths);
            await senior.GetByRole(AriaRole.Button, new() { Name = "Sign version 1" }).ClickAsync();
            await senior.WaitForURLAsync($"**/Participant/Pairs/{seed.PairId}/Agreement");
            await PageChecks.ScreenshotAsync(senior, "participant-2a-senior-phone-agreement-signed");
            await senior.GotoAsync("/Participant");
            await Expect(senior.Locator("article").Filter(new() { HasText = seed.JuniorName })).ToContainTextAsync("Pair agreement: signed by you both.");
            await senior.GetByRole(AriaRole.Link, new() { Name = $"Goals with {seed.JuniorName}", Exact = true }).ClickAsync();
            await senior.GetByLabel("Title").Last.FillAsync(goal);
            await senior.GetByRole(AriaRole.Button, new() { Name = "Add the goal" }).ClickAsync();
            await Expect(senior.Locator("main")).ToContainTextAsync(goal);
            await NoSidewaysScrollAsync(senior, phoneWidths);
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(senior);

            await junior.GotoAsync("/Participant");
            await Expect(junior.Locator("article").Filter(new() { HasText = seed.SeniorName })).ToContainTextAsync(goal);
            await junior.GetByRole(AriaRole.Link, new() { Name = $"Messages with {seed.SeniorName}", Exact = true }).ClickAsync();
            await junior.GetByLabel("Message", new() { Exact = true }).FillAsync(hello);
            await junior.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Expect(junior.Locator("main")).ToContainTextAsync(hello);
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);

            await senior.GotoAsync("/Participant");
            await Expect(senior.Locator("article").Filter(new() { HasText = seed.JuniorName }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Messages") }))
                .ToContainTextAsync("1 new");
            await PageChecks.ScreenshotAsync(senior, "participant-2b-senior-phone-unread-message");
            await senior.GetByRole(AriaRole.Link, new() { Name = $"Read 1 new message from {seed.JuniorName}" }).ClickAsync();
            await Expect(senior.Locator("main")).ToContainTextAsync(hello);
            await senior.GetByLabel("Message", new() { Exact = true }).FillAsync("Yes please, Tuesday works for me.");
            await senior.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Expect(senior.Locator("main")).ToContainTextAsync("Tuesday works for me");
            await NoSidewaysScrollAsync(senior, phoneWidths);
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(senior);
            await senior.GotoAsync("/Participant");
            await Expect(senior.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Read .* new message") })).ToHaveCountAsync(0);

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
            await junior.GetByLabel(new Regex($"^Moved forward in this session: {Regex.Escape(goal)}")).CheckAsync();
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(junior);
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

            // The senior tells HR privately that something is wrong; the junior is told nothing.
            const string concern = "He talks over me when I ask basic questions; I would rather HR knew.";
            await senior.GetByRole(AriaRole.Link, new() { Name = $"Tell HR privately something is wrong in your pair with {seed.JuniorName}" }).ClickAsync();
            await NoSidewaysScrollAsync(senior, phoneWidths);
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(senior);
            await senior.GetByLabel("Power dynamics").CheckAsync();
            await senior.GetByLabel("What is wrong").FillAsync(concern);
            await senior.GetByRole(AriaRole.Button, new() { Name = "Send to HR" }).ClickAsync();
            await Expect(senior.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
            await PageChecks.ScreenshotAsync(senior, "participant-5-senior-phone-concern-sent");

            await using var hrContext = await app.NewContextAsync();
            var hr = await hrContext.NewPageAsync();
            await PageChecks.SignInAsync(hr, ReverseMentoring.Web.Data.DemoData.CoordinatorEmail, PageChecks.DemoPassword);
            await hr.WaitForURLAsync("**/Coordinator");
            var concerns = hr.Locator("section").Filter(new() { Has = hr.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Concerns raised") }) });
            await Expect(concerns).ToContainTextAsync("Urgent");
            await concerns.GetByRole(AriaRole.Link, new() { Name = $"{seed.JuniorName} and {seed.SeniorName}" }).ClickAsync();
            await Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Concerns raised with HR" })).ToBeVisibleAsync();
            await Expect(hr.Locator("main")).ToContainTextAsync(concern);
            await Expect(hr.Locator("main")).Not.ToContainTextAsync(hello);
            await PageChecks.ScreenshotAsync(hr, "participant-6-hr-reads-the-concern");
            await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);

            await junior.GotoAsync("/Participant");
            await Expect(junior.Locator("main")).Not.ToContainTextAsync("oncern");
            await junior.GotoAsync($"/Participant/Pairs/{seed.PairId}/Messages");
            await Expect(junior.Locator("main")).Not.ToContainTextAsync(concern);

            foreach (var path in new[] { "/Participant/Sessions", "/Participant/Feedback", "/Participant/CheckIns", "/Participant/Skills", $"/Participant/Skills/Progress/{seed.PairId}", $"/Participant/Programs/{seed.ProgramId}", $"/Participant/Programs/{seed.ProgramId}/Resources", "/Account/MyData",
                $"/Participant/Pairs/{seed.PairId}/Messages", $"/Participant/Pairs/{seed.PairId}/Agreement", $"/Participant/Pairs/{seed.PairId}/Goals",
                $"/Participant/Pairs/{seed.PairId}/Concern", "/Participant/Journal", "/Participant/Journal/Write", "/Account/Profile", "/Participant" })
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
