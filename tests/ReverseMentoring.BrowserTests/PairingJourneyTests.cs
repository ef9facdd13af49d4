using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// The demo program has closed enrolment with 30 approved people. The coordinator runs the pairing, looks at the
/// proposal and publishes it; a junior and the senior they were paired with both accept.
/// </summary>
[Collection(BrowserAppGroup.Name)]
public sealed class PairingJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_coordinator_runs_previews_and_publishes_pairs_and_both_sides_accept()
    {
        await using var hrContext = await app.NewContextAsync();
        var hr = await hrContext.NewPageAsync();
        await PageChecks.SignInAsync(hr, DemoData.CoordinatorEmail, PageChecks.DemoPassword);
        await hr.WaitForURLAsync("**/Programs");

        await hr.GetByRole(AriaRole.Link, new() { Name = DemoData.ProgramName }).ClickAsync();
        await hr.GetByRole(AriaRole.Link, new() { Name = "Pairing", Exact = true }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Run pairing" }).ClickAsync();

        // The preview: ten seniors, each paired with a junior, every pair with its score and reasons.
        var proposed = hr.GetByRole(AriaRole.Table, new() { Name = "Proposed pairs with their scores and reasons" });
        await Expect(proposed.GetByRole(AriaRole.Row)).ToHaveCountAsync(11);
        await Expect(proposed).ToContainTextAsync("%");
        var firstMentorCell = await proposed.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Cell).First.InnerTextAsync();
        var juniorName = DemoData.JuniorNames.Single(name => firstMentorCell.Contains(name, StringComparison.Ordinal));
        await PageChecks.ScreenshotAsync(hr, "pairing-1-preview");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);

        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish these pairs" }).ClickAsync();
        var published = hr.Locator("section[aria-labelledby='published-heading']");
        await Expect(published.GetByRole(AriaRole.Row)).ToHaveCountAsync(11);
        await PageChecks.ScreenshotAsync(hr, "pairing-2-published");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);

        // The junior of the first pair accepts the senior the pairing proposed.
        await using var juniorContext = await app.NewContextAsync();
        var junior = await juniorContext.NewPageAsync();
        var partner = await AcceptAsync(junior, DemoData.MentorEmail(Array.IndexOf(DemoData.JuniorNames, juniorName) + 1), "pairing-3-junior-accepts");
        Assert.NotNull(partner);

        // That senior accepts too, and both see the pair confirmed.
        var seniorEmail = DemoData.MenteeEmail(Array.IndexOf(DemoData.SeniorNames, partner) + 1);
        await using var seniorContext = await app.NewContextAsync();
        var senior = await seniorContext.NewPageAsync();
        Assert.Equal(juniorName, await AcceptAsync(senior, seniorEmail, "pairing-4-senior-accepts"));
        await Expect(senior.GetByText("You both accepted: your pair is confirmed.")).ToBeVisibleAsync();

        await junior.ReloadAsync();
        await Expect(junior.GetByText("You both accepted: your pair is confirmed.")).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(junior, "pairing-5-confirmed");
    }

    /// <summary>Signs in, opens the demo program and accepts the proposed pair; returns the partner's name, or null with no pair.</summary>
    private static async Task<string?> AcceptAsync(IPage page, string email, string screenshot)
    {
        await PageChecks.SignInAsync(page, email, PageChecks.DemoPassword);
        await page.WaitForURLAsync("**/Participant");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.ProgramName }).First.ClickAsync();
        var accept = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Accept ") });
        if (await accept.CountAsync() == 0)
        {
            return null;
        }

        var partner = (await accept.InnerTextAsync())["Accept ".Length..].Trim();
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
        await accept.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Accept ") })).ToHaveCountAsync(0);
        await PageChecks.ScreenshotAsync(page, screenshot);
        return partner;
    }
}
