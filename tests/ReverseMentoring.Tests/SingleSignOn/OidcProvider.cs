using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReverseMentoring.Tests.SingleSignOn;

/// <summary>
/// A real OpenID provider (the npm package oidc-provider, tests/oidc-provider/server.mjs) on a loopback port, started once
/// per test run and stopped when the run ends. Installs its packages with npm ci the first time, into its own folder.
/// </summary>
public sealed class OidcProvider : IDisposable
{
    public const string ClientId = "reverse-mentoring";
    public const string ClientSecret = "reverse-mentoring-test-secret";

    private static readonly Lazy<OidcProvider> SharedProvider = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Process _process;

    private OidcProvider(Process process, int port)
    {
        _process = process;
        Authority = $"http://127.0.0.1:{port}";
    }

    /// <summary>The one provider of this test run.</summary>
    public static OidcProvider Shared => SharedProvider.Value;

    public string Authority { get; }

    /// <summary>The settings that point the app at this provider, with department, job level and manager claims.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SingleSignOn:Enabled"] = "true",
        ["SingleSignOn:DisplayName"] = "Sign in with Contoso",
        ["SingleSignOn:Authority"] = Authority,
        ["SingleSignOn:ClientId"] = ClientId,
        ["SingleSignOn:ClientSecret"] = ClientSecret,
        ["SingleSignOn:Scopes:0"] = "openid",
        ["SingleSignOn:Scopes:1"] = "profile",
        ["SingleSignOn:Scopes:2"] = "email",
        ["SingleSignOn:Scopes:3"] = "org",
        ["SingleSignOn:DepartmentClaim"] = "department",
        ["SingleSignOn:JobLevelClaim"] = "job_level",
        ["SingleSignOn:ManagerEmailClaim"] = "manager_email",
    };

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private static OidcProvider Start()
    {
        var folder = Folder();
        InstallOnce(folder);
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "server.mjs", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--exit-with-stdin" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var provider = new OidcProvider(process, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => provider.Dispose();
        provider.WaitUntilReady(() => { lock (output) { return output.ToString(); } });
        return provider;
    }

    private void WaitUntilReady(Func<string> output)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The test OpenID provider stopped at start:{Environment.NewLine}{output()}");
            }

            try
            {
                if (http.GetAsync(new Uri($"{Authority}/.well-known/openid-configuration")).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"The test OpenID provider did not answer within a minute:{Environment.NewLine}{output()}");
    }

    /// <summary>tests/oidc-provider, found from the test assembly upwards.</summary>
    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "oidc-provider");
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/oidc-provider not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// npm ci, only when the packages are missing; a lock file keeps two test runs (the integration and the browser
    /// tests run side by side) from installing into the same folder at once.
    /// </summary>
    private static void InstallOnce(string folder)
    {
        var installed = Path.Combine(folder, "node_modules", "oidc-provider", "package.json");
        if (File.Exists(installed))
        {
            return;
        }

        using var gate = Lock(Path.Combine(folder, ".npm-ci.lock"));
        if (File.Exists(installed))
        {
            return;
        }

        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--prefer-offline" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        var errors = npm.StandardError.ReadToEndAsync();
        _ = npm.StandardOutput.ReadToEnd();
        if (!npm.WaitForExit(TimeSpan.FromMinutes(5)) || npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {folder}:{Environment.NewLine}{errors.GetAwaiter().GetResult()}");
        }
    }

    private static FileStream Lock(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(5))
            {
                Thread.Sleep(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
