using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

[Collection(BrowserAppGroup.Name)]
public sealed class SignInTests(BrowserApp app)
{
    public static TheoryData<string, string, string, string> DemoAccounts => new()
    {
        { "HrCoordinator", "hr@demo.local", "/Coordinator", "To do" },
        { "Leadership", "leader@demo.local", "/Dashboard", "Uptake dashboard" },
        { "Mentor", "mentor01@demo.local", "/Participant", "My mentoring" },
        { "Mentee", "mentee01@demo.local", "/Participant", "My mentoring" },
    };

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task Each_role_signs_in_and_reaches_its_home_page(string role, string email, string homePath, string heading)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await PageChecks.SignInAsync(page, email, PageChecks.DemoPassword);

        await page.WaitForURLAsync(new Uri(app.BaseAddress, homePath).ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await PageChecks.ScreenshotAsync(page, $"home-{role}");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
    }

    [Fact]
    public async Task Wrong_password_keeps_the_person_on_the_sign_in_page_with_an_error()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        // An account no other test signs in with, so the failed attempt cannot count towards anyone's lockout.
        await PageChecks.SignInAsync(page, "mentor02@demo.local", "Not-the-password-2026");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The e-mail address or password is not right.");
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/Account/SignIn").ToString());
        await Expect(page.GetByLabel("Password")).ToBeEmptyAsync();
        await PageChecks.ScreenshotAsync(page, "sign-in-wrong-password");
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
    }
}
