using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ReverseMentoring.Tests;

/// <summary>
/// The app's own build (copied next to the tests by the project reference) run with <c>dotnet</c> as a process of its
/// own, on a fixed loopback port, so that it can be killed and started again where its clients (or a load balancer)
/// expect it. <see cref="OnPostgreSql"/> is one of several instances on one database with every job on;
/// <see cref="OnSqlite"/> is the app alone on a SQLite file.
/// </summary>
/// <remarks>
/// Development, because the tests speak plain http on loopback: outside Development the cookies are Secure only, and a
/// client does not send them back over http. Development changes nothing these tests rely on: the keys are in the
/// database, the anti-forgery check and the sign-in cookie are the same (<c>Security/DevelopmentCookieTests</c>), the
/// outage page is served in every environment, and every setting Development would default differently is set here.
/// </remarks>
public sealed class AppProcess : IAsyncDisposable
{
    /// <summary>Every background job of the app (Infrastructure/Jobs.cs).</summary>
    public static readonly string[] JobNames =
    [
        "InvitationReminders", "PairResponseWatch", "MentorRequestDeadlines", "SessionReminders", "CheckIns", "SkillCheckpoints",
        "PairRiskWatch", "CoordinatorDigest", "MonthlySummary", "WeeklyChatSummary", "MessageMail", "ConversationRetention", "OutboxSender",
    ];

    /// <summary>The shortest interval a job takes (<c>PeriodicJob</c>): each runs at start-up and then this often.</summary>
    public static readonly TimeSpan JobInterval = TimeSpan.FromMinutes(1);

    private readonly string _folder;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;
    private DateTime _launchedAtUtc;

    private AppProcess(string name, string folder, string coordinatorEmail, string coordinatorPassword, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        _folder = Path.Combine(folder, name);
        Directory.CreateDirectory(_folder);
        Address = new Uri($"http://127.0.0.1:{FreePort()}/");
        CoordinatorEmail = coordinatorEmail;
        CoordinatorPassword = coordinatorPassword;
        MailFolder = settings.TryGetValue("Mail__PickupFolder", out var mail) ? mail : Path.Combine(_folder, "mail");
        var all = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/'),
            ["DemoData__Enabled"] = "false",
            ["FirstCoordinator__Email"] = coordinatorEmail,
            ["FirstCoordinator__Password"] = coordinatorPassword,
            ["Mail__PickupFolder"] = MailFolder,
            ["Resources__Folder"] = Path.Combine(_folder, "uploads"),
            ["Serilog__MinimumLevel__Default"] = "Warning",

            // No file watchers: the test host and its parallel tests use up the machine's inotify instances quickly.
            ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
            ["DOTNET_USE_POLLING_FILE_WATCHER"] = "true",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        _settings = all;
    }

    /// <summary>
    /// One of several instances on one migrated PostgreSQL database, writing e-mails into <paramref name="mailFolder"/>,
    /// with every background job on at its shortest interval.
    /// </summary>
    public static AppProcess OnPostgreSql(string name, string folder, string connectionString, string mailFolder)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["Database__ConnectionString"] = connectionString,

            // The database is migrated before the processes start, as `migrate` does once per release.
            ["Database__MigrateOnStartup"] = "false",
            ["Registration__Mode"] = "Invitation",

            // The one address people reach the app at, whichever process answers: every e-mailed link is built from it.
            ["App__PublicBaseUrl"] = "http://mentoring.example.com",
            ["Mail__PickupFolder"] = mailFolder,
            ["Jobs__DashboardFactsFold__Enabled"] = "true",
        };
        foreach (var job in JobNames)
        {
            settings[$"Jobs__{job}__Enabled"] = "true";
            settings[$"Jobs__{job}__EveryMinutes"] = JobInterval.TotalMinutes.ToString(CultureInfo.InvariantCulture);
        }

        return new AppProcess(name, folder, "hr@processes.test", "Two-Processes-Password-42", settings);
    }

    /// <summary>The app alone on a SQLite file it migrates at start-up; no rate limit and no jobs that send e-mail.</summary>
    public static AppProcess OnSqlite(string name, string folder, string databasePath) =>
        new(name, folder, "hr@crash.test", "Crash-Safe-Password-42", new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__ConnectionString"] = $"Data Source={databasePath}",
            ["Database__MigrateOnStartup"] = "true",
            ["RateLimiting__Enabled"] = "false",
            ["Jobs__InvitationReminders__Enabled"] = "false",
            ["Jobs__PairResponseWatch__Enabled"] = "false",
            ["Jobs__CheckIns__Enabled"] = "false",
            ["Jobs__SessionReminders__Enabled"] = "false",
        });

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>The first coordinator, created from configuration at start-up.</summary>
    public string CoordinatorEmail { get; }

    public string CoordinatorPassword { get; }

    public string MailFolder { get; }

    /// <summary>When the latest start became healthy: its jobs ran once just before, and run again every <see cref="JobInterval"/>.</summary>
    public DateTime StartedAtUtc { get; private set; }

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
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        _output.Clear();
        _launchedAtUtc = DateTime.UtcNow;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
        StartedAtUtc = DateTime.UtcNow;
    }

    /// <summary>
    /// A time by which this process's jobs have begun a run that started after <paramref name="afterUtc"/>. Each job
    /// runs when the process starts (between its launch and <see cref="StartedAtUtc"/>) and then every
    /// <see cref="JobInterval"/> from there.
    /// </summary>
    public DateTime JobsRanAfter(DateTime afterUtc)
    {
        if (afterUtc < _launchedAtUtc)
        {
            return StartedAtUtc;
        }

        var intervals = Math.Floor((afterUtc - _launchedAtUtc) / JobInterval) + 1;
        return StartedAtUtc + intervals * JobInterval;
    }

    /// <summary>A client of this process; clients sharing one cookie container are one browser behind a load balancer.</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>Signs <paramref name="client"/> in as the first coordinator; its cookie container then holds the sign-in.</summary>
    public async Task SignInAsync(HttpClient client)
    {
        var response = await client.PostFormAsync("/Account/SignIn", new()
        {
            ["Data.Email"] = CoordinatorEmail,
            ["Data.Password"] = CoordinatorPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

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
