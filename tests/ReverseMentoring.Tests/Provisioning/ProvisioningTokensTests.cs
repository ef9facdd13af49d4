using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Provisioning;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Provisioning;

/// <summary>
/// HR's provisioning tokens: made on a page HR alone opens, shown once, stored as a hash, refused once revoked, and
/// rate limited each on its own.
/// </summary>
public sealed partial class ProvisioningTokensTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = ProvisioningTokens.Path;

    [Fact]
    public async Task Hr_makes_a_token_that_is_shown_once_and_stored_only_as_its_hash()
    {
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var name = TestData.Unique("Okta");

        var secret = await MakeAsync(hr, name);

        Assert.StartsWith("rmscim_", secret, StringComparison.Ordinal);
        var stored = await app.ExecuteDbContextAsync(db => db.ProvisioningTokens.SingleAsync(t => t.Name == name));
        Assert.Equal(ProvisioningToken.HashOf(secret), stored.TokenHash);
        Assert.True(await app.ExecuteDbContextAsync(async db => (await db.ProvisioningTokens.Select(t => t.TokenHash).ToListAsync()).All(h => h != secret)));
        Assert.DoesNotContain(secret, await hr.GetHtmlAsync(Page), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await app.Directory(secret).ScimAsync("GET", ScimKit.Users)).Status);
    }

    [Fact]
    public async Task A_token_without_a_name_is_refused_next_to_the_field()
    {
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var refused = await hr.PostFormAsync(Page, new() { ["Create.Name"] = " " });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(HttpClientForms.FieldError(await refused.Content.ReadAsStringAsync(), "Create.Name"));
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_its_next_request_with_a_scim_401()
    {
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var name = TestData.Unique("Entra");
        var secret = await MakeAsync(hr, name);
        var directory = app.Directory(secret);
        Assert.Equal(HttpStatusCode.OK, (await directory.ScimAsync("GET", ScimKit.Users)).Status);
        var id = await app.ExecuteDbContextAsync(db => db.ProvisioningTokens.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

        var revoked = await hr.PostFormAsync($"{Page}?handler=Revoke&id={id}", [], Page);

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        (await directory.ScimAsync("GET", ScimKit.Users)).AssertError(HttpStatusCode.Unauthorized);
        Assert.Contains("Revoked", await hr.GetHtmlAsync(Page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_when_each_token_was_last_used()
    {
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var name = TestData.Unique("Used");
        var secret = await MakeAsync(hr, name);
        Assert.Contains("Not used yet", await hr.GetHtmlAsync(Page), StringComparison.Ordinal);

        await app.Directory(secret).ScimAsync("GET", ScimKit.Users);

        var used = await app.ExecuteDbContextAsync(db => db.ProvisioningTokens.Where(t => t.Name == name).Select(t => t.LastUsedAtUtc).SingleAsync());
        Assert.NotNull(used);
        var row = Regex.Match(await hr.GetHtmlAsync(Page), $"<td data-label=\"Name\">{Regex.Escape(name)}</td>.*?<td data-label=\"Last used\">([^<]*)</td>", RegexOptions.Singleline);
        Assert.DoesNotContain("Not used yet", row.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains(used.Value.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Groups[1].Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_hr_opens_the_token_page_or_sends_its_requests(string role)
    {
        var client = await app.SignedInClientAsync(role);
        var page = await client.GetAsync(new Uri(Page, UriKind.Relative));
        Assert.True(page.StatusCode is HttpStatusCode.Forbidden
            || (page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.ToString().Contains("/Account/AccessDenied", StringComparison.Ordinal)));

        var person = await app.CreateUserAsync(role);
        var principal = AppFactory.PrincipalFor(person, role);
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProvisioningTokens.Create { Name = "Mine" }, principal));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProvisioningTokens.Query(), principal));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProvisioningTokens.Revoke { Id = 1 }, principal));
        Assert.False(await app.ExecuteDbContextAsync(db => db.ProvisioningTokens.AnyAsync(t => t.Name == "Mine")));
    }

    [Fact]
    public async Task Requests_beyond_the_limit_get_a_scim_429_for_that_token_only()
    {
        using var limited = new AppFactory().With("Scim:PermitLimit", "3").With("Scim:WindowSeconds", "3600");
        var busy = await limited.DirectoryAsync();
        var quiet = await limited.DirectoryAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.ScimAsync("GET", ScimKit.Users)).Status);
        }

        var refused = await busy.ScimAsync("GET", ScimKit.Users);
        refused.AssertError(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await quiet.ScimAsync("GET", ScimKit.Users)).Status);
    }

    /// <summary>HR makes a token on the page; the secret shown once after the redirect.</summary>
    private static async Task<string> MakeAsync(HttpClient hr, string name)
    {
        var made = await hr.PostFormAsync(Page, new() { ["Create.Name"] = name });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        return SecretPattern().Match(await hr.GetHtmlAsync(Page)).Groups[1].Value;
    }

    [GeneratedRegex("id=\"token-secret\" readonly value=\"([^\"]+)\"")]
    private static partial Regex SecretPattern();
}
