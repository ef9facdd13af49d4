using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Tests.SingleSignOn;
using ReverseMentoring.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ReverseMentoring.BrowserTests;

/// <summary>
/// A deployment where single sign-on through the company's provider (a real oidc-provider on a loopback port) is the only
/// way in: a person signs in for the first time in Chromium, chooses their side, is enrolled and paired.
/// </summary>
public sealed class SingleSignOnTests(SingleSignOnBrowserApp app) : IClassFixture<SingleSignOnBrowserApp>
{
    [Fact]
    public async Task A_person_signs_in_through_the_company_provider_for_the_first_time_enrols_and_is_paired()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/Account/SignIn");
        await Expect(page.Locator("input[type=password]")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Break-glass sign-in" })).ToBeVisibleAsync();
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
        await PageChecks.ScreenshotAsync(page, "sso-1-sign-in-sso-only");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Contoso" }).ClickAsync();
        await page.GetByLabel("Person").SelectOptionAsync("bob");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/Account/ChooseRole");
        await page.GetByLabel("a mentor: a junior colleague who teaches").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/Participant");

        // Enrolling in the open program, the place the provider's claims put in the org chart is shown, not asked.
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.OpenProgramName, Exact = true }).First.ClickAsync();
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/Enrol");
        var chart = page.Locator("#from-org-chart");
        await Expect(chart).ToContainTextAsync("Engineering");
        await Expect(chart).ToContainTextAsync("Graduate");
        await Expect(chart).ToContainTextAsync("dan.lead@contoso.test");
        await Expect(page.GetByLabel("Department")).ToHaveCountAsync(0);
        await page.GetByLabel("Location").FillAsync("Leeds");
        await page.GetByLabel("virtual", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Day of time slot 1").SelectOptionAsync("Tuesday");
        await page.GetByLabel("Start of time slot 1").FillAsync("14:00");
        await page.GetByLabel("End of time slot 1").FillAsync("15:30");
        await page.GetByLabel("Skill 1", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Level of skill 1").SelectOptionAsync("4");
        await page.GetByLabel("What you hope to get from the program").FillAsync("Learn to coach a senior colleague.");
        await page.GetByLabel("I agree to the program's terms", new() { Exact = false }).CheckAsync();
        await PageChecks.AssertNoSeriousAccessibilityViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit enrolment" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/Participant/Programs/\d+$"));
        await Expect(page.GetByText("Pending review").First).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "sso-2-enrolled-from-the-org-chart");

        var senior = await app.EnrolAndPairAsync("bob.brown@contoso.test");
        await page.GotoAsync("/Participant");
        await Expect(page.Locator("#to-do + ul")).ToContainTextAsync($"Answer your proposed pair with {senior}");
        await PageChecks.ScreenshotAsync(page, "sso-3-first-sign-in-paired");
    }
}

/// <summary>The app on Kestrel with demo data and single sign-on only (break-glass for hr@demo.local), and one Chromium.</summary>
public sealed class SingleSignOnBrowserApp : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("reverse-mentoring-sso-browser-");
    private Factory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _baseAddress = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(OidcProvider.Shared.Settings)
        {
            ["SingleSignOn:LocalPasswords"] = "BreakGlassOnly",
            ["SingleSignOn:BreakGlassEmails:0"] = "hr@demo.local",
        };
        _factory = new Factory(Path.Combine(_folder.FullName, "browser.db"), _folder.FullName, settings);
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserApp.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
        });
        Directory.CreateDirectory(BrowserApp.ScreenshotFolder);
    }

    public Task<IBrowserContext> NewContextAsync() =>
        _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });

    /// <summary>
    /// Enrols the person, approved, as a junior in the running pilot and proposes them a new senior, as HR pairing by hand
    /// does; returns the senior's name.
    /// </summary>
    public async Task<string> EnrolAndPairAsync(string email)
    {
        using var scope = _factory!.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var now = DateTime.UtcNow;
        var program = await db.Programs.SingleAsync(p => p.Name == DemoData.PilotName);
        var skills = await db.Skills.OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync();
        const string seniorName = "Margaret Ellison SSO";
        var senior = new AppUser { UserName = "senior-sso@demo.local", Email = "senior-sso@demo.local", EmailConfirmed = true, DisplayName = seniorName, CreatedAtUtc = now };
        Assert.True((await users.CreateAsync(senior, PageChecks.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(senior, Roles.Mentee)).Succeeded);
        var junior = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");

        Enrolment Enrol(AppUser user, ParticipantRole role) => new()
        {
            ProgramId = program.Id,
            UserId = user.Id,
            Role = role,
            Status = EnrolmentStatus.Approved,
            Department = role == ParticipantRole.Mentor ? "Engineering" : "Finance",
            JobLevel = role == ParticipantRole.Mentor ? "Graduate" : "Director",
            Location = "London",
            TimeZoneId = "Europe/London",
            Formats = SessionFormats.InPerson | SessionFormats.Virtual,
            Goals = "Learn from each other.",
            ConsentedAtUtc = now,
            DecidedAtUtc = now,
            CreatedAtUtc = now,
            Skills = skills.Select(id => new EnrolmentSkill { SkillId = id, Level = role == ParticipantRole.Mentor ? 4 : 1, Direction = role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn }).ToList(),
            Availability = [new AvailabilitySlot { Day = DayOfWeek.Tuesday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(17, 0) }],
        };

        var mentor = Enrol(junior, ParticipantRole.Mentor);
        var mentee = Enrol(senior, ParticipantRole.Mentee);
        db.Enrolments.AddRange(mentor, mentee);
        await db.SaveChangesAsync();
        db.Pairs.Add(new Pair
        {
            ProgramId = program.Id,
            MentorEnrolmentId = mentor.Id,
            MenteeEnrolmentId = mentee.Id,
            Score = 800,
            ScorePercent = 80,
            Reasons = "teaches collaboration tools 4/5, wanted at 1/5",
            Status = PairStatus.Proposed,
            ProposedAtUtc = now,
        });
        await db.SaveChangesAsync();
        return seniorName;
    }

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

        SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private sealed class Factory(string databasePath, string folder, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={databasePath}");
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("DemoData:Enabled", "true");
            builder.UseSetting("Mail:PickupFolder", Path.Combine(folder, "mail"));
            builder.UseSetting("Resources:Folder", Path.Combine(folder, "uploads"));
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
