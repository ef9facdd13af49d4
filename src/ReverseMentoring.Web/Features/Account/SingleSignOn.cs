using System.Net;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace ReverseMentoring.Web.Features.Account;

/// <summary>Whether people may still sign in with a password once single sign-on is on.</summary>
public enum LocalPasswords
{
    /// <summary>Passwords and single sign-on side by side.</summary>
    Enabled,

    /// <summary>Single sign-on only; a password works just for the coordinators listed in BreakGlassEmails.</summary>
    BreakGlassOnly,
}

/// <summary>The company's OpenID Connect provider (Microsoft Entra ID, Google, Okta...), off unless configured.</summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "SingleSignOn";

    /// <summary>The authentication scheme of the provider; also the provider name of the logins Identity links.</summary>
    public const string Scheme = "oidc";

    public const string CallbackPath = "/signin-oidc";

    public bool Enabled { get; set; }

    public string DisplayName { get; set; } = "Sign in with your company account";

    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Empty means openid, profile and email. (A default array here would be added to, not replaced, by settings.)</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Read the claims from the provider's userinfo endpoint too (Okta's id_token carries only the basics).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    public string EmailClaim { get; set; } = "email";

    public string NameClaim { get; set; } = "name";

    /// <summary>Empty when the provider sends no department: the org chart is then left as it is.</summary>
    public string? DepartmentClaim { get; set; }

    public string? JobLevelClaim { get; set; }

    public string? ManagerEmailClaim { get; set; }

    public LocalPasswords LocalPasswords { get; set; } = LocalPasswords.Enabled;

    public string[] BreakGlassEmails { get; set; } = [];

    public bool PasswordsOnlyForBreakGlass => Enabled && LocalPasswords == LocalPasswords.BreakGlassOnly;

    public bool IsBreakGlass(string email) =>
        BreakGlassEmails.Any(e => string.Equals(e.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>What Register and ChangePassword answer where passwords are kept for break-glass coordinators.</summary>
    public string PasswordsRefused => $"Passwords are not used here: use \"{DisplayName}\" on the sign-in page. Your account is made the first time you sign in.";

    /// <summary>Whether this person may use a password: anyone, unless passwords are kept for break-glass coordinators.</summary>
    public bool AllowsPasswordFor(string email) => !PasswordsOnlyForBreakGlass || IsBreakGlass(email);
}

/// <summary>Why a single sign-on came back to the sign-in page; the page words each one.</summary>
public static class SingleSignOnError
{
    public const string Failed = "sso-failed";
    public const string NoEmail = "sso-no-email";
    public const string Unverified = "sso-unverified";
    public const string Refused = "sso-refused";

    public static string? Describe(string? code) => code switch
    {
        Failed => "Single sign-on did not complete: the answer from your company's sign-in service could not be trusted or had expired. "
            + "Try again; if it keeps happening, tell your IT department.",
        NoEmail => "Your company account did not give us an e-mail address, so we cannot tell who you are here. "
            + "Ask your IT department to release the e-mail claim to this application.",
        Unverified => "Your company account's e-mail address is not verified, so it cannot sign you in here. Ask your IT department.",
        Refused => "This account cannot sign in. If you think it should, ask your HR coordinator.",
        _ => null,
    };

    public static string SignInPage(string code) => $"/Account/SignIn?error={WebUtility.UrlEncode(code)}";
}

public static class SingleSignOnSetup
{
    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SingleSignOnOptions.Section);
        services.Configure<SingleSignOnOptions>(section);
        var settings = section.Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(SingleSignOnOptions.Scheme, settings.DisplayName, oidc =>
        {
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.CallbackPath = SingleSignOnOptions.CallbackPath;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            oidc.SaveTokens = false;
            oidc.MapInboundClaims = false;
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            oidc.Scope.Clear();
            foreach (var scope in settings.Scopes.Length > 0 ? settings.Scopes : ["openid", "profile", "email"])
            {
                oidc.Scope.Add(scope);
            }

            oidc.GetClaimsFromUserInfoEndpoint = settings.GetClaimsFromUserInfoEndpoint;
            if (settings.GetClaimsFromUserInfoEndpoint)
            {
                oidc.ClaimActions.MapAll();
            }

            // Metadata and keys are fetched over https, except from a provider on this very machine (a test provider or
            // a developer's): loopback traffic never leaves the host, and such providers do not serve https.
            if (Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) && authority.IsLoopback)
            {
                oidc.RequireHttpsMetadata = false;
            }

            // Issuer, audience, lifetime and signature are validated by the handler's defaults, left as they are.
            oidc.Events = new OpenIdConnectEvents
            {
                OnAuthenticationFailed = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILogger<SingleSignOnOptions>>()
                        .LogWarning(context.Exception, "A single sign-on token was refused.");
                    return Task.CompletedTask;
                },
                OnRemoteFailure = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILogger<SingleSignOnOptions>>()
                        .LogWarning(context.Failure, "Single sign-on failed.");
                    context.Response.Redirect(SingleSignOnError.SignInPage(SingleSignOnError.Failed));
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
                OnTicketReceived = async context =>
                {
                    // The app's own sign-in cookie is written by the command; the external cookie is never needed.
                    context.HandleResponse();
                    var principal = context.Principal!;
                    var mediator = context.HttpContext.RequestServices.GetRequiredService<IMediator>();
                    var result = await mediator.Send(SignInWithSingleSignOn.Command.From(principal, settings), context.HttpContext.RequestAborted);
                    // The return address travelled in the protected state, and Challenge let only a local one in.
                    var returnUrl = context.ReturnUri;
                    context.Response.Redirect(result.Error is { } error ? SingleSignOnError.SignInPage(error)
                        : result.ChoosesRole ? ChooseRoleModel.Path
                        : returnUrl is { Length: > 1 } ? returnUrl
                        : result.HomePage);
                },
            };
        });
        return services;
    }

    /// <summary>Starts a single sign-on at the provider, coming back to <paramref name="returnUrl"/> when it is local.</summary>
    public static AuthenticationProperties Challenge(string? returnUrl, Func<string?, bool> isLocal) =>
        new() { RedirectUri = isLocal(returnUrl) ? returnUrl : "/" };
}
