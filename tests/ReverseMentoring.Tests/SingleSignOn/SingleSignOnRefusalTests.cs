using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;

namespace ReverseMentoring.Tests.SingleSignOn;

/// <summary>Tokens the app must not trust, and people it must not let in: each ends on the sign-in page with a clear message.</summary>
public sealed class SingleSignOnRefusalTests(SingleSignOnApp app) : IClassFixture<SingleSignOnApp>
{
    [Theory]
    [InlineData("aud")]
    [InlineData("exp")]
    [InlineData("sig")]
    public async Task A_token_for_another_audience_an_expired_or_a_badly_signed_one_is_refused_and_makes_no_account(string token)
    {
        await AssertRefusedAsync("alice", token, SingleSignOnError.Failed);
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "ALICE.ADAMS@CONTOSO.TEST")));
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.OrgChart.CountAsync()));
    }

    [Fact]
    public async Task A_token_without_an_email_is_refused_with_a_clear_message_and_makes_no_account()
    {
        var before = await app.ExecuteDbContextAsync(db => db.Users.CountAsync());

        await AssertRefusedAsync("nomail", "valid", SingleSignOnError.NoEmail);

        Assert.Equal(before, await app.ExecuteDbContextAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_unverified_email_is_refused_and_makes_no_account()
    {
        await AssertRefusedAsync("unverified", "valid", SingleSignOnError.Unverified);

        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "UMA.UNVERIFIED@CONTOSO.TEST")));
    }

    [Fact]
    public async Task A_locked_out_account_is_refused()
    {
        var bob = await app.CreateUserAsync(Roles.Mentor, "bob.brown@contoso.test");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(bob.Id))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        await AssertRefusedAsync("bob", "valid", SingleSignOnError.Refused);

        await using var check = app.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Empty(await manager.GetLoginsAsync((await manager.FindByIdAsync(bob.Id))!));
    }

    private async Task AssertRefusedAsync(string person, string token, string error)
    {
        var client = app.HttpsClient();

        var response = await ProviderSignIn.SignInAsync(client, person, token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(SingleSignOnError.SignInPage(error), response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rm.auth=", StringComparison.Ordinal)));
        var page = await client.GetHtmlAsync(response.Headers.Location!.OriginalString);
        Assert.Contains(SingleSignOnError.Describe(error)!, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/Participant", UriKind.Relative))).StatusCode);
    }
}
