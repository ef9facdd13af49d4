using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Security;

/// <summary>The app outside Development with no public address configured, as the shipped settings leave it.</summary>
public sealed class ProductionWithoutAddressApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>
/// Links in e-mails point at the app's configured public address, never at whatever host a request claims to be for:
/// otherwise a participant could have the app e-mail their partner a link to a site of their choosing.
/// </summary>
public sealed class PublicLinkTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static readonly Uri ForgedHost = new("https://evil.example/");

    private static PublicLinks Links(string environment, string? publicBaseUrl, string requestHost = "evil.example")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString(requestHost);
        return new PublicLinks(
            Options.Create(new AppOptions { PublicBaseUrl = publicBaseUrl }),
            new HttpContextAccessor { HttpContext = context },
            new HostingEnvironment { EnvironmentName = environment });
    }

    [Fact]
    public void Outside_development_the_app_refuses_to_start_without_a_public_address()
    {
        using var unconfigured = new ProductionWithoutAddressApp();

        var failure = Assert.ThrowsAny<Exception>(() => unconfigured.Services);

        Assert.Contains("Set App:PublicBaseUrl", failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("ftp://mentoring.example.com")]
    public void A_public_address_that_is_not_an_http_address_stops_the_app_at_start_up(string address)
    {
        using var misconfigured = new ProductionWithoutAddressApp();
        misconfigured.With("App:PublicBaseUrl", address);

        var failure = Assert.ThrowsAny<Exception>(() => misconfigured.Services);

        Assert.Contains("not an absolute http or https address", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_a_link_is_never_built_from_the_request_host()
    {
        Assert.Throws<InvalidOperationException>(() => Links(Environments.Production, publicBaseUrl: null).To("/Account/SignIn"));
        Assert.Throws<InvalidOperationException>(() => Links(Environments.Staging, publicBaseUrl: " ").To("/Account/SignIn"));
        Assert.Equal("https://mentoring.example.com/Account/SignIn", Links(Environments.Production, "https://mentoring.example.com/").To("/Account/SignIn"));
    }

    [Fact]
    public void In_development_without_an_address_a_link_follows_the_request()
    {
        Assert.Equal("https://localhost:5001/Account/SignIn", Links(Environments.Development, publicBaseUrl: null, requestHost: "localhost:5001").To("/Account/SignIn"));
        Assert.Equal("http://localhost:5080/Account/SignIn", Links(Environments.Development, "http://localhost:5080").To("Account/SignIn"));
    }

    [Fact]
    public async Task An_invitation_sent_through_a_forged_host_links_to_the_configured_address()
    {
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ForgedHost });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = hr.Email!, ["Data.Password"] = AppFactory.Password })).StatusCode);
        var invitee = $"partner-{Guid.NewGuid():N}@example.com";

        var response = await client.PostFormAsync($"/Programs/{program.Id}/Invitations", new() { ["Data.Emails"] = invitee, ["Data.DefaultRole"] = Roles.Mentee });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = Assert.Single(app.MailTo(invitee));
        Assert.Contains("https://mentoring.example.test/Account/Register?invitation=", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.TextBody, StringComparison.OrdinalIgnoreCase);
    }
}
