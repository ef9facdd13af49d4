using ReverseMentoring.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>HR reads what participants wrote at their check-ins, starting from the program as a new coordinator would.</summary>
[Collection(BrowserAppGroup.Name)]
public sealed class CheckInAnswersTests(BrowserApp app)
{
    [Fact]
    public async Task A_coordinator_opens_the_pilots_check_in_answers_and_reads_a_text_answer()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, DemoData.CoordinatorEmail, PageChecks.DemoPassword);
        await page.WaitForURLAsync("**/Coordinator");

        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.PilotName, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Check-ins", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Read the answers", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Check-in answers of {DemoData.PilotName}");

        await page.GetByLabel("Question").SelectOptionAsync(new SelectOptionValue { Label = "What has changed in how you work?" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show answers", Exact = true }).ClickAsync();

        var answers = page.GetByRole(AriaRole.Table);
        var firstAnswer = (await answers.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Cell).Last.InnerTextAsync()).Trim();
        Assert.Contains(firstAnswer, DemoData.SeniorChanges.Concat(DemoData.JuniorChanges));
        // Filtered to the text question, no other question's answers remain in the table.
        await Expect(answers.GetByRole(AriaRole.Cell, new() { Name = "How useful are your sessions so far?" })).ToHaveCountAsync(0);
        await Expect(answers.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Link)).ToContainTextAsync(" and ");

        await PageChecks.ScreenshotAsync(page, "check-in-answers-text");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
    }
}
