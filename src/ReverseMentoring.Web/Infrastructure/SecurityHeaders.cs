using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// The browser-facing defences that are not part of any one feature: response headers (a strict Content-Security-Policy
/// among them), cookie flags, the sign-in rate limit, the friendly page when the database is down, and optional
/// encryption of the data-protection keys.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// No inline script or style, no plugins, no framing. Bootstrap's CSS and JS need neither inline scripts nor
    /// style attributes; Chart.js sizes its canvas through the CSSOM, which CSP does not restrict.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>Services: cookie flags for the anti-forgery cookie, the rate limiter, and key encryption when configured.</summary>
    public static WebApplicationBuilder AddSecurityHardening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        builder.Services.AddSignInRateLimit(builder.Configuration);
        builder.Services.AddKeyEncryption(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Middleware, placed after the status-code pages so that a 503 (database down) with no body is shown as the
    /// friendly error page, and before routing.
    /// </summary>
    public static WebApplication UseSecurityHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(AddHeaders);
        app.UseMiddleware<DatabaseUnavailable>();
        return app;
    }

    /// <summary>
    /// The sign-in rate limit, placed after routing: it limits endpoints, not spellings of a path, so
    /// "/account/signin/", "/Account/Sign%49n" and "/Account/SignIn?handler=x" all count as the one sign-in page.
    /// A 429 with no body is shown as the friendly error page by the status-code pages.
    /// </summary>
    public static WebApplication UseSignInRateLimit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    private static Task AddHeaders(HttpContext context, RequestDelegate next)
    {
        // Set on every response, including error pages re-executed after the original headers were cleared.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>Encrypts the data-protection keys at rest with a certificate, when DataProtection:CertificatePath is set.</summary>
    public static IServiceCollection AddKeyEncryption(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return services;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath points to '{path}', which does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
        services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        return services;
    }
}

/// <summary>Configuration of the sign-in and registration rate limit ("RateLimiting" section).</summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in and registration posts allowed per client address per window.</summary>
    public int PermitLimit { get; set; } = 20;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Limits sign-in and registration posts per client address, on top of the per-account lockout: lockout stops guessing
/// one account's password, this stops trying a few passwords on many accounts. A page takes part by carrying
/// <c>[EnableRateLimiting(SignInRateLimit.Policy)]</c>; the limit follows the page the request was routed to, whatever
/// spelling of its path (case, trailing slash, percent-encoding, handler name) reached it.
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The policy every page that takes a password carries; they share one window per client address.</summary>
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SignInRateLimitOptions.Section).Get<SignInRateLimitOptions>() ?? new SignInRateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
                options.Enabled && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = TimeSpan.FromSeconds(options.WindowSeconds),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));

            // A calendar reads its feed every hour or so; many reads from one address are someone guessing tokens.
            limiter.AddPolicy(CalendarFeedRateLimit.Policy, context =>
                options.Enabled
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = CalendarFeedRateLimit.PermitLimit,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));

            // No body: the status-code pages show the friendly "too many attempts" page.
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(options.WindowSeconds);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    // Behind a reverse proxy this is the proxy's address unless forwarded headers are configured for it.
    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>Reads of calendar feeds allowed per client address per minute (a company's calendar server reads for many people).</summary>
public static class CalendarFeedRateLimit
{
    public const string Policy = "calendar-feed";

    public const int PermitLimit = 120;
}
