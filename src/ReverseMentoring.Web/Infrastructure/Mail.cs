using System.Net.Security;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ReverseMentoring.Web.Infrastructure;

public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "ReverseMentoring <no-reply@reversementoring.local>";

    /// <summary>When set, messages are written there as .eml files instead of going out by SMTP (development, tests).</summary>
    public string? PickupFolder { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public bool UseStartTls { get; set; } = true;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>
    /// The SHA-256 fingerprint (hex) of a mail relay's own certificate, trusted although no public authority signed it: an
    /// internal relay with a self-signed certificate. Any other certificate must be valid as usual.
    /// </summary>
    public string? TrustedCertificateSha256 { get; set; }
}

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// The address people reach the app at, for every link in an e-mail. Required outside Development; there, a link
    /// is never built from a request's Host header, which whoever sends the request chooses.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

public static class MailRegistration
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.Configure<AppOptions>(configuration.GetSection(AppOptions.Section));
        services.AddSingleton<MailSender>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<OutboxDelivery>();
        services.AddScoped<Outbox>();
        return services;
    }
}

/// <summary>Sends one e-mail: into the pickup folder when one is set, otherwise by SMTP.</summary>
public sealed class MailSender(IOptions<MailOptions> options, IHostEnvironment environment)
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (message.From.Count == 0)
        {
            message.From.Add(MailboxAddress.Parse(settings.From));
        }

        if (!string.IsNullOrWhiteSpace(settings.PickupFolder))
        {
            var folder = Path.Combine(environment.ContentRootPath, settings.PickupFolder);
            Directory.CreateDirectory(folder);
            var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.eml";
            await message.WriteToAsync(Path.Combine(folder, name), cancellationToken);
            return;
        }

        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            throw new InvalidOperationException("No mail server is configured: set Mail:Smtp:Host, or Mail:PickupFolder to write messages to files.");
        }

        using var smtp = new SmtpClient();
        if (!string.IsNullOrWhiteSpace(settings.Smtp.TrustedCertificateSha256))
        {
            var pinned = settings.Smtp.TrustedCertificateSha256.Replace(":", "", StringComparison.Ordinal).Trim();
            smtp.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase));
        }

        var security = settings.Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : settings.Smtp.UseStartTls ? SecureSocketOptions.StartTls
            : SecureSocketOptions.None;
        await smtp.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.User))
        {
            await smtp.AuthenticateAsync(settings.Smtp.User, settings.Smtp.Password ?? "", cancellationToken);
        }

        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// Absolute links for e-mails, built from App:PublicBaseUrl. Only in Development, with no address configured, does
/// the current request's address stand in; elsewhere the Host header is the sender's to forge, and would let a
/// participant have the app e-mail their partner a link to any site.
/// </summary>
public sealed class PublicLinks(IOptions<AppOptions> options, IHttpContextAccessor accessor, IHostEnvironment environment)
{
    /// <summary>Stops the app at start-up, outside Development, when App:PublicBaseUrl is missing or not an http(s) address.</summary>
    public static void RequireBaseUrlOutsideDevelopment(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[$"{AppOptions.Section}:{nameof(AppOptions.PublicBaseUrl)}"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (environment.IsDevelopment())
            {
                return;
            }

            throw new InvalidOperationException(
                "Set App:PublicBaseUrl (environment variable App__PublicBaseUrl) to the address people reach the app at, "
                + "such as https://mentoring.example.com: every link in the app's e-mails is built from it.");
        }

        if (!IsHttpAddress(configured))
        {
            throw new InvalidOperationException($"App:PublicBaseUrl is '{configured}', which is not an absolute http or https address.");
        }
    }

    public string To(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var configured = options.Value.PublicBaseUrl;
        string baseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            baseUrl = configured;
        }
        else if (environment.IsDevelopment() && accessor.HttpContext?.Request is { Host.HasValue: true } request)
        {
            baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
        else
        {
            throw new InvalidOperationException("Set App:PublicBaseUrl: every link in an e-mail is built from the app's public address.");
        }

        return baseUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');
    }

    private static bool IsHttpAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host);
}

/// <summary>
/// A message to queue in the outbox: the key guards it against being sent twice, by this or another instance. The text is
/// always sent; <see cref="Html"/>, when set, goes with it as the HTML alternative.
/// </summary>
public sealed record Outgoing(string Key, string Recipient, string Subject, string Text, MailAttachment? Attachment = null)
{
    public string? Html { get; init; }

    /// <summary>When set, the text is posted to this chat webhook instead; the recipient then only names where it goes.</summary>
    public ChatTarget? Chat { get; init; }
}

/// <summary>A file sent with a message, such as a calendar invitation ("text/calendar; method=REQUEST").</summary>
public sealed record MailAttachment(string FileName, string ContentType, string Content);
