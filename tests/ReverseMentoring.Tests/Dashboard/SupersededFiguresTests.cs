using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// Figures put out of date by a write are replaced, not kept beside the new ones until they expire: under a steady stream
/// of writes the superseded parts (each holding the numbers of thousands of people on a large program) had filled the
/// memory of the app.
/// </summary>
public sealed class SupersededFiguresTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Each_write_replaces_the_figures_it_puts_out_of_date()
    {
        var program = await app.ProgramAsync();
        var pair = await app.PairAsync(program);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-10));
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var query = new UptakeDashboard.Query { ProgramId = program.Id };
        Assert.Equal(1, (await app.SendAsync(query, hr)).SessionsHeld.Value);
        Assert.Equal(1, (await app.SendAsync(new UptakeDashboard.Query(), hr)).SessionsHeld.Value);
        var cache = (MemoryCache)app.Services.GetRequiredService<IMemoryCache>();
        var kept = cache.Count;

        for (var held = 2; held <= 5; held++)
        {
            await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-10 + held));
            Assert.Equal(held, (await app.SendAsync(query, hr)).SessionsHeld.Value);
            Assert.Equal(held, (await app.SendAsync(new UptakeDashboard.Query(), hr)).SessionsHeld.Value);
            Assert.Equal(kept, cache.Count);
        }
    }
}
