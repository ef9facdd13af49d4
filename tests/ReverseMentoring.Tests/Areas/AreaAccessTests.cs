using System.Net;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Areas;

/// <summary>Each role against each area: the page opens, or the person is sent to sign in or told they have no access.</summary>
public sealed class AreaAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    public enum Expect
    {
        Allowed,
        SignInFirst,
        Forbidden,
    }

    public static TheoryData<string, string, Expect> Matrix => new()
    {
        // area          role                  outcome
        { "/Programs", "", Expect.SignInFirst },
        { "/Programs", Roles.HrCoordinator, Expect.Allowed },
        { "/Programs", Roles.Leadership, Expect.Forbidden },
        { "/Programs", Roles.Mentor, Expect.Forbidden },
        { "/Programs", Roles.Mentee, Expect.Forbidden },
        { "/Dashboard", "", Expect.SignInFirst },
        { "/Dashboard", Roles.HrCoordinator, Expect.Allowed },
        { "/Dashboard", Roles.Leadership, Expect.Allowed },
        { "/Dashboard", Roles.Mentor, Expect.Forbidden },
        { "/Dashboard", Roles.Mentee, Expect.Forbidden },
        { "/Participant", "", Expect.SignInFirst },
        { "/Participant", Roles.HrCoordinator, Expect.Forbidden },
        { "/Participant", Roles.Leadership, Expect.Forbidden },
        { "/Participant", Roles.Mentor, Expect.Allowed },
        { "/Participant", Roles.Mentee, Expect.Allowed },
        { "/Account/ChangePassword", "", Expect.SignInFirst },
        { "/Account/ChangePassword", Roles.Mentee, Expect.Allowed },
        { "/", "", Expect.Allowed },
        { "/Account/SignIn", "", Expect.Allowed },
        { "/Account/Register", "", Expect.Allowed },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_only_its_own_areas(string area, string role, Expect expected)
    {
        var client = role.Length == 0 ? app.Client() : await app.SignedInClientAsync(role);

        var response = await client.GetAsync(new Uri(area, UriKind.Relative));

        switch (expected)
        {
            case Expect.Allowed:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            case Expect.SignInFirst:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("http://localhost/Account/SignIn?ReturnUrl=", response.Headers.Location?.ToString(), StringComparison.Ordinal);
                break;
            case Expect.Forbidden:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
                break;
        }
    }

    [Theory]
    [InlineData(Roles.HrCoordinator, "href=\"/Programs\"", "href=\"/Participant\"")]
    [InlineData(Roles.Leadership, "href=\"/Dashboard\"", "href=\"/Programs\"")]
    [InlineData(Roles.Mentor, "href=\"/Participant\"", "href=\"/Dashboard\"")]
    public async Task The_navigation_shows_each_role_its_own_areas(string role, string shown, string hidden)
    {
        var client = await app.SignedInClientAsync(role);

        var html = await client.GetHtmlAsync("/Account/ChangePassword");

        Assert.Contains(shown, html, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_does_not_exist_is_a_friendly_404()
    {
        var response = await app.Client().GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
