using System.Net;
using ReverseMentoring.Web.Features.Account;

namespace ReverseMentoring.Tests.SingleSignOn;

/// <summary>Where single sign-on is the only way in: no password field, no registration, passwords for break-glass coordinators only.</summary>
public sealed class BreakGlassSignInTests(SingleSignOnOnlyApp app) : IClassFixture<SingleSignOnOnlyApp>
{
    [Fact]
    public async Task The_sign_in_page_shows_only_the_single_sign_on_button_and_the_break_glass_link()
    {
        var html = await app.HttpsClient().GetHtmlAsync("/Account/SignIn");

        Assert.DoesNotContain("type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("Sign in with Contoso", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/BreakGlassSignIn\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listed_coordinator_signs_in_with_a_password_at_the_break_glass_page()
    {
        await app.CreateUserAsync(Roles.HrCoordinator, SingleSignOnOnlyApp.BreakGlassEmail);

        var response = await app.HttpsClient().PostFormAsync("/Account/BreakGlassSignIn", new()
        {
            ["Data.Email"] = SingleSignOnOnlyApp.BreakGlassEmail,
            ["Data.Password"] = AppFactory.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Coordinator", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/Account/BreakGlassSignIn")]
    [InlineData("/Account/SignIn")]
    public async Task Anyone_else_is_refused_with_the_answer_a_wrong_password_gets(string page)
    {
        var coordinator = await app.CreateUserAsync(Roles.HrCoordinator);
        var mentor = await app.CreateUserAsync(Roles.Mentor);

        foreach (var user in new[] { coordinator, mentor })
        {
            // The sign-in page has no password form here; a post made up by hand is refused all the same.
            var response = await app.HttpsClient().PostFormAsync(page, new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password },
                "/Account/BreakGlassSignIn");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(SignInModel.Failure, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rm.auth=", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Registration_is_refused_and_goes_through_single_sign_on()
    {
        var client = app.HttpsClient();

        var page = await client.GetHtmlAsync("/Account/Register");
        var response = await client.PostFormAsync("/Account/Register", new()
        {
            ["Data.Email"] = "new.person@contoso.test",
            ["Data.DisplayName"] = "New Person",
            ["Data.TimeZoneId"] = "Europe/London",
            ["Data.JoiningAs"] = Roles.Mentor,
            ["Data.Password"] = "A-Good-Password-2026",
            ["Data.ConfirmPassword"] = "A-Good-Password-2026",
        });

        Assert.Contains("data-registration-refused", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Passwords are not used here", HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Email"), StringComparison.Ordinal);
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Users, u => u.NormalizedEmail == "NEW.PERSON@CONTOSO.TEST")));
    }

    [Fact]
    public async Task A_person_who_signs_in_with_single_sign_on_cannot_set_a_password()
    {
        var client = app.HttpsClient();
        await ProviderSignIn.SignInAsync(client, "bob");

        var response = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Data.CurrentPassword"] = "Anything-At-All-1",
            ["Data.NewPassword"] = "Brand-New-Password-7",
            ["Data.ConfirmPassword"] = "Brand-New-Password-7",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Passwords are not used here", HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.CurrentPassword"), StringComparison.Ordinal);
    }
}
