using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>Configuration of chat webhooks ("Chat" section).</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>
    /// The hosts a webhook may point at; "*." allows any subdomain. The app posts to these addresses from inside the
    /// company's network, so an address anywhere else (an internal service) is refused when it is entered.
    /// </summary>
    public List<string> AllowedHosts { get; set; } =
        ["hooks.slack.com", "*.webhook.office.com", "*.logic.azure.com", "*.environment.api.powerplatform.com"];
}

/// <summary>Where a message goes instead of an e-mail address: a Slack or Teams incoming webhook.</summary>
public sealed record ChatTarget(ChatKind Kind, string WebhookUrl);

/// <summary>Checks webhook addresses and posts messages to them.</summary>
public sealed class ChatWebhooks(IHttpClientFactory clients, IOptionsMonitor<ChatOptions> options)
{
    public const string ClientName = "chat";
    public const int UrlMaxLength = 1000;

    /// <summary>Why the address cannot be used, or null when it can.</summary>
    public string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Paste the incoming webhook address from Slack or Teams.";
        }

        if (url.Length > UrlMaxLength)
        {
            return $"A webhook address has at most {UrlMaxLength} characters.";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Enter the webhook address as Slack or Teams gives it, starting with https://.";
        }

        // Plain http only to this machine (a receiver in development or tests); anything leaving it is encrypted.
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            return "Enter the webhook address as Slack or Teams gives it, starting with https://.";
        }

        return IsAllowed(uri.Host)
            ? null
            : $"{uri.Host} is not a Slack or Teams webhook host this app may post to; ask IT to add it to Chat:AllowedHosts.";
    }

    /// <summary>Posts the text; throws <see cref="ChatPostException"/> when the chat tool refuses it.</summary>
    public async Task PostAsync(ChatKind kind, string url, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Problem(url) is { } problem)
        {
            // Checked again at sending: the allowed hosts may have changed since the address was saved.
            throw new ChatPostException(problem, permanent: true);
        }

        var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync(new Uri(url.Trim()), Payload(kind, text), cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // A webhook that is gone or refuses the message will do so every time; a busy or failing one may not.
        var status = (int)response.StatusCode;
        var permanent = status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
        throw new ChatPostException($"The {kind} webhook answered {status} {response.ReasonPhrase}.", permanent);
    }

    /// <summary>Slack takes plain text; Teams' Workflows webhooks take an Adaptive Card, which the older connectors accept too.</summary>
    public static JsonObject Payload(ChatKind kind, string text) => kind switch
    {
        ChatKind.Teams => new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = new JsonObject
                {
                    ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.4",
                    ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
                },
            }),
        },
        _ => new JsonObject { ["text"] = text },
    };

    /// <summary>"…abcd": enough of a saved address for HR to tell which it is, not enough to post to it.</summary>
    public static string Hint(string url) => url.Length <= 4 ? "…" : "…" + url[^4..];

    private bool IsAllowed(string host) =>
        options.CurrentValue.AllowedHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase));
}

public sealed class ChatPostException(string message, bool permanent) : Exception(message)
{
    public bool Permanent { get; } = permanent;
}

public static class ChatRegistration
{
    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ChatOptions>(configuration.GetSection(ChatOptions.Section));
        services.AddHttpClient(ChatWebhooks.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<ChatWebhooks>();
        return services;
    }
}
