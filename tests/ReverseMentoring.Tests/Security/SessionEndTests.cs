using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Privacy;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// A sign-in cookie stops working at its next request once the account signs out anywhere, changes its password, is
/// locked or is erased: every request checks the cookie's security stamp, and each of those renews it.
/// </summary>
public sealed class SessionEndTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Home = "/Participant";

    private async Task<HttpClient> SignedInAsync(AppUser user, string password = AppFactory.Password)
    {
        var client = app.Client();
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(Home, UriKind.Relative))).StatusCode);
        return client;
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri(Home, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next = "Brand-New-Password-7") =>
        client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Data.CurrentPassword"] = current,
            ["Data.NewPassword"] = next,
            ["Data.ConfirmPassword"] = next,
        });

    [Fact]
    public async Task Signing_out_ends_the_accounts_other_sessions_at_once()
    {
        var user = await app.CreateUserAsync(Roles.Mentor);
        var laptop = await SignedInAsync(user);
        var phone = await SignedInAsync(user);

        Assert.Equal(HttpStatusCode.Redirect, (await laptop.PostFormAsync("/Account/SignOut", [])).StatusCode);

        await AssertSignedOutAsync(laptop);
        await AssertSignedOutAsync(phone);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var user = await app.CreateUserAsync(Roles.Mentee);
        var laptop = await SignedInAsync(user);
        var stolen = await SignedInAsync(user);

        var changed = await ChangePasswordAsync(laptop, AppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(new Uri(Home, UriKind.Relative))).StatusCode);
        await AssertSignedOutAsync(stolen);
    }

    [Fact]
    public async Task An_account_locked_by_failed_sign_ins_loses_its_sessions_at_once()
    {
        var user = await app.CreateUserAsync(Roles.Mentor);
        var session = await SignedInAsync(user);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = "Guessed-Wrong-42" });
        }

        await AssertSignedOutAsync(session);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_as_failed_sign_ins_lock_the_account_and_sign_it_out()
    {
        var user = await app.CreateUserAsync(Roles.Mentor);
        var stolen = await SignedInAsync(user);
        var other = await SignedInAsync(user);

        for (var attempt = 1; attempt < 5; attempt++)
        {
            var wrong = await ChangePasswordAsync(stolen, $"Guess-Number-{attempt}x");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("The current password is not right.", HttpClientForms.FieldError(await wrong.Content.ReadAsStringAsync(), "Data.CurrentPassword"));
        }

        var fifth = await ChangePasswordAsync(stolen, "Guess-Number-5x");

        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Equal("/Account/SignIn", fifth.Headers.Location?.OriginalString);
        var lockoutEnd = await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync());
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        await AssertSignedOutAsync(stolen);
        await AssertSignedOutAsync(other);
        var rightPassword = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        var hash = await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync());
        Assert.Equal(user.PasswordHash, hash);
    }

    [Fact]
    public async Task An_erased_persons_signed_in_session_ends_at_once()
    {
        var person = await app.CreateUserAsync(Roles.Mentor);
        var coordinator = await app.CreateUserAsync(Roles.HrCoordinator);
        var session = await SignedInAsync(person);

        await app.SendAsync(new ErasePerson.Command { UserId = person.Id, ConfirmEmail = person.Email! }, AppFactory.PrincipalFor(coordinator, Roles.HrCoordinator));

        await AssertSignedOutAsync(session);
    }
    [Fact]
    public async Task A_role_taken_away_or_given_counts_from_the_next_request()
    {
        var user = await app.CreateUserAsync(Roles.Mentor);
        await ChangeRolesAsync(user, (um, u) => um.AddToRoleAsync(u, Roles.HrCoordinator));
        var session = await SignedInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(new Uri("/Coordinator", UriKind.Relative))).StatusCode);

        await ChangeRolesAsync(user, (um, u) => um.RemoveFromRoleAsync(u, Roles.HrCoordinator));

        var refused = await session.GetAsync(new Uri("/Coordinator", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("http://localhost/Account/AccessDenied", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(new Uri(Home, UriKind.Relative))).StatusCode);

        await ChangeRolesAsync(user, (um, u) => um.AddToRoleAsync(u, Roles.HrCoordinator));

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(new Uri("/Coordinator", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_cookie_that_is_still_current_is_not_issued_again_on_every_request()
    {
        var user = await app.CreateUserAsync(Roles.Mentee);
        var session = await SignedInAsync(user);

        var page = await session.GetAsync(new Uri(Home, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("rm.auth=", StringComparison.Ordinal));
    }

    private Task ChangeRolesAsync(AppUser user, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change) =>
        app.RunAsAsync(null, async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var result = await change(users, (await users.FindByIdAsync(user.Id))!);
            Assert.True(result.Succeeded, string.Join(' ', result.Errors.Select(e => e.Description)));
        });
}
