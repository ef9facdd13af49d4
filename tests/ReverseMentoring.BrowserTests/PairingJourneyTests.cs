using System.Text.RegularExpressions;
using ReverseMentoring.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// The demo program has closed enrolment with 30 people waiting for HR. The coordinator sees them on the to-do list,
/// approves all of them in one bulk action, runs the pairing, pins a pair and is warned by a swap that would break the
/// pin, pairs by hand the senior no junior fits well enough, and publishes after the confirmation; a junior and the
/// senior they were paired with both accept, another senior declines, and the decline is on HR's to-do list.
/// </summary>
[Collection(BrowserAppGroup.Name)]
public sealed class PairingJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_coordinator_approves_in_bulk_runs_pins_is_warned_by_a_swap_pairs_by_hand_publishes_and_sees_a_decline()
    {
        await using var hrContext = await app.NewContextAsync();
        var hr = await hrContext.NewPageAsync();
        await PageChecks.SignInAsync(hr, DemoData.CoordinatorEmail, PageChecks.DemoPassword);
        await hr.WaitForURLAsync("**/Coordinator");
        var toReview = hr.Locator("section[data-kind='EnrolmentToReview']");
        await Expect(toReview.GetByRole(AriaRole.Heading)).ToContainTextAsync("30");
        await hr.GotoAsync("/Programs");

        // All 30 enrolments approved in one action, after a confirmation that names them.
        await hr.GetByRole(AriaRole.Link, new() { Name = DemoData.ProgramName }).ClickAsync();
        await hr.GetByRole(AriaRole.Link, new() { Name = "Enrolments", Exact = true }).ClickAsync();
        await hr.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^All 30 enrolments") }).CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Approve…" }).ClickAsync();
        await Expect(hr.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Approve 30 enrolments?");
        await Expect(hr.Locator("#bulk-who")).ToContainTextAsync(new Regex("^Approve 30 enrolments: .+ and 20 more\\.$"));
        await PageChecks.ScreenshotAsync(hr, "pairing-0-bulk-approve");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Approve 30 enrolments" }).ClickAsync();
        await Expect(hr.Locator("#bulk-report")).ToBeVisibleAsync();
        await Expect(hr.GetByRole(AriaRole.Table).GetByText("Pending", new() { Exact = true })).ToHaveCountAsync(0);

        await hr.GetByRole(AriaRole.Link, new() { Name = "Pairing", Exact = true }).ClickAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Run pairing" }).ClickAsync();

        // The preview: nine seniors paired with a junior, every pair with its score and reasons; the tenth, who fits
        // no junior well enough, is left unmatched with that reason.
        var proposed = hr.GetByRole(AriaRole.Table, new() { Name = "Proposed pairs with their scores and reasons" });
        await Expect(proposed.GetByRole(AriaRole.Row)).ToHaveCountAsync(10);
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

        // HR pairs the unmatched senior by hand: the pair's score and reasons show first, then it is pinned.
        var unmatched = hr.GetByRole(AriaRole.Table, new() { Name = "People this run left unmatched, with the reason" });
        var awkward = DemoData.SeniorNames[^1];
        await unmatched.GetByRole(AriaRole.Button, new() { Name = $"Pair… {awkward}" }).ClickAsync();
        var hand = hr.GetByRole(AriaRole.Region, new() { NameRegex = new Regex($"^Pair {Regex.Escape(awkward)} with ") });
        await Expect(hand).ToContainTextAsync("%");
        await PageChecks.ScreenshotAsync(hr, "pairing-1c-pair-by-hand");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);
        await hand.GetByRole(AriaRole.Button, new() { Name = "Yes, pin this pair" }).ClickAsync();
        await Expect(proposed.GetByRole(AriaRole.Row)).ToHaveCountAsync(11);
        // The mentee's own cell, not the swap lists of the other rows, which name every mentee.
        var handPaired = proposed.Locator("tbody tr").Filter(new() { Has = hr.Locator("td:nth-child(2)", new() { HasText = awkward }) });
        await Expect(handPaired).ToContainTextAsync("Pinned");

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

        // Another senior declines; the decline is on HR's to-do list, one click from the pairing board.
        var decliner = DemoData.SeniorNames.First(name => name != partner && name != awkward);
        await using var declinerContext = await app.NewContextAsync();
        var declining = await declinerContext.NewPageAsync();
        await PageChecks.SignInAsync(declining, DemoData.MenteeEmail(Array.IndexOf(DemoData.SeniorNames, decliner) + 1), PageChecks.DemoPassword);
        await declining.WaitForURLAsync("**/Participant");
        await declining.GetByRole(AriaRole.Link, new() { Name = DemoData.ProgramName, Exact = true }).First.ClickAsync();
        await declining.GetByRole(AriaRole.Link, new() { Name = "Decline", Exact = true }).ClickAsync();
        await declining.GetByRole(AriaRole.Button, new() { Name = "Yes, decline this pair" }).ClickAsync();
        await Expect(declining.GetByRole(AriaRole.Link, new() { Name = "Decline", Exact = true })).ToHaveCountAsync(0);

        await hr.GotoAsync("/Coordinator");
        var declines = hr.Locator("section[data-kind='DeclineToRepair']");
        await Expect(declines).ToContainTextAsync($"Declined by {decliner} (mentee)");
        await Expect(hr.Locator("section[data-kind='EnrolmentToReview']")).ToHaveCountAsync(0);
        await PageChecks.ScreenshotAsync(hr, "pairing-6-todo-shows-decline");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(hr);
        await declines.GetByRole(AriaRole.Link).First.ClickAsync();
        await hr.WaitForURLAsync("**/Pairing");
    }

    /// <summary>Signs in, opens the demo program and accepts the proposed pair; returns the partner's name, or null with no pair.</summary>
    private static async Task<string?> AcceptAsync(IPage page, string email, string screenshot)
    {
        await PageChecks.SignInAsync(page, email, PageChecks.DemoPassword);
        await page.WaitForURLAsync("**/Participant");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.ProgramName, Exact = true }).First.ClickAsync();
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
