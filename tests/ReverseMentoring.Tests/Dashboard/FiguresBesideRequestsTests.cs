using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// Under load no dashboard request waits for figures to be worked out: while other dashboard requests are in progress, one
/// that finds its figures out of date is answered the latest and the new ones are worked out beside it. Alone, a request
/// always gets figures as of its own start.
/// </summary>
public sealed class FiguresBesideRequestsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task With_other_requests_in_progress_the_latest_figures_are_answered_and_the_new_ones_follow_shortly()
    {
        var program = await app.ProgramAsync();
        var pair = await app.PairAsync(program);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-3));
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var query = new UptakeDashboard.Query { ProgramId = program.Id };
        Assert.Equal(1, (await app.SendAsync(query, hr)).SessionsHeld.Value);

        await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-2));
        var instance = app.Services.GetRequiredService<DashboardLookups>();
        using (instance.Request())
        {
            // Answered at once with the figures worked out before the session was logged...
            Assert.Equal(1, (await app.SendAsync(query, hr)).SessionsHeld.Value);

            // ...while they are worked out again beside the requests, which soon answer them.
            var waited = Stopwatch.StartNew();
            var held = 1;
            while (held != 2 && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
                held = (await app.SendAsync(query, hr)).SessionsHeld.Value;
            }

            Assert.Equal(2, held);
        }

        // One request at a time, with nothing being worked out any more: the figures as of its start, worked out in it.
        var settled = Stopwatch.StartNew();
        while (instance.Computing.CurrentCount == 0 && settled.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }

        await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-1));
        Assert.Equal(3, (await app.SendAsync(query, hr)).SessionsHeld.Value);
        Assert.Equal(0, instance.Requests);
    }
}
