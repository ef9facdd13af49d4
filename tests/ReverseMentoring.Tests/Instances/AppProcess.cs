using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReverseMentoring.Tests.Instances;

/// <summary>
/// The app's own build (copied next to the tests by the project reference) run with <c>dotnet</c> as a process of its
/// own on a PostgreSQL database, on a fixed loopback port, so that it can be killed and started again where the load
/// balancer (here: the test's clients) expects it.
/// </summary>
/// <remarks>
/// Development, because the test speaks plain http on loopback: outside Development the cookies are Secure only, and a
/// client does not send them back over http. Development changes nothing this test relies on: the keys are in the
/// database, the anti-forgery check and the sign-in cookie are the same (<c>Security/DevelopmentCookieTests</c>), the
/// outage page is served in every environment, and every setting Development would default differently is set here.
/// </remarks>
public sealed class AppProcess : IAsyncDisposable
{
    public const string CoordinatorEmail = "hr@processes.test";
    public const string CoordinatorPassword = "Two-Processes-Password-42";

    /// <summary>Every background job of the app (Infrastructure/Jobs.cs), each switched on at its shortest interval.</summary>
    public static readonly string[] JobNames =
    [
        "InvitationReminders", "PairResponseWatch", "MentorRequestDeadlines", "SessionReminders", "CheckIns", "SkillCheckpoints",
        "PairRiskWatch", "CoordinatorDigest", "MonthlySummary", "WeeklyChatSummary", "MessageMail", "ConversationRetention", "OutboxSender",
    ];

    private readonly string _folder;
    private readonly string _connectionString;
    private readonly string _mailFolder;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public AppProcess(string name, string folder, string connectionString, string mailFolder)
    {
        Name = name;
        _folder = Path.Combine(folder, name);
        _connectionString = connectionString;
        _mailFolder = mailFolder;
        Directory.CreateDirectory(_folder);
        Address = new Uri($"http://127.0.0.1:{FreePort()}/");
    }

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>Starts the process (again, after <see cref="Kill"/>, on the same port) and waits for <c>/health</c>.</summary>
    public async Task StartAsync()
    {
        var web = Path.Combine(AppContext.BaseDirectory, "ReverseMentoring.Web.dll");
        Assert.True(File.Exists(web), $"The app's build is missing at {web}.");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { web },
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Settings())
        {
            start.Environment[key] = value;
        }

        _output.Clear();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
    }

    private Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/'),
            ["Database__Provider"] = "PostgreSql",
            ["Database__ConnectionString"] = _connectionString,

            // The database is migrated before the processes start, as `migrate` does once per release.
            ["Database__MigrateOnStartup"] = "false",
            ["DemoData__Enabled"] = "false",
            ["Registration__Mode"] = "Invitation",

            // The one address people reach the app at, whichever process answers: every e-mailed link is built from it.
            ["App__PublicBaseUrl"] = "http://mentoring.example.com",
            ["FirstCoordinator__Email"] = CoordinatorEmail,
            ["FirstCoordinator__Password"] = CoordinatorPassword,
            ["Mail__PickupFolder"] = _mailFolder,
            ["Resources__Folder"] = Path.Combine(_folder, "uploads"),
            ["Serilog__MinimumLevel__Default"] = "Warning",

            // No file watchers: the test host and its parallel tests use up the machine's inotify instances quickly.
            ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
            ["DOTNET_USE_POLLING_FILE_WATCHER"] = "true",
        };
        foreach (var job in JobNames)
        {
            settings[$"Jobs__{job}__Enabled"] = "true";
            settings[$"Jobs__{job}__EveryMinutes"] = "1";
        }

        settings["Jobs__DashboardFactsFold__Enabled"] = "true";
        return settings;
    }

    /// <summary>A client of this process; clients sharing one cookie container are one browser behind a load balancer.</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>SIGKILL to the process and anything it started: no shutdown, no flushing, whatever it was doing.</summary>
    public void Kill()
    {
        _process!.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>What the process wrote to its console, for the message of a failed assertion.</summary>
    public string Output => $"{Name}:\n" + string.Join("\n", _output.TakeLast(200));

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // Stopped without a shutdown: nothing it was doing matters any more.
            Kill();
        }

        _process?.Dispose();
        await Task.CompletedTask;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(_process!.HasExited, "The app stopped at start-up:\n" + Output);
            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception notYet) when (notYet is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail("The app did not become healthy within 90 seconds:\n" + Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
