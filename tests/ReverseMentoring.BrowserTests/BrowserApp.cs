using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// The real app on Kestrel, over a fresh SQLite database with the demo accounts, and one headless Chromium.
/// Started once for every test in <see cref="BrowserAppGroup"/>; each test opens its own browser context.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("reverse-mentoring-browser-");
    private KestrelAppFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The app's clock: a journey moves it on to log a session it scheduled for tomorrow.</summary>
    public MovableClock Clock { get; } = new();

    /// <summary>Where the app drops the e-mails it sends, so a test can follow an invitation link as a person would.</summary>
    public string MailFolder => Path.Combine(_folder.FullName, "mail");

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Debian's Chromium at {ChromiumPath}, which is missing. Install it with: apt-get install chromium");
        }

        _factory = new KestrelAppFactory(Path.Combine(_folder.FullName, "browser.db"), MailFolder, Clock);
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseAddress = ListeningAddress(_factory);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });

        Directory.CreateDirectory(ScreenshotFolder);
        await EnsureStylesAreServedAsync();
    }

    /// <summary>Runs <paramref name="action"/> with the app's services in a scope of its own: a journey sets up the people it needs.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = _factory!.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    public Task<IBrowserContext> NewContextAsync() =>
        _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        // Pooled connections keep the database file open.
        SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
    }

    private static Uri ListeningAddress(KestrelAppFactory factory)
    {
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started but reported no address to listen on.");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>Without wwwroot/lib every page still renders, unstyled, and the screenshots would mislead.</summary>
    private async Task EnsureStylesAreServedAsync()
    {
        var request = await _playwright!.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = BaseAddress.ToString() });
        await using (request)
        {
            var response = await request.GetAsync("lib/bootstrap/bootstrap.min.css");
            if (!response.Ok)
            {
                throw new InvalidOperationException(
                    $"The app answered {response.Status} for lib/bootstrap/bootstrap.min.css. Build src/ReverseMentoring.Web so that npm restores wwwroot/lib.");
            }
        }
    }

    private sealed class KestrelAppFactory(string databasePath, string mailFolder, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={databasePath}");
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("DemoData:Enabled", "true");
            builder.UseSetting("Mail:PickupFolder", mailFolder);
            builder.UseSetting("Resources:Folder", Path.Combine(Path.GetDirectoryName(databasePath)!, "uploads"));
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");

            // Every reuse of a kept participant home is checked against a fresh read (ADR 0028).
            builder.UseSetting("ParticipantHome:CheckEachReuse", "true");
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }
    }
}

/// <summary>The system clock plus an offset the tests can move forward.</summary>
public sealed class MovableClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public void Reset() => _offset = TimeSpan.Zero;
}
