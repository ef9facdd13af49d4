using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Security;

public sealed class DevelopmentCookieTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task In_development_the_cookies_are_still_http_only_and_same_site()
    {
        var user = await app.CreateUserAsync(Roles.Mentee);
        var client = app.Client();

        var form = await client.GetAsync(new Uri("/Account/SignIn", UriKind.Relative));
        var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });

        foreach (var (cookie, sameSite) in new[] { (ProductionHardeningTests.Cookie(form, ".AspNetCore.Antiforgery."), "strict"), (ProductionHardeningTests.Cookie(signIn, "rm.auth="), "lax") })
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.Contains("httponly", attributes);
            Assert.Contains($"samesite={sameSite}", attributes);
        }
    }
}
