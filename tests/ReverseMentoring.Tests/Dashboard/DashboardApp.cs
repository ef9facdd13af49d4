using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// The app on a fixed clock (Monday 15 June 2026, noon UTC) with its background jobs off, over a small hand-built
/// world whose right answers the tests work out by hand. Tests only read it.
/// </summary>
public sealed class DashboardApp : AppFactory, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The period most tests look at: 13 ISO weeks, Monday 2 March to Sunday 31 May 2026.</summary>
    public static readonly DateOnly From = new(2026, 3, 2);
    public static readonly DateOnly To = new(2026, 5, 31);

    public DashboardWorld World { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(new TestClock(Now));

            // A job on this clock would send check-ins or mark sessions missed under the tests' feet.
            foreach (var job in services.Where(s => s.ServiceType == typeof(IHostedService)
                         && (s.ImplementationType ?? s.ImplementationInstance?.GetType())?.Assembly == typeof(Program).Assembly).ToList())
            {
                services.Remove(job);
            }
        });
    }

    public async Task InitializeAsync() => World = await DashboardWorld.BuildAsync(this);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
