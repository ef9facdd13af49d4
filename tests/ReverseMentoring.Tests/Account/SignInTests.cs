using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;

using ReverseMentoring.Web.Features.Privacy;

namespace ReverseMentoring.Tests.Account;

public sealed class SignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(Roles.HrCoordinator, "/Coordinator")]
    [InlineData(Roles.Leadership, "/Dashboard")]
    [InlineData(Roles.Mentor, "/Participant")]
    [InlineData(Roles.Mentee, "/Participant")]
    public async Task Signing_in_goes_to_the_roles_home_page(string role, string home)
    {
        var user = await app.CreateUserAsync(role);
        var client = app.Client();

        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("rm.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(home, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_who_is_also_a_mentee_starts_at_programs()
    {
        var user = await app.CreateUserAsync(Roles.Mentee);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(user.Id))!, Roles.HrCoordinator);
        }

        var response = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });

        Assert.Equal("/Coordinator", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_local_return_url_is_followed_and_a_foreign_one_is_not()
    {
        var user = await app.CreateUserAsync(Roles.HrCoordinator);

        var local = await app.Client().PostFormAsync("/Account/SignIn?ReturnUrl=%2FDashboard", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password, ["ReturnUrl"] = "/Dashboard" });
        var foreign = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password, ["ReturnUrl"] = "https://evil.example/" });

        Assert.Equal("/Dashboard", local.Headers.Location?.OriginalString);
        Assert.Equal("/Coordinator", foreign.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        var user = await app.CreateUserAsync(Roles.Mentor);

        var wrongPassword = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = "Not-The-Password-1" });
        var unknownEmail = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "nobody@example.com", ["Data.Password"] = "Not-The-Password-1" });

        foreach (var response in new[] { wrongPassword, unknownEmail })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("The e-mail address or password is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rm.auth=", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Empty_fields_are_shown_next_to_each_field_with_400()
    {
        var response = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "", ["Data.Password"] = "" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Enter your e-mail address.", HttpClientForms.FieldError(html, "Data.Email"));
        Assert.Equal("Enter your password.", HttpClientForms.FieldError(html, "Data.Password"));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var user = await app.CreateUserAsync(Roles.Mentee);
        var client = app.Client();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = "Wrong-Password-99" });
        }

        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });

        // Refused with the one message every failed sign-in gets: "locked" would tell that the account exists.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SignInModel.Failure, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rm.auth=", StringComparison.Ordinal)));
        var lockoutEnd = await app.ExecuteDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.Id == user.Id).LockoutEnd));
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task Signing_in_without_the_anti_forgery_token_is_refused()
    {
        var user = await app.CreateUserAsync(Roles.Mentor);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });

        var response = await app.Client().PostAsync(new Uri("/Account/SignIn", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.SignedInClientAsync(Roles.Mentor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Participant", UriKind.Relative))).StatusCode);

        var signOut = await client.PostFormAsync("/Account/SignOut", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var after = await client.GetAsync(new Uri("/Participant", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", after.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
