using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// The real app as a separate process over a SQLite file: killed while programs (each a program row, its topic rows
/// and their audit rows, in one transaction) are being created, then started again on the same file.
/// </summary>
[Trait("Category", "Crash")]
public sealed partial class CrashSafetyTests : IDisposable
{
    private const string CoordinatorEmail = "hr@crash.test";
    private const string CoordinatorPassword = "Crash-Safe-Password-42";
    private const int TopicsPerProgram = 3;
    private const int Writers = 3;
    private const int SuccessesBeforeKill = 12;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("rm-crash-");

    private string DatabasePath => Path.Combine(_folder.FullName, "crash.db");

    [Fact]
    public async Task Killing_the_app_mid_write_loses_no_committed_program_and_leaves_none_half_saved()
    {
        var saved = new ConcurrentBag<string>();
        var unknown = new ConcurrentBag<string>();
        using (var app = await RealApp.StartAsync(_folder.FullName, DatabasePath))
        {
            var client = await app.SignedInClientAsync(CoordinatorEmail, CoordinatorPassword);
            var token = await TokenAsync(client, "/Programs/Create");
            var enoughSaved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; ; i++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"Crash {writer}-{i:0000}");
                    try
                    {
                        var response = await CreateProgramAsync(client, token, name);
                        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                        saved.Add(name);
                        if (saved.Count >= SuccessesBeforeKill)
                        {
                            enoughSaved.TrySetResult();
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The process died with this write in flight: it may or may not have committed.
                        unknown.Add(name);
                        return;
                    }
                }
            })).ToList();

            await enoughSaved.Task.WaitAsync(TimeSpan.FromSeconds(90));
            app.Kill();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        }

        using (var restarted = await RealApp.StartAsync(_folder.FullName, DatabasePath))
        {
            var client = await restarted.SignedInClientAsync(CoordinatorEmail, CoordinatorPassword);
            var after = await CreateProgramAsync(client, await TokenAsync(client, "/Programs/Create"), "Crash after restart");
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        }

        await using var db = OpenDatabase();
        var programs = await db.Programs.AsNoTracking().Include(p => p.Topics).Where(p => p.Name.StartsWith("Crash ")).ToListAsync();
        var audits = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "Added" && (a.Entity == nameof(MentoringProgram) || a.Entity == nameof(ProgramTopic))).ToListAsync();
        var audited = audits.Select(a => (a.Entity, a.EntityId)).ToHashSet();

        Assert.Equal(Writers, unknown.Count);
        Assert.All(saved, name => Assert.Single(programs, p => p.Name == name));
        Assert.All(programs, program =>
        {
            Assert.True(saved.Contains(program.Name) || unknown.Contains(program.Name) || program.Name == "Crash after restart", $"{program.Name} was never written");
            Assert.Equal(Enumerable.Range(1, TopicsPerProgram).Select(n => $"Topic {n} of {program.Name}"), program.Topics.OrderBy(t => t.SortOrder).Select(t => t.Title));
            Assert.Contains((nameof(MentoringProgram), program.Id.ToString(CultureInfo.InvariantCulture)), audited);
            Assert.All(program.Topics, topic => Assert.Contains((nameof(ProgramTopic), topic.Id.ToString(CultureInfo.InvariantCulture)), audited));
        });
        var programIds = programs.Select(p => p.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var orphanedTopics = await db.ProgramTopics.AsNoTracking().CountAsync(t => !db.Programs.Any(p => p.Id == t.ProgramId));
        Assert.Equal(0, orphanedTopics);
        Assert.All(audits.Where(a => a.Entity == nameof(MentoringProgram)), a => Assert.Contains(a.EntityId, programIds));
        Assert.Equal("ok", await IntegrityCheckAsync());
    }

    private static async Task<HttpResponseMessage> CreateProgramAsync(HttpClient client, string token, string name)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Data.Name"] = name,
            ["Data.Objectives"] = "Proves that a program is saved whole or not at all.",
            ["Data.StartsOn"] = today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Data.EndsOn"] = today.AddDays(100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Data.SessionCadenceDays"] = "21",
            ["Data.SessionMinutes"] = "60",
            ["Data.ExpectedSessions"] = "5",
            ["Data.Formats"] = "Virtual",
            ["Data.MentorCapacity"] = "1",
            ["Data.SkillWeight"] = "5",
            ["Data.AvailabilityWeight"] = "3",
            ["Data.TimeZoneWeight"] = "2",
            ["Data.FormatWeight"] = "2",
            ["Data.InterestWeight"] = "1",
            ["Data.MinimumScorePercent"] = "0",
            ["Data.Objective"] = "BestTotalScore",
            ["Data.PreferCrossDepartment"] = "false",
        };
        for (var n = 0; n < TopicsPerProgram; n++)
        {
            fields[$"Data.Topics[{n}].Title"] = $"Topic {n + 1} of {name}";
            fields[$"Data.Topics[{n}].SuggestedActivities"] = "Try it together.";
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/Programs/Create", UriKind.Relative), content);
    }

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var html = await client.GetHtmlAsync(url);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No anti-forgery token on {url}.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    private SqliteAppDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={DatabasePath};Pooling=False").Options);

    private async Task<string?> IntegrityCheckAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string?)await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>
/// The app's own build (copied next to the tests by the project reference) run with <c>dotnet</c> on a free port, in
/// Development, with the first coordinator from configuration and no demo data or background jobs.
/// </summary>
public sealed class RealApp : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private RealApp(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<RealApp> StartAsync(string folder, string databasePath)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "ReverseMentoring.Web.dll");
        Assert.True(File.Exists(web), $"The app's build is missing at {web}.");
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { web },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["Database__Provider"] = "Sqlite",
            ["Database__ConnectionString"] = $"Data Source={databasePath}",
            ["Database__MigrateOnStartup"] = "true",
            ["DemoData__Enabled"] = "false",
            ["FirstCoordinator__Email"] = "hr@crash.test",
            ["FirstCoordinator__Password"] = "Crash-Safe-Password-42",
            ["Mail__PickupFolder"] = Path.Combine(folder, "mail"),
            ["Resources__Folder"] = Path.Combine(folder, "uploads"),
            ["RateLimiting__Enabled"] = "false",
            ["Jobs__InvitationReminders__Enabled"] = "false",
            ["Jobs__PairResponseWatch__Enabled"] = "false",
            ["Jobs__CheckIns__Enabled"] = "false",
            ["Jobs__SessionReminders__Enabled"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",

            // No file watchers: the test host and its parallel tests use up the machine's inotify instances quickly.
            ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var app = new RealApp(process, address);
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
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
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(_process.HasExited, "The app stopped at start-up:\n" + string.Join("\n", _output));
            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail("The app did not become healthy:\n" + string.Join("\n", _output));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
