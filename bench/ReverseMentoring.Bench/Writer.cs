using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace ReverseMentoring.Bench;

/// <summary>
/// Writes through the app's own pages, as participants would, at a steady total rate: each participant signs in, then in
/// turn schedules a session (at the first time the schedule page suggests, or at a working hour weeks ahead when it suggests none), logs one of the pair's missed sessions as held
/// and rates that session. Once a pair's missed sessions are used up, it logs one of its held sessions again (a
/// correction, which saves the same way) and schedules instead of rating. Every write is a GET of the form (its anti-forgery token and fields) and a POST of it; a write
/// counts as done when the app answers with the redirect that follows a saved form.
///
/// Usage: writer BASE_URL CERTIFICATE PEOPLE_FILE SECONDS [WRITES_PER_SECOND]
/// PEOPLE_FILE: one line per participant: e-mail, pair id, the ids of the pair's missed sessions and of some of its held
/// ones (each list comma-separated, "-" for none).
/// Stops after SECONDS or at SIGTERM/Ctrl+C, and prints the writes done and failed.
/// </summary>
internal static partial class Writer
{
    private const string Password = "Mentoring-Demo-2026";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 4)
        {
            await Console.Error.WriteLineAsync("Usage: writer BASE_URL CERTIFICATE PEOPLE_FILE SECONDS [WRITES_PER_SECOND]");
            return 2;
        }

        var baseUrl = new Uri(args[0].TrimEnd('/') + "/");
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(args[1]);
        var people = (await File.ReadAllLinesAsync(args[2]))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 2)
            .Select(p => new Participant(p[0], int.Parse(p[1], CultureInfo.InvariantCulture),
                Ids(p.Length > 2 ? p[2] : "-"), Ids(p.Length > 3 ? p[3] : "-")))
            .ToList();
        var seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
        var rate = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 5;

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var tally = new Tally();
        var clients = new List<HttpClient>();
        try
        {
            foreach (var person in people)
            {
                var client = ClientFor(baseUrl, certificate);
                clients.Add(client);
                person.Client = client;
                if (!await SignInAsync(client, person.Email))
                {
                    tally.Failed("sign in");
                    person.Client = null;
                }
            }

            var active = people.Where(p => p.Client is not null).ToList();
            if (active.Count == 0)
            {
                await Console.Error.WriteLineAsync("No participant could sign in.");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Writer: {active.Count} participants signed in, {rate} writes/s for {seconds} s"));

            // One write every 1/rate seconds, started on time whether or not the previous one has answered.
            var interval = TimeSpan.FromSeconds(1 / rate);
            var clock = Stopwatch.StartNew();
            var running = new List<Task>();
            for (var n = 0L; !stop.IsCancellationRequested; n++)
            {
                var due = interval * n;
                if (due > clock.Elapsed)
                {
                    try
                    {
                        await Task.Delay(due - clock.Elapsed, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                var person = active[(int)(n % active.Count)];
                running.Add(WriteAsync(baseUrl, person, tally));
                running.RemoveAll(t => t.IsCompleted);
            }

            await Task.WhenAll(running);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Writes done: {tally.Done}  failed: {tally.FailedCount}"));
        foreach (var (kind, count) in tally.ByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind}: {count}"));
        }

        return 0;
    }

    private static Queue<int> Ids(string list) =>
        new(list == "-" ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)));

    private static HttpClient ClientFor(Uri baseUrl, X509Certificate2 certificate)
    {
        // The app's self-signed certificate is trusted by its thumbprint, nothing else.
#pragma warning disable CA2000 // The client disposes the handler.
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static async Task<bool> SignInAsync(HttpClient client, string email)
    {
        var form = await FormAsync(client, "Account/SignIn");
        if (form is null)
        {
            return false;
        }

        form["Data.Email"] = email;
        form["Data.Password"] = Password;
        return await PostAsync(client, "Account/SignIn", form) is not null;
    }

    // Each participant takes turns: schedule, log a missed session, rate the session logged.
    private static async Task WriteAsync(Uri baseUrl, Participant person, Tally tally)
    {
        _ = baseUrl;
        var client = person.Client!;
        var step = Interlocked.Increment(ref person.Turn) % 3;
        if (!await person.Busy.WaitAsync(0))
        {
            // The previous write of this person is still waiting for an answer; writes of one person stay in order.
            await person.Busy.WaitAsync();
        }

        try
        {
            switch (step)
            {
                case 1:
                    await ScheduleAsync(client, person, tally);
                    break;
                case 2:
                    await LogAsync(client, person, tally);
                    break;
                default:
                    if (person.Logged.Count > 0)
                    {
                        await RateAsync(client, person, tally);
                    }
                    else
                    {
                        await ScheduleAsync(client, person, tally);
                    }

                    break;
            }
        }
        catch (HttpRequestException e)
        {
            tally.Failed($"http: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            tally.Failed("timed out");
        }
        finally
        {
            person.Busy.Release();
        }
    }

    private static async Task ScheduleAsync(HttpClient client, Participant person, Tally tally)
    {
        var scheduleUrl = $"Participant/Sessions/Schedule?pairId={person.PairId}";
        var page = await client.GetStringAsync(new Uri(scheduleUrl, UriKind.Relative));
        var suggestion = SuggestionLink().Match(page);
        var url = suggestion.Success ? WebUtility.HtmlDecode(suggestion.Groups[1].Value).TrimStart('/') : scheduleUrl;
        var form = await FormAsync(client, url);
        if (form is null)
        {
            tally.Failed("schedule: no form");
            return;
        }

        // A busy pair's suggestions run out (its coming weeks are booked): then it picks a working hour of its own, weeks
        // ahead, as a person would, rather than giving up (each refusal was a page round trip and no write).
        if (!suggestion.Success)
        {
            var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(Random.Shared.Next(21, 60));
            form["Data.Date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            form["Data.Time"] = new TimeOnly(Random.Shared.Next(8, 17), Random.Shared.Next(4) * 15).ToString("HH:mm", CultureInfo.InvariantCulture);
            form["Data.Format"] = "Virtual";
            form["Data.Location"] = "https://meet.example.com/bench";
        }

        if (string.IsNullOrEmpty(form.GetValueOrDefault("Data.Location")))
        {
            form["Data.Location"] = "https://meet.example.com/bench";
        }

        Count(tally, "schedule", await PostAsync(client, "Participant/Sessions/Schedule", form));
    }

    private static async Task LogAsync(HttpClient client, Participant person, Tally tally)
    {
        var missed = person.Missed.TryDequeue(out var sessionId);
        if (!missed)
        {
            if (!person.Held.TryDequeue(out sessionId))
            {
                tally.Failed("log: no session to log");
                return;
            }

            person.Held.Enqueue(sessionId);
        }

        var url = $"Participant/Sessions/Log/{sessionId}";
        var form = await FormAsync(client, url);
        if (form is null)
        {
            tally.Failed("log: no form");
            return;
        }

        if (string.IsNullOrEmpty(form.GetValueOrDefault("Data.HeldMinutes")))
        {
            form["Data.HeldMinutes"] = "45";
        }

        var saved = await PostAsync(client, url, form);
        Count(tally, missed ? "log" : "log again", saved);
        if (saved is not null && missed)
        {
            person.Logged.Enqueue(sessionId);
        }
    }

    private static async Task RateAsync(HttpClient client, Participant person, Tally tally)
    {
        if (!person.Logged.TryDequeue(out var sessionId))
        {
            tally.Failed("feedback: no logged session to rate");
            return;
        }

        var url = $"Participant/Feedback/Give/{sessionId}";
        var form = await FormAsync(client, url);
        if (form is null)
        {
            tally.Failed("feedback: no form");
            return;
        }

        form["Data.Rating"] = (1 + (sessionId % 5)).ToString(CultureInfo.InvariantCulture);
        form["Data.Comment"] = "Useful session.";
        Count(tally, "feedback", await PostAsync(client, url, form));
    }

    private static void Count(Tally tally, string kind, string? redirect)
    {
        if (redirect is null)
        {
            tally.Failed($"{kind}: not saved");
        }
        else
        {
            tally.Succeeded(kind);
        }
    }

    /// <summary>The fields of the page's first form that carries an anti-forgery token and the page's own fields (Data.*), as a browser would post them.</summary>
    private static async Task<Dictionary<string, string>?> FormAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var html = await response.Content.ReadAsStringAsync();
        foreach (Match form in FormTag().Matches(html))
        {
            var body = form.Groups[1].Value;
            if (!body.Contains("__RequestVerificationToken", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match input in InputTag().Matches(body))
            {
                var tag = input.Value;
                var name = Attribute(tag, "name");
                var type = Attribute(tag, "type") ?? "text";
                if (name is null || type is "submit" or "button" or "file")
                {
                    continue;
                }

                if (type is "checkbox" or "radio" && !CheckedAttribute().IsMatch(tag))
                {
                    continue;
                }

                // The first value of a name wins (a checkbox's hidden "false" comes after it).
                fields.TryAdd(name, WebUtility.HtmlDecode(Attribute(tag, "value") ?? ""));
            }

            foreach (Match select in SelectTag().Matches(body))
            {
                var name = Attribute(select.Groups[1].Value, "name");
                var options = OptionTag().Matches(select.Groups[2].Value);
                var chosen = options.FirstOrDefault(o => SelectedAttribute().IsMatch(o.Value)) ?? options.FirstOrDefault();
                if (name is not null && chosen is not null)
                {
                    fields.TryAdd(name, WebUtility.HtmlDecode(Attribute(chosen.Value, "value") ?? ""));
                }
            }

            foreach (Match area in TextareaTag().Matches(body))
            {
                if (Attribute(area.Groups[1].Value, "name") is { } name)
                {
                    fields.TryAdd(name, WebUtility.HtmlDecode(area.Groups[2].Value));
                }
            }

            // The layout's own forms (signing out) carry a token too, and come first.
            if (fields.Keys.Any(k => k.StartsWith("Data.", StringComparison.Ordinal)))
            {
                return fields;
            }
        }

        return null;
    }

    /// <summary>Posts the form; the redirect's target when the app saved it (302/303), otherwise null.</summary>
    private static async Task<string?> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther ? response.Headers.Location?.ToString() ?? "" : null;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"", RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("<select\\b([^>]*)>(.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelectTag();

    [GeneratedRegex("<option\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex OptionTag();

    [GeneratedRegex("<textarea\\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextareaTag();

    [GeneratedRegex("\\schecked(\\s|=|/|>)", RegexOptions.IgnoreCase)]
    private static partial Regex CheckedAttribute();

    [GeneratedRegex("\\sselected(\\s|=|/|>)", RegexOptions.IgnoreCase)]
    private static partial Regex SelectedAttribute();

    [GeneratedRegex("href=\"(/Participant/Sessions/Schedule\\?pairId=[^\"]*date=[^\"]*)\"")]
    private static partial Regex SuggestionLink();

    private sealed class Participant(string email, int pairId, Queue<int> missed, Queue<int> held)
    {
        public string Email { get; } = email;
        public int PairId { get; } = pairId;
        public Queue<int> Missed { get; } = missed;
        public Queue<int> Held { get; } = held;
        public Queue<int> Logged { get; } = new();
        public SemaphoreSlim Busy { get; } = new(1, 1);
        public HttpClient? Client { get; set; }
#pragma warning disable CA1051 // Incremented with Interlocked.
        public int Turn;
#pragma warning restore CA1051
    }

    private sealed class Tally
    {
        private readonly Lock _lock = new();
        private int _done;
        private int _failed;

        public Dictionary<string, int> ByKind { get; } = new(StringComparer.Ordinal);

        public int Done
        {
            get
            {
                lock (_lock)
                {
                    return _done;
                }
            }
        }

        public int FailedCount
        {
            get
            {
                lock (_lock)
                {
                    return _failed;
                }
            }
        }

        public void Succeeded(string kind)
        {
            lock (_lock)
            {
                _done++;
                ByKind[$"{kind} done"] = ByKind.GetValueOrDefault($"{kind} done") + 1;
            }
        }

        public void Failed(string why)
        {
            lock (_lock)
            {
                _failed++;
                ByKind[$"failed, {why}"] = ByKind.GetValueOrDefault($"failed, {why}") + 1;
            }
        }
    }
}
