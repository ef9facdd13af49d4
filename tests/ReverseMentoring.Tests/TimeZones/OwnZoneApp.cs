using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ReverseMentoring.Tests.TimeZones;

/// <summary>The app on a fixed clock: Wednesday 20 October 2027, 08:00 UTC, eleven days before London's clocks go back.</summary>
public class OwnZoneApp : AppFactory
{
    public static readonly DateTimeOffset Now = new(2027, 10, 20, 8, 0, 0, TimeSpan.Zero);

    public TestClock Clock { get; } = new(Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
