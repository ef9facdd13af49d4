using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// The demo program has closed enrolment with 30 approved people. The coordinator runs the pairing, looks at the
/// proposal, pins a pair and is warned by a swap that would break the pin, and publishes after the confirmation;
/// a junior and the senior they were paired with both accept.
/// </summary>
[Collection(BrowserAppGroup.Name)]
public sealed class PairingJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_coordinator_runs_previews_pins_is_warned_by_a_swap_and_publishes_pairs_and_both_sides_accept()
    {
        await using var hrContext = await app.NewContextAsync();
        var hr = await hrContext.NewPageAsync();
        await PageChecks.SignInAsync(hr, DemoData.CoordinatorEmail, PageChecks.DemoPassword);
        await hr.WaitForURLAsync("**/Coordinator");
        await hr.GotoAsync("/Programs");

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

        // HR pins the first pair; a swap that would break the pin shows the new pairs' scores and names the pin,
        // and nothing changes until HR confirms. HR cancels.
        await proposed.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pin ") }).ClickAsync();
        var pinnedRow = proposed.GetByRole(AriaRole.Row).Filter(new() { HasText = "Pinned" });
        await Expect(pinnedRow).ToHaveCountAsync(1);
        var pinnedMentee = (await pinnedRow.GetByRole(AriaRole.Cell).Nth(1).InnerTextAsync()).Split('\n')[0].Trim();
        var otherRow = proposed.Locator("tbody tr").Filter(new() { HasNotText = "Pinned" }).First;
        await otherRow.GetByRole(AriaRole.Combobox).SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = (await otherRow.GetByRole(AriaRole.Option).Filter(new() { HasText = pinnedMentee + " (with" }).InnerTextAsync()).Trim() });
        await otherRow.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Swap…") }).ClickAsync();
        var swap = hr.GetByRole(AriaRole.Region, new() { Name = "Swap mentees?" });
        await Expect(swap).ToContainTextAsync("The swap removes this pin");
        await Expect(swap).ToContainTextAsync("%");
        await PageChecks.ScreenshotAsync(hr, "pairing-1b-swap-warns-of-pin");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);
        await swap.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(proposed.GetByRole(AriaRole.Row).Filter(new() { HasText = "Pinned" })).ToHaveCountAsync(1);

        // Publishing names how many pairs and e-mails, and what is still open, and asks again.
        await hr.GetByRole(AriaRole.Link, new() { Name = "Publish these pairs…" }).ClickAsync();
        var confirm = hr.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Publish \\d+ pairs\\?$") });
        await Expect(confirm).ToContainTextAsync("people get an e-mail now");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);
        await confirm.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Yes, publish \\d+ pairs?$") }).ClickAsync();
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
