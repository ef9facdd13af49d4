namespace ReverseMentoring.BrowserTests;

[Collection(BrowserAppGroup.Name)]
public sealed class PublicPageTests(BrowserApp app)
{
    [Theory]
    [InlineData("/", "front-page")]
    [InlineData("/Account/SignIn", "sign-in")]
    public async Task Anonymous_pages_have_no_serious_accessibility_violations(string path, string screenshot)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(path);

        Assert.True(response?.Ok, $"GET {path} answered {response?.Status}.");
        await PageChecks.ScreenshotAsync(page, screenshot);
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
    }
}
