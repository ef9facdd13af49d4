using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// A program's day facts are kept between computations while its facts version stands: read again for a chosen period
/// they do not cover, but without pushing out the ones of the default period that every first view reads.
/// </summary>
public sealed class KeptDaysTests(DayFactFiguresApp app) : IClassFixture<DayFactFiguresApp>
{
    [Fact]
    public async Task A_chosen_period_is_read_without_pushing_out_the_kept_days_of_the_default_one()
    {
        var program = await app.ProgramAsync();
        var pair = await app.PairAsync(program);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-5));
        await app.Services.GetRequiredService<DashboardFactsFold>().RunOnceAsync(CancellationToken.None);
        var today = DateOnly.FromDateTime(now);
        var usual = UptakeDashboard.PeriodOf(new UptakeDashboard.Query(), today);
        var chosen = new UptakeDashboard.Period(usual.From.AddYears(-2), usual.From.AddYears(-1));

        // How many statements reading the days of a period takes, in a computation of its own.
        async Task<int> ReadingAsync(UptakeDashboard.Period period)
        {
            var statements = new SentStatements();
            await using var db = app.RecordingContext(statements);
            var sources = await UptakeDashboard.FigureSources.ReadAsync(
                db, app.Services.GetRequiredService<IMemoryCache>(), app.Services.GetRequiredService<DashboardLookups>(), null, null, null, CancellationToken.None);
            var before = statements.Count;
            var days = await sources.DaysAsync([program.Id], period, CancellationToken.None);
            Assert.True(days.ContainsKey(program.Id));
            return statements.Count - before;
        }

        await ReadingAsync(usual);
        Assert.Equal(0, await ReadingAsync(usual));
        Assert.True(await ReadingAsync(chosen) > 0, "a period the kept days do not cover is read");
        Assert.Equal(0, await ReadingAsync(usual));
    }
}
