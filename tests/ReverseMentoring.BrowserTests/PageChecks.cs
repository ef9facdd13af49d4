using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace ReverseMentoring.BrowserTests;

internal static class PageChecks
{
    public const string DemoPassword = "Mentoring-Demo-2026";

    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserApp.ScreenshotFolder, $"{name}.png"),
            FullPage = true,
        });
    }

    public static async Task AssertNoSeriousAccessibilityViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations
            .Where(v => BlockingImpacts.Contains(v.Impact, StringComparer.OrdinalIgnoreCase))
            .ToList();
        Assert.True(blocking.Count == 0, Describe(page.Url, blocking));
    }

    private static string Describe(string url, List<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        text.Append("Serious or critical accessibility violations on ").Append(url).AppendLine(":");
        foreach (var violation in violations)
        {
            text.Append("  ").Append(violation.Id).Append(" (").Append(violation.Impact).Append("): ").AppendLine(violation.Help);
            foreach (var node in violation.Nodes)
            {
                var checks = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message);
                text.Append("    ").Append(node.Target).Append("  ").AppendLine(string.Join(" ", checks));
            }
        }

        return text.ToString();
    }
}
