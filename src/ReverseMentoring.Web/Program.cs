using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Features.Provisioning;
using ReverseMentoring.Web.Infrastructure;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSerilog((services, log) => log
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CurrentUser>();
builder.Services.AddScoped<AuditAction>();
builder.Services.AddScoped<StartupData>();
builder.Services.Configure<RegistrationOptions>(builder.Configuration.GetSection(RegistrationOptions.Section));

// Feature services (mail, uploads) are registered below, one line per feature; every background job in AddJobs.
builder.Services.AddSingleSignOn(builder.Configuration);
builder.Services.AddMail(builder.Configuration);
builder.Services.AddChat(builder.Configuration);
builder.Services.AddInvitations(builder.Configuration);
builder.Services.AddResourceLibrary(builder.Configuration);
builder.Services.AddCheckIns(builder.Configuration);
builder.Services.AddScimProvisioning(builder.Configuration);
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<ReverseMentoring.Web.Features.Dashboard.Facts.DashboardLookups>();
builder.Services.AddSingleton<ReverseMentoring.Web.Features.Dashboard.PairHealthCache>();
builder.Services.AddSingleton<ReverseMentoring.Web.Features.Pairs.KeptHomes>();

builder.Services.AddAppDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.AddSecurityHardening();

builder.Services
    .AddIdentity<AppUser, IdentityRole>(identity =>
    {
        identity.User.RequireUniqueEmail = true;

        // The user name is the e-mail address, checked as one; Identity's default list refuses o'brien@….
        identity.User.AllowedUserNameCharacters = "";
        identity.Password.RequiredLength = 12;
        identity.Password.RequireDigit = true;
        identity.Password.RequireLowercase = true;
        identity.Password.RequireUppercase = true;
        identity.Password.RequireNonAlphanumeric = false;
        identity.Lockout.AllowedForNewUsers = true;
        identity.Lockout.MaxFailedAccessAttempts = 5;
        identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);

        // Only accounts made by open registration wait for confirmation (see AddressConfirmation).
        identity.SignIn.RequireConfirmedAccount = true;
    })
    .AddUserManager<AppUserManager>()
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders();

builder.Services.AddAccountSecurity();

builder.Services.ConfigureApplicationCookie(cookie =>
{
    cookie.Cookie.Name = "rm.auth";
    cookie.Cookie.HttpOnly = true;
    cookie.Cookie.SameSite = SameSiteMode.Lax;
    cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    cookie.LoginPath = "/Account/SignIn";
    cookie.LogoutPath = "/Account/SignOut";
    cookie.AccessDeniedPath = "/Account/AccessDenied";
    cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
    cookie.SlidingExpiration = true;
});

// Keys live in the database so that several instances behind a load balancer read each other's cookies.
builder.Services.AddDataProtection()
    .SetApplicationName("ReverseMentoring")
    .PersistKeysToDbContext<AppDbContext>();

builder.Services.AddAuthorizationBuilder().AddPagePolicies();

builder.Services
    .AddRazorPages(pages =>
    {
        pages.RootDirectory = "/Features";
    })
    .AddMvcOptions(mvc =>
    {
        mvc.Filters.Add<RequestFailurePageFilter>();

        // Required-ness is the validators' job, with their own messages, not an implicit [Required] on every string.
        mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    });

builder.Services.AddMediator((MediatorOptions mediator) =>
{
    // Scoped, because handlers take the scoped DbContext; behaviours run in this order.
    mediator.ServiceLifetime = ServiceLifetime.Scoped;
    mediator.PipelineBehaviors =
    [
        typeof(LoggingBehaviour<,>),
        typeof(AuthorizationBehaviour<,>),
        typeof(ValidationBehaviour<,>),
        typeof(TransactionBehaviour<,>),
    ];
});
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped, includeInternalTypes: true);

builder.Services.AddHealthChecks()
    .AddDbContextCheck<AppDbContext>("database", customTestQuery: async (db, ct) =>
    {
        // Reads a table, so a missing schema counts as unhealthy, not just an unreachable server.
        _ = await db.Roles.CountAsync(ct);
        return true;
    });

var app = builder.Build();
foreach (var retired in Jobs.RetiredSettingsIn(app.Configuration))
{
    app.Logger.LogWarning("{RetiredSetting}", retired);
}


if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
{
    await using var scope = app.Services.CreateAsyncScope();
    await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
    await scope.ServiceProvider.GetRequiredService<StartupData>().EnsureAsync(CancellationToken.None);
    app.Logger.LogInformation("Database migrated.");
    return;
}

if (args.Contains("rebuild-dashboard", StringComparer.OrdinalIgnoreCase))
{
    await using var scope = app.Services.CreateAsyncScope();
    var started = System.Diagnostics.Stopwatch.StartNew();
    var days = await ReverseMentoring.Web.Features.Dashboard.Facts.DashboardFacts.RebuildAsync(
        scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
    app.Logger.LogInformation("Dashboard facts rebuilt: {Days} days in {Seconds:0.0} s.", days, started.Elapsed.TotalSeconds);
    return;
}

// Outside Development every e-mailed link is built from App:PublicBaseUrl, never from a request's Host header.
PublicLinks.RequireBaseUrlOutsideDevelopment(app.Configuration, app.Environment);

await PrepareDatabaseAsync(app);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseSecurityHardening();
app.UseSerilogRequestLogging();
app.UseStaticFiles();
app.UseRouting();
app.UseSignInRateLimit();
app.UseAuthentication();
app.UseAccountSecurity();
app.UseAuthorization();
app.MapHealthChecks("/health");
app.MapRazorPages();
app.MapScim();

await app.RunAsync();

static async Task PrepareDatabaseAsync(WebApplication app)
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    if (scope.ServiceProvider.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
    {
        await Database.MigrateAsync(db, CancellationToken.None);
    }
    else if ((await db.Database.GetPendingMigrationsAsync()).Any())
    {
        throw new InvalidOperationException(
            "The database has pending migrations. Run the app once with the argument 'migrate' (dotnet ReverseMentoring.Web.dll migrate).");
    }

    await scope.ServiceProvider.GetRequiredService<StartupData>().EnsureAsync(CancellationToken.None);
}

/// <summary>Visible to the test hosts (WebApplicationFactory).</summary>
public partial class Program;
