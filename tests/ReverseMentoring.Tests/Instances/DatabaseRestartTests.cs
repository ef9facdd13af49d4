using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReverseMentoring.Web.Data;
using Xunit.Abstractions;

namespace ReverseMentoring.Tests.Instances;

/// <summary>
/// Two processes of the app on a PostgreSQL cluster of the test's own (<c>.ci/postgres</c>), which the test stops and
/// starts again while both serve: never the cluster the other tests share.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper log)
{
    private const string Friendly = "We can't reach the database right now. Your last change may not have been saved; please try again in a minute.";

    [OwnPostgreSqlClusterFact]
    public async Task While_the_database_is_down_both_processes_answer_503_and_when_it_is_back_they_serve_and_save_again_by_themselves()
    {
        var folder = Directory.CreateTempSubdirectory("rm-db-restart-").FullName;

        // A folder of its own, which the script gives to the account the server runs as (and removes at the end).
        var cluster = Directory.CreateTempSubdirectory("rm-db-restart-cluster-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            void Step(string what) => log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s  {what}");
            var server = await ClusterAsync("start", cluster);
            Step("cluster started");
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = "reverse_mentoring" }.ToString();
            await using (var db = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString()).Options))
            {
                await db.Database.MigrateAsync();
            }

            Step("database migrated");

            await using var first = AppProcess.OnPostgreSql("first", folder, connectionString, Path.Combine(folder, "mail"));
            await using var second = AppProcess.OnPostgreSql("second", folder, connectionString, Path.Combine(folder, "mail"));
            await Task.WhenAll(first.StartAsync(), second.StartAsync());
            Step("both processes healthy");
            var cookies = new CookieContainer();
            using var onFirst = first.Client(cookies);
            using var onSecond = second.Client(cookies);
            await first.SignInAsync(onFirst);
            var token = await onSecond.TokenAsync("/Skills/Create");
            HttpClient[] both = [onFirst, onSecond];

            // Readers on both processes all along: every answer is the page or the friendly outage page, never an error.
            var answers = new ConcurrentBag<HttpStatusCode>();
            using var stopReading = new CancellationTokenSource();
            var readers = both.Select(process => Task.Run(async () =>
            {
                while (!stopReading.IsCancellationRequested)
                {
                    answers.Add((await process.GetAsync(new Uri("/Programs", UriKind.Relative))).StatusCode);
                    await Task.Delay(100);
                }
            })).ToList();

            await ClusterAsync("down", cluster);
            Step("database down");
            try
            {
                // Asked at once: each waits out the app's few retries before it answers.
                var pages = both.Select(process => process.GetAsync(new Uri("/Programs", UriKind.Relative))).ToList();
                var writes = both.Select(process => AddSkillAsync(process, token, "Written while down")).ToList();
                var health = both.Select(process => process.GetAsync(new Uri("/health", UriKind.Relative))).ToList();
                await Task.WhenAll(pages.Concat(writes).Concat(health));
                foreach (var response in pages.Concat(writes).Select(r => r.Result))
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.Contains(Friendly, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
                }

                foreach (var response in health.Select(r => r.Result))
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
                }
            }
            finally
            {
                Step("503 from both");
                await ClusterAsync("up", cluster);
                Step("database up");
            }

            // Neither process is restarted: each finds the server again on its own.
            foreach (var process in both)
            {
                await TwoProcesses.UntilAsync(async () => (await process.GetAsync(new Uri("/Programs", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
                    $"{process.BaseAddress} serving again", () => first.Output + second.Output);
                Assert.Equal("Healthy", await (await process.GetAsync(new Uri("/health", UriKind.Relative))).Content.ReadAsStringAsync());
            }

            Step("both serving again");
            Assert.Equal(HttpStatusCode.Redirect, (await AddSkillAsync(onFirst, token, "Written on the first after")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await AddSkillAsync(onSecond, token, "Written on the second after")).StatusCode);

            await stopReading.CancelAsync();
            await Task.WhenAll(readers);
            Assert.All(answers, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));

            await using var check = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString()).Options);
            var skills = await check.Skills.Select(s => s.Name).ToListAsync();
            Assert.Contains("Written on the first after", skills);
            Assert.Contains("Written on the second after", skills);
            Assert.DoesNotContain("Written while down", skills);
        }
        finally
        {
            await ClusterAsync("stop", cluster);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> AddSkillAsync(HttpClient process, string token, string name)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Data.Name"] = name,
            ["Data.Description"] = "Saved only when the database answers.",
        });
        return await process.PostAsync(new Uri("/Skills/Create", UriKind.Relative), form);
    }

    /// <summary>Runs <c>.ci/postgres COMMAND DIR</c>; returns what it prints (the connection string, for start).</summary>
    private static async Task<string> ClusterAsync(string command, string cluster)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { OwnPostgreSqlClusterFactAttribute.Script!, command, cluster },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        Assert.True(script.ExitCode == 0, $".ci/postgres {command} failed:\n{await errors}");
        return (await output).Trim();
    }
}

/// <summary>
/// A test that starts and stops a PostgreSQL cluster of its own with the repository's <c>.ci/postgres</c>: run with the
/// other PostgreSQL tests, skipped, with the reason, where the script or the server's binaries are not there.
/// </summary>
public sealed class OwnPostgreSqlClusterFactAttribute : FactAttribute
{
    public OwnPostgreSqlClusterFactAttribute()
    {
        if (!PostgreSqlTestServer.IsConfigured)
        {
            Skip = PostgreSqlTestServer.NotConfigured;
        }
        else if (Script is null)
        {
            Skip = $"needs the repository's .ci/postgres script, not found above {AppContext.BaseDirectory}";
        }
        else if (!ServerBinariesPresent())
        {
            Skip = "needs PostgreSQL's server binaries (pg_ctl, initdb: Debian's postgresql package) to run a cluster of its own";
        }
    }

    /// <summary>The repository's <c>.ci/postgres</c>, found from the test's build folder upwards.</summary>
    public static string? Script { get; } = FindScript();

    private static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, ".ci", "postgres");
            if (File.Exists(script))
            {
                return script;
            }
        }

        return null;
    }

    // Where .ci/postgres looks for them; it would install them otherwise, which a test must not do.
    private static bool ServerBinariesPresent() =>
        (Directory.Exists("/usr/lib/postgresql") && Directory.GetDirectories("/usr/lib/postgresql").Any(v => File.Exists(Path.Combine(v, "bin", "pg_ctl"))))
        || (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "pg_ctl")));
}
