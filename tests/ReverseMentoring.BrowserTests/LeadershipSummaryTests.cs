using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>Leadership opens the demo's dashboard, reads its summary and saves the printable view, charts and all, as a PDF.</summary>
[Collection(BrowserAppGroup.Name)]
public sealed class LeadershipSummaryTests(BrowserApp app)
{
    [Fact]
    public async Task Leadership_reads_the_summary_and_saves_the_printable_view_with_its_charts_as_pdf()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, "leader@demo.local", PageChecks.DemoPassword);
        await page.WaitForURLAsync(new Uri(app.BaseAddress, "/Dashboard").ToString());

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Summary", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-summary=sessions]")).ToContainTextAsync("Sessions held");
        await Expect(page.GetByText("No dates are chosen, so the summary covers", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print or save as PDF" })).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "leadership-summary");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Printable view" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(app.BaseAddress, "/Dashboard/Print").ToString());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print or save as PDF" })).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "leadership-print");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.True(await page.Locator("svg.svg-chart").CountAsync() >= 3, "The printable view draws its charts as SVG.");
        await Expect(page.Locator("svg.svg-chart").First).ToBeVisibleAsync();
        await Expect(page.Locator("#heading-summary")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print or save as PDF" })).ToBeHiddenAsync();
        await PageChecks.ScreenshotAsync(page, "leadership-print-media");

        var path = Path.Combine(BrowserApp.ScreenshotFolder, "leadership-summary.pdf");
        var pdf = await page.PdfAsync(new() { Path = path, Format = "A4", PrintBackground = true });

        Assert.True(pdf.Length > 20_000, $"The PDF has only {pdf.Length} bytes.");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.True(File.Exists(path));
    }
}
