using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ReverseMentoring.Tests.Chat;

/// <summary>
/// A real HTTP receiver on a free loopback port standing in for Slack's or Teams' webhook: it records every post and
/// answers with the statuses queued in <see cref="Answers"/> (200 once they run out).
/// </summary>
public sealed class LoopbackWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public LoopbackWebhook()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<HttpStatusCode> Answers { get; } = new();

    public ConcurrentQueue<(string Path, string ContentType, JsonNode Body)> Posts { get; } = new();

    public string Url(string path) => BaseUrl + path.TrimStart('/');

    public IReadOnlyList<JsonNode> BodiesTo(string path) =>
        Posts.Where(p => p.Path == "/" + path.TrimStart('/')).Select(p => p.Body).ToList();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var text = await reader.ReadToEndAsync();
            Posts.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", JsonNode.Parse(text)!));
            context.Response.StatusCode = (int)(Answers.TryDequeue(out var status) ? status : HttpStatusCode.OK);
            context.Response.Close();
        }
    }
}
