using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>The app on a fixed clock: Monday 1 March 2027, 08:00 UTC, four weeks before Europe's clocks go forward.</summary>
public class SessionsApp : AppFactory
{
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public TestClock Clock { get; } = new(Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
