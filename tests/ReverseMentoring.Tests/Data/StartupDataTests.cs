using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Data;

public sealed class StartupDataTests
{
    private static async Task<int> CountInRole(AppFactory app, string role) =>
        await app.ExecuteDbContextAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == role select ur).CountAsync());

    [Fact]
    public async Task Demo_data_has_a_coordinator_a_leader_juniors_and_seniors_enrolled_and_ready_to_pair_once()
    {
        using var app = new AppFactory().With("DemoData:Enabled", "true");
        _ = app.Services;

        // 20 demo juniors and 10 demo seniors to sign in as, plus 20 pilot pairs that make the dashboard's numbers.
        Assert.Equal(40, await CountInRole(app, Roles.Mentor));
        Assert.Equal(30, await CountInRole(app, Roles.Mentee));
        Assert.Equal(1, await CountInRole(app, Roles.HrCoordinator));
        Assert.Equal(1, await CountInRole(app, Roles.Leadership));
        Assert.Equal(3, await app.ExecuteDbContextAsync(db => db.Programs.CountAsync()));
        var ready = await app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().SingleAsync(p => p.Status == ProgramStatus.Matching));
        Assert.Equal(30, await app.ExecuteDbContextAsync(db => db.Enrolments.CountAsync(e => e.ProgramId == ready.Id && e.Status == EnrolmentStatus.Pending)));
        Assert.Equal(20, await app.ExecuteDbContextAsync(db => db.Enrolments.CountAsync(e => e.ProgramId == ready.Id && e.Role == ParticipantRole.Mentor && e.ManagerEmail != null)));
        Assert.Equal(1, await app.ExecuteDbContextAsync(db => db.Programs.CountAsync(p => p.Status == ProgramStatus.Enrolling)));

        // Start-up runs again on every start: nothing is added twice.
        await app.ExecuteDbContextAsync(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StartupData>().EnsureAsync(CancellationToken.None);
        });
        Assert.Equal(40, await CountInRole(app, Roles.Mentor));
        Assert.Equal(3, await app.ExecuteDbContextAsync(db => db.Programs.CountAsync()));
        Assert.Equal(30 + 60, await app.ExecuteDbContextAsync(db => db.Enrolments.CountAsync()));

        var client = app.Client();
        var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "mentor07@demo.local", ["Data.Password"] = "Mentoring-Demo-2026" });
        Assert.Equal("/Participant", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_demo_pilot_has_a_history_with_pairs_at_risk_to_show()
    {
        using var app = new AppFactory().With("DemoData:Enabled", "true");
        var now = DateTime.UtcNow;

        var pilot = await app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().SingleAsync(p => p.Status == ProgramStatus.Running));
        var pairs = await app.ExecuteDbContextAsync(db => db.Pairs.AsNoTracking().Where(p => p.ProgramId == pilot.Id).ToListAsync());
        var sessions = await app.ExecuteDbContextAsync(db => db.Sessions.AsNoTracking().Where(s => s.ProgramId == pilot.Id).ToListAsync());

        Assert.Equal(30, pairs.Count);
        Assert.All(pairs, p => Assert.NotNull(p.AcceptedAtUtc));
        Assert.Equal(3, pairs.Count(p => p.Status == PairStatus.Ended));
        Assert.All(sessions.Where(s => s.Status == SessionStatus.Held), s => Assert.True(s.EndsAtUtc < now));
        Assert.All(sessions.Where(s => s.Status == SessionStatus.Scheduled), s => Assert.True(s.StartsAtUtc > now));

        // The cases the dashboard exists to surface: a pair that never met and pairs that stopped meeting.
        var lastHeld = sessions.Where(s => s.Status == SessionStatus.Held).GroupBy(s => s.PairId!.Value).ToDictionary(g => g.Key, g => g.Max(s => s.StartsAtUtc));
        var live = pairs.Where(p => p.Status == PairStatus.Accepted).ToList();
        Assert.Equal(1, live.Count(p => !lastHeld.ContainsKey(p.Id)));
        Assert.True(live.Count(p => lastHeld.TryGetValue(p.Id, out var last) && last < now.AddDays(-pilot.SessionCadenceDays * 2)) >= 3);

        // Every held session has the junior's feedback, and no one rated a session they were not in.
        var feedback = await app.ExecuteDbContextAsync(db => db.SessionFeedback.AsNoTracking().Where(f => f.ProgramId == pilot.Id).ToListAsync());
        Assert.Equal(sessions.Count(s => s.Status == SessionStatus.Held), feedback.Count(f => f.Role == ParticipantRole.Mentor));
        Assert.All(feedback, f => Assert.Equal(f.PairId, sessions.Single(s => s.Id == f.SessionId).PairId));
    }

    [Fact]
    public async Task The_first_coordinator_comes_from_configuration()
    {
        using var app = new AppFactory()
            .With("FirstCoordinator:Email", "first.hr@example.com")
            .With("FirstCoordinator:Password", "First-Coordinator-2026");

        var signIn = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "first.hr@example.com", ["Data.Password"] = "First-Coordinator-2026" });

        Assert.Equal("/Coordinator", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Without_a_configured_password_the_first_coordinator_gets_a_one_time_password()
    {
        using var app = new AppFactory().With("FirstCoordinator:Email", "otp.hr@example.com");
        _ = app.Services;

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var coordinator = await users.FindByEmailAsync("otp.hr@example.com");
        Assert.NotNull(coordinator);
        Assert.NotNull(coordinator.PasswordHash);
        Assert.True(await users.IsInRoleAsync(coordinator, Roles.HrCoordinator));
    }

    [Fact]
    public void Outside_development_the_app_refuses_to_start_on_an_unmigrated_database()
    {
        using var app = new AppFactory().With("Database:MigrateOnStartup", "false");

        // On PostgreSQL each app gets a migrated copy; this one is pointed at an empty database instead.
        var empty = PostgreSqlTestServer.IsConfigured ? PostgreSqlTestServer.CreateEmptyDatabase() : null;
        try
        {
            if (empty is not null)
            {
                app.With("Database:ConnectionString", empty);
            }

            var error = Assert.Throws<InvalidOperationException>(() => app.Services);

            Assert.Contains("pending migrations", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (empty is not null)
            {
                PostgreSqlTestServer.DropDatabase(empty);
            }
        }
    }
}
