using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>The app on a fixed clock (Monday 15 June 2026, noon UTC) with its background jobs off, for random worlds.</summary>
public sealed class DayFactFiguresApp : AppFactory
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(new TestClock(Now));
            foreach (var job in services.Where(s => s.ServiceType == typeof(IHostedService)
                         && (s.ImplementationType ?? s.ImplementationInstance?.GetType())?.Assembly == typeof(Program).Assembly).ToList())
            {
                services.Remove(job);
            }
        });
    }
}
