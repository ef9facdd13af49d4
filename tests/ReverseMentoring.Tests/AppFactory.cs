using System.Net;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests;

/// <summary>
/// The real app over a real SQLite file of its own, migrated from empty at start-up, or, when the run is set to
/// PostgreSQL (<see cref="PostgreSqlTestServer"/>), over a PostgreSQL database of its own. One per test class; tests
/// inside a class make their own users (unique e-mails), so they do not depend on each other.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Correct-Horse-42";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rm-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = new();

    static AppFactory()
    {
        // Each app would otherwise watch its appsettings files for changes: one inotify instance per app, and Linux
        // allows 128 per user, fewer than the apps a full run has alive at once.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

        // Other file watchers (Razor, static files) poll instead of taking inotify instances, so test runs side by side
        // do not run out of them either.
        if (Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") is null)
        {
            Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        }
    }

    public AppFactory()
    {
        Directory.CreateDirectory(_folder);
        DatabasePath = Path.Combine(_folder, "app.db");
        if (PostgreSqlTestServer.IsConfigured)
        {
            PostgreSqlConnectionString = PostgreSqlTestServer.CreateDatabase();
            _settings["Database:Provider"] = "PostgreSql";
            _settings["Database:ConnectionString"] = PostgreSqlConnectionString;
        }
        else
        {
            _settings["Database:Provider"] = "Sqlite";
            _settings["Database:ConnectionString"] = $"Data Source={DatabasePath}";
        }

        _settings["Database:MigrateOnStartup"] = "true";
        _settings["DemoData:Enabled"] = "false";
        _settings["FirstCoordinator:Email"] = "";
        _settings["Registration:Mode"] = "Open";

        // Every test client shares one address; the rate limit is tested on its own (Security/SignInRateLimitTests).
        _settings["RateLimiting:PermitLimit"] = "100000";

        // The check-in job e-mails real-looking pairs; tests that need it run it themselves on a test clock.
        _settings["Jobs:CheckIns:Enabled"] = "false";
        _settings["Jobs:SkillCheckpoints:Enabled"] = "false";

        // Likewise the session reminders job, which marks past sessions missed and e-mails pairs, the invitation
        // reminders and the watch on unanswered pairs.
        _settings["Jobs:SessionReminders:Enabled"] = "false";
        _settings["Jobs:InvitationReminders:Enabled"] = "false";
        _settings["Jobs:PairResponseWatch:Enabled"] = "false";
        _settings["Jobs:MentorRequestDeadlines:Enabled"] = "false";

        // The coordinators' alert jobs too: the pair-risk watch and the daily digest.
        _settings["Jobs:PairRiskWatch:Enabled"] = "false";
        _settings["Jobs:CoordinatorDigest:Enabled"] = "false";

        // And the monthly summary to leaders and coordinators; its tests run it on a test clock.
        _settings["Jobs:MonthlySummary:Enabled"] = "false";
        _settings["Jobs:WeeklyChatSummary:Enabled"] = "false";

        // The dashboard facts fold runs every few seconds; tests fold when they mean to.
        _settings["Jobs:DashboardFactsFold:Enabled"] = "false";

        // Every reuse of a kept participant home is checked against a fresh read, so any test that changes what a
        // home shows and views it again fails if the change did not reach the kept copy (ADR 0028).
        _settings["ParticipantHome:CheckEachReuse"] = "true";

        // Development writes mail under the app's folder; tests keep theirs in their own temp folder.
        MailFolder = Path.Combine(_folder, "mail");
        _settings["Mail:PickupFolder"] = MailFolder;

        // Uploaded resource files too: never under the web project's own App_Data.
        _settings["Resources:Folder"] = Path.Combine(_folder, "uploads");
    }

    public string DatabasePath { get; }

    /// <summary>This app's own PostgreSQL database, when the run is set to PostgreSQL; otherwise null.</summary>
    public string? PostgreSqlConnectionString { get; }

    /// <summary>Where the app writes the e-mails it sends, unless a test points Mail:PickupFolder elsewhere.</summary>
    public string MailFolder { get; }

    /// <summary>The e-mails the app has written to <paramref name="email"/>, oldest first.</summary>
    public IReadOnlyList<MimeMessage> MailTo(string email) =>
        !Directory.Exists(MailFolder) ? [] : Directory.GetFiles(MailFolder, "*.eml")
            .Select(path => MimeMessage.Load(path))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => m.Date)
            .ToList();

    /// <summary>Overrides a setting; call before the first client or service is asked for.</summary>
    public AppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // An app on its own SQLite file that migrates at start starts from the migrated template instead: the same
        // file, without a second of migrations per app. An app pointed elsewhere or told not to migrate is left alone.
        if (_settings["Database:Provider"] == "Sqlite"
            && _settings["Database:ConnectionString"] == $"Data Source={DatabasePath}"
            && _settings["Database:MigrateOnStartup"] == "true")
        {
            SqliteTestTemplate.CopyTo(DatabasePath);
        }

        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<AppUser> CreateUserAsync(string role, string? email = null, string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, DisplayName = name ?? $"Test {role}", CreatedAtUtc = DateTime.UtcNow };
        StartupData.Check(await users.CreateAsync(user, Password), "create a test user");
        if (role.Length > 0)
        {
            StartupData.Check(await users.AddToRoleAsync(user, role), "give a test user a role");
        }

        return user;
    }

    /// <summary>A client of a new person holding the role, signed in through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role) => await SignedInClientAsync(await CreateUserAsync(role));

    /// <summary>A client of that person, signed in through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInClientAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = Client();
        var response = await client.PostFormAsync("/Account/SignIn", new()
        {
            ["Data.Email"] = user.Email!,
            ["Data.Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, ClaimsPrincipal? user = null) =>
        RunAsAsync(user, mediator => mediator.Send(query).AsTask());

    public Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, ClaimsPrincipal? user = null) =>
        RunAsAsync(user, mediator => mediator.Send(command).AsTask());

    public async Task<T> ExecuteDbContextAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task ExecuteDbContextAsync(Func<AppDbContext, Task> action) =>
        ExecuteDbContextAsync(async db =>
        {
            await action(db);
            return true;
        });

    public static ClaimsPrincipal PrincipalFor(AppUser user, params string[] roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.Email!) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
    }

    private Task<T> RunAsAsync<T>(ClaimsPrincipal? user, Func<IMediator, Task<T>> send) =>
        RunAsAsync(user, services => send(services.GetRequiredService<IMediator>()));

    public Task RunAsAsync(ClaimsPrincipal? user, Func<IServiceProvider, Task> action) =>
        RunAsAsync(user, async services =>
        {
            await action(services);
            return true;
        });

    /// <summary>Runs in a fresh scope as the given person, the way a page request would.</summary>
    public async Task<T> RunAsAsync<T>(ClaimsPrincipal? user, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { User = user ?? new ClaimsPrincipal(new ClaimsIdentity()), RequestServices = scope.ServiceProvider };
        try
        {
            return await action(scope.ServiceProvider);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (PostgreSqlConnectionString is not null)
            {
                PostgreSqlTestServer.DropDatabase(PostgreSqlConnectionString);
            }

            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown is left for the OS temp cleaner.
            }
        }
    }
}
