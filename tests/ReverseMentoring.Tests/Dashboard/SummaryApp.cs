using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// The dashboard's hand-built world (<see cref="DashboardWorld"/>) on its fixed clock, with one more person: an executive
/// who is the only one in the "Legal" department at the "Chief" level, mentee of a pair in "AI for leaders" that met
/// every Monday from 2 March to 25 May 2026 (13 sessions). Jobs are off; tests run the monthly summary themselves.
/// </summary>
public sealed class SummaryApp : AppFactory, IAsyncLifetime
{
    public const string ExecutiveDepartment = "Legal";
    public const string ExecutiveLevel = "Chief";

    public DashboardWorld World { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(new TestClock(DashboardApp.Now));
            foreach (var job in services.Where(s => s.ServiceType == typeof(IHostedService)
                         && (s.ImplementationType ?? s.ImplementationInstance?.GetType())?.Assembly == typeof(Program).Assembly).ToList())
            {
                services.Remove(job);
            }
        });
    }

    public async Task InitializeAsync()
    {
        World = await DashboardWorld.BuildAsync(this);
        var enrolled = new DateTime(2026, 2, 20, 9, 0, 0, DateTimeKind.Utc);
        var mentor = await this.PersonAsync(Roles.Mentor, "Person XM Zed", $"xm-{Guid.NewGuid():N}@example.com");
        var executive = await this.PersonAsync(Roles.Mentee, "Person XS Zed", $"xs-{Guid.NewGuid():N}@example.com");
        await this.EnrolAsync(World.Ai, mentor, ParticipantRole.Mentor, department: "Sales", jobLevel: "Junior", enrolledAtUtc: enrolled, decidedAtUtc: enrolled);
        await this.EnrolAsync(World.Ai, executive, ParticipantRole.Mentee, department: ExecutiveDepartment, jobLevel: ExecutiveLevel,
            enrolledAtUtc: enrolled, decidedAtUtc: enrolled);
        var pair = await this.PairAsync(World.Ai, PairStatus.Accepted, mentor, executive,
            proposedAtUtc: new DateTime(2026, 2, 25, 9, 0, 0, DateTimeKind.Utc), acceptedAtUtc: new DateTime(2026, 2, 26, 9, 0, 0, DateTimeKind.Utc),
            change: p => p.Reasons = "test");
        for (var monday = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc); monday <= new DateTime(2026, 5, 25, 8, 0, 0, DateTimeKind.Utc); monday = monday.AddDays(7))
        {
            await this.SessionAsync(pair, SessionStatus.Held, monday);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
