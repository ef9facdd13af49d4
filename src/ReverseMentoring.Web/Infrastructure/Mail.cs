using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ReverseMentoring.Web.Data;

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
        services.AddScoped<Notifications>();
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

/// <summary>A message to send once: the key guards it against being sent twice, by this or another instance.</summary>
public sealed record Outgoing(string Key, string Recipient, string Subject, string Text, MailAttachment? Attachment = null);

/// <summary>A file sent with a message, such as a calendar invitation ("text/calendar; method=REQUEST").</summary>
public sealed record MailAttachment(string FileName, string ContentType, string Content);

/// <summary>
/// Sends each message at most once. The key is recorded before sending, so when several instances run the same job
/// only the one whose record went in sends; a failed send gives its key back so that a later run tries again.
/// </summary>
public sealed class Notifications(AppDbContext db, MailSender mail, TimeProvider clock, ILogger<Notifications> logger)
{
    /// <summary>True when this call sent the message; false when it was sent (or is being sent) already, or sending failed.</summary>
    public async Task<bool> SendOnceAsync(string key, string recipient, string subject, string text, CancellationToken cancellationToken) =>
        await SendOnceAsync([new Outgoing(key, recipient, subject, text)], cancellationToken) == 1;

    /// <summary>
    /// Sends a batch with one save to claim the keys and one to record the sends, not three saves a message:
    /// an import of 2,000 people sends 2,000 invitations. Returns how many this call sent.
    /// </summary>
    public async Task<int> SendOnceAsync(IReadOnlyList<Outgoing> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var keys = messages.Select(m => m.Key).ToList();
        var taken = (await db.SentNotifications.AsNoTracking().Where(n => keys.Contains(n.Key)).Select(n => n.Key)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var claims = messages.Where(m => taken.Add(m.Key)).Select(m => (Message: m, Row: new SentNotification
        {
            Key = m.Key,
            Recipient = m.Recipient,
            Subject = m.Subject.Length > 200 ? m.Subject[..200] : m.Subject,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        })).ToList();
        if (claims.Count == 0)
        {
            return 0;
        }

        db.SentNotifications.AddRange(claims.Select(c => c.Row));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (claims.Count > 1)
        {
            // Another instance claimed some of these between our check and our insert: settle them one by one.
            foreach (var (_, row) in claims)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            var sentOneByOne = 0;
            foreach (var (message, _) in claims)
            {
                sentOneByOne += await SendOnceAsync([message], cancellationToken);
            }

            return sentOneByOne;
        }
        catch (DbUpdateException)
        {
            db.Entry(claims[0].Row).State = EntityState.Detached;
            if (await db.SentNotifications.AsNoTracking().AnyAsync(n => n.Key == claims[0].Row.Key, cancellationToken))
            {
                // Another instance claimed it between our check and our insert.
                return 0;
            }

            throw;
        }

        var sent = 0;
        foreach (var (message, row) in claims)
        {
            var mime = new MimeMessage { Subject = message.Subject, Body = Body(message) };
            mime.To.Add(MailboxAddress.Parse(message.Recipient));
            try
            {
                await mail.SendAsync(mime, cancellationToken);
                row.SentAtUtc = clock.GetUtcNow().UtcDateTime;
                sent++;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "Could not send {Key} to {Recipient}; it will be tried again", message.Key, message.Recipient);

                // Released, so that the next run (or a resend) tries again instead of never.
                db.SentNotifications.Remove(row);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return sent;
    }

    private static MimeEntity Body(Outgoing message)
    {
        var text = new TextPart("plain") { Text = message.Text };
        if (message.Attachment is not { } file)
        {
            return text;
        }

        var type = ContentType.Parse(file.ContentType);
        var attachment = new TextPart(type.MediaSubtype)
        {
            Text = file.Content,
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = file.FileName },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        foreach (var parameter in type.Parameters.Where(p => !p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)))
        {
            attachment.ContentType.Parameters.Add(parameter.Name, parameter.Value);
        }

        return new Multipart("mixed") { text, attachment };
    }
}
