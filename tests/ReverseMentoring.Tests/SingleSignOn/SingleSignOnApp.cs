using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ReverseMentoring.Tests.SingleSignOn;

/// <summary>The app with single sign-on through the test run's real OpenID provider.</summary>
public class SingleSignOnApp : AppFactory
{
    public SingleSignOnApp()
    {
        foreach (var (key, value) in OidcProvider.Shared.Settings)
        {
            With(key, value);
        }
    }

    /// <summary>
    /// A browser-like client on https://localhost: the provider's callback is https://localhost/signin-oidc, and the
    /// correlation and nonce cookies are Secure.
    /// </summary>
    public HttpClient HttpsClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
}

/// <summary>The same app where single sign-on is the only way in, except for one break-glass coordinator.</summary>
public sealed class SingleSignOnOnlyApp : SingleSignOnApp
{
    public const string BreakGlassEmail = "break.glass@contoso.test";

    public SingleSignOnOnlyApp()
    {
        With("SingleSignOn:LocalPasswords", "BreakGlassOnly");
        With("SingleSignOn:BreakGlassEmails:0", BreakGlassEmail);
    }
}

public static partial class ProviderSignIn
{
    /// <summary>
    /// Clicks "Sign in with Contoso", signs in at the provider as <paramref name="person"/> asking for the kind of id_token
    /// given (valid, aud, exp or sig), and posts the provider's answer back to the app, as a browser does; returns the
    /// app's answer to that callback.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient app, string person, string token = "valid")
    {
        ArgumentNullException.ThrowIfNull(app);
        var signIn = await app.GetHtmlAsync("/Account/SignIn");
        var button = SingleSignOnButton().Match(signIn);
        Assert.True(button.Success, "No single sign-on button on the sign-in page.");
        var href = Href().Match(button.Value);
        var challenge = await app.GetAsync(new Uri(WebUtility.HtmlDecode(href.Groups[1].Value), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(OidcProvider.Shared.Authority, authorize.ToString(), StringComparison.Ordinal);

        // The request itself was pushed to the provider (PAR) with its PKCE challenge, which the provider requires.

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var browser = new HttpClient(handler);
        var signInPage = await browser.GetStringAsync(authorize);
        var action = FormAction().Match(signInPage);
        Assert.True(action.Success, "The provider showed no sign-in form: " + signInPage);
        using var login = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = person, ["token"] = token });
        var answer = await browser.PostAsync(new Uri(authorize, WebUtility.HtmlDecode(action.Groups[1].Value)), login);
        var formPost = await answer.Content.ReadAsStringAsync();

        var callback = FormAction().Match(formPost);
        Assert.True(callback.Success, "The provider did not post back to the app: " + formPost);
        var fields = HiddenField().Matches(formPost).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        using var content = new FormUrlEncodedContent(fields);
        return await app.PostAsync(new Uri(new Uri(WebUtility.HtmlDecode(callback.Groups[1].Value)).PathAndQuery, UriKind.Relative), content);
    }

    [GeneratedRegex("<a [^>]*data-sso-button[^>]*>")]
    private static partial Regex SingleSignOnButton();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
