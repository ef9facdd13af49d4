using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// The sign-in limit counts the page a post reaches, not the text of its path: once it answers 429, no other spelling
/// of the same page (case, trailing slash, percent-encoding, a handler name) gets a try in.
/// </summary>
public sealed class RateLimitByEndpointTests
{
    public static TheoryData<string> SignInSpellings => new()
    {
        "/Account/SignIn/",
        "/account/signin",
        "/ACCOUNT/SIGNIN/",
        "/Account/Sign%49n",
        "/Account/SignIn?handler=Other",
        "/Account/SignIn/?ReturnUrl=%2F",
    };

    public static TheoryData<string> RegisterSpellings => new()
    {
        "/Account/Register/",
        "/account/REGISTER",
        "/Account/Regist%65r",
        "/Account/Register?handler=Other",
    };

    private static bool SetsSignInCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rm.auth=", StringComparison.Ordinal));

    private static async Task UseUpTheLimitAsync(HttpClient client)
    {
        for (var i = 0; i < RateLimitedApp.Limit; i++)
        {
            var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = $"nobody{i}@example.com", ["Data.Password"] = "Wrong-Password-1" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "nobody@example.com", ["Data.Password"] = "Wrong-Password-1" })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(SignInSpellings))]
    public async Task Another_spelling_of_the_sign_in_path_is_limited_too(string spelling)
    {
        using var app = new RateLimitedApp();
        var user = await app.CreateUserAsync(Roles.Mentor);
        var client = app.Client();
        await UseUpTheLimitAsync(client);

        var response = await client.PostFormAsync(spelling, new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password }, formPage: "/Account/SignIn");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.False(SetsSignInCookie(response));
    }

    [Theory]
    [MemberData(nameof(RegisterSpellings))]
    public async Task Another_spelling_of_the_registration_path_is_limited_too(string spelling)
    {
        using var app = new RateLimitedApp();
        var client = app.Client();
        await UseUpTheLimitAsync(client);
        var email = $"late-{Guid.NewGuid():N}@example.com";

        var response = await client.PostFormAsync(spelling, new()
        {
            ["Data.Email"] = email,
            ["Data.DisplayName"] = "Late Comer",
            ["Data.TimeZoneId"] = "UTC",
            ["Data.JoiningAs"] = Roles.Mentor,
            ["Data.Password"] = "Fresh-Password-2026",
            ["Data.ConfirmPassword"] = "Fresh-Password-2026",
        }, formPage: "/Account/Register");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.False(await app.ExecuteDbContextAsync(db => Task.FromResult(db.Users.Any(u => u.Email == email))));
    }

    /// <summary>Found from the pages themselves, so a page that takes a password later is held to the same limit.</summary>
    [Fact]
    public async Task Every_page_that_takes_a_password_carries_the_sign_in_limit()
    {
        using var app = new AppFactory();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .Select(g => g.First());

        var takingPasswords = new List<string>();
        var unlimited = new List<string>();
        foreach (var endpoint in pages)
        {
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>()!;
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            if (!TakesPassword(compiled.HandlerTypeInfo))
            {
                continue;
            }

            takingPasswords.Add(descriptor.ViewEnginePath);
            if ((compiled.Endpoint ?? endpoint).Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != SignInRateLimit.Policy)
            {
                unlimited.Add(descriptor.ViewEnginePath);
            }
        }

        Assert.Contains("/Account/SignIn", takingPasswords);
        Assert.Contains("/Account/Register", takingPasswords);
        Assert.Contains("/Account/ChangePassword", takingPasswords);
        Assert.True(unlimited.Count == 0, "Pages that take a password without the sign-in limit: " + string.Join(", ", unlimited));
    }

    private static bool TakesPassword(Type page) =>
        page.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.IsDefined(typeof(BindPropertyAttribute), inherit: true))
            .SelectMany(p => p.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Append(p))
            .Any(p => p.PropertyType == typeof(string) && p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase));
}
