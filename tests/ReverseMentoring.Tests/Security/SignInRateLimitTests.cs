using System.Net;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Security;

/// <summary>The app with a low sign-in rate limit and a long window, so the limit is reached quickly and stays reached.</summary>
public sealed class RateLimitedApp : AppFactory
{
    public const int Limit = 3;

    public RateLimitedApp()
    {
        With("RateLimiting:PermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("RateLimiting:WindowSeconds", "3600");
    }
}

/// <summary>Each test starts its own app: the limit is per client address, and every test client shares one.</summary>
public sealed class SignInRateLimitTests
{
    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = password });

    [Fact]
    public async Task Sign_ins_beyond_the_limit_are_refused_with_429_a_friendly_page_and_when_to_retry()
    {
        using var app = new RateLimitedApp();
        var user = await app.CreateUserAsync(Roles.Mentor);
        var client = app.Client();
        for (var i = 0; i < RateLimitedApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, $"nobody{i}@example.com", "Wrong-Password-1")).StatusCode);
        }

        // Even the right password: the limit is on attempts from the address, whoever they are for.
        var refused = await SignInAsync(client, user.Email!, AppFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        var html = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Too many attempts", html, StringComparison.Ordinal);
        Assert.Contains("Wait a minute, then try again.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("rm.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registration_posts_count_towards_the_same_limit_and_pages_still_open()
    {
        using var app = new RateLimitedApp();
        var client = app.Client();
        for (var i = 0; i < RateLimitedApp.Limit; i++)
        {
            await client.PostFormAsync("/Account/Register", new() { ["Data.Email"] = "not an address" });
        }

        var register = await client.PostFormAsync("/Account/Register", new() { ["Data.Email"] = "not an address" });
        var signIn = await SignInAsync(client, "someone@example.com", "Wrong-Password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Account/SignIn", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Lockout_still_locks_an_account_below_the_rate_limit()
    {
        using var app = new AppFactory().With("RateLimiting:PermitLimit", "8").With("RateLimiting:WindowSeconds", "3600");
        var user = await app.CreateUserAsync(Roles.Mentee);
        var client = app.Client();
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(client, user.Email!, "Wrong-Password-1");
        }

        var locked = await SignInAsync(client, user.Email!, AppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.DoesNotContain(locked.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("rm.auth=", StringComparison.Ordinal));
        var lockoutEnd = await app.ExecuteDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.Id == user.Id).LockoutEnd));
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }
}
