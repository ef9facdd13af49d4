using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Security;

/// <summary>The app as it runs outside Development, reached under a real host name (HSTS is never sent to localhost).</summary>
public sealed class ProductionApp : AppFactory
{
    public static readonly Uri HttpsAddress = new("https://mentoring.example.test/");

    public ProductionApp()
    {
        With("https_port", "443");

        // Outside Development the app does not start without the address its e-mailed links point to.
        With("App:PublicBaseUrl", "https://mentoring.example.test");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }

    public HttpClient HttpsClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = HttpsAddress });

    public HttpClient HttpClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://mentoring.example.test/") });
}

public sealed class ProductionHardeningTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        var response = await app.HttpClient().GetAsync(new Uri("/Account/SignIn", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://mentoring.example.test/Account/SignIn", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Https_responses_tell_browsers_to_use_https_only()
    {
        var response = await app.HttpsClient().GetAsync(new Uri("/Account/SignIn", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.StartsWith("max-age=", hsts, StringComparison.Ordinal);
        Assert.True(int.Parse(hsts["max-age=".Length..].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture) >= 30 * 24 * 3600);
    }

    [Fact]
    public async Task The_anti_forgery_and_sign_in_cookies_are_secure_http_only_and_same_site()
    {
        var user = await app.CreateUserAsync(Roles.Mentor);
        var client = app.HttpsClient();

        var form = await client.GetAsync(new Uri("/Account/SignIn", UriKind.Relative));
        var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        AssertHardened(Cookie(form, ".AspNetCore.Antiforgery."), "strict");
        AssertHardened(Cookie(signIn, "rm.auth="), "lax");
    }

    [Fact]
    public async Task An_unexpected_error_shows_the_error_page_not_details()
    {
        var response = await app.HttpsClient().GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static string Cookie(HttpResponseMessage response, string prefix) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(prefix, StringComparison.Ordinal));

    private static void AssertHardened(string cookie, string sameSite)
    {
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains($"samesite={sameSite}", attributes);
    }
}
