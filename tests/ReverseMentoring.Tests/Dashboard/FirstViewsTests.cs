using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// The fold job works out the dashboard as HR and leadership first open it (unfiltered and per program) at its first
/// run and at most once a minute after writes, and one filtered view at its first run: opening those pages then
/// computes nothing, and shows the same figures as a computation from nothing would.
/// </summary>
public sealed class FirstViewsTests(DayFactFiguresApp app) : IClassFixture<DayFactFiguresApp>
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    [Fact]
    public async Task First_views_are_worked_out_by_the_fold_at_start_and_once_a_minute_after_writes()
    {
        var fold = app.Services.GetRequiredService<DashboardFactsFold>();
        var lookups = app.Services.GetRequiredService<DashboardLookups>();
        var clock = (TestClock)app.Services.GetRequiredService<TimeProvider>();
        var program = await app.ProgramAsync();
        var other = await app.ProgramAsync();
        var pair = await app.PairAsync(program);
        var now = clock.GetUtcNow().UtcDateTime;
        await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-10));
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var leader = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.Leadership), Roles.Leadership);
        UptakeDashboard.Query[] firstViews = [new(), new() { ProgramId = program.Id }, new() { ProgramId = other.Id }];

        // The first run after a start works them out, whether or not anyone has read the dashboard yet.
        await fold.RunOnceAsync(CancellationToken.None);
        var kept = await KeptAsync(firstViews, hr, leader);
        Assert.Equal(1, kept[0].SessionsHeld.Value);

        // And one filtered view, so that the code and queries of a filter are compiled before anyone opens one.
        var snapshot = await app.ExecuteDbContextAsync(async db => await lookups.CurrentAsync(
            db, DashboardLookups.LookupsVersion.Of((await DashboardFacts.VersionsAsync(db, CancellationToken.None)).Values.Select(v => v.Lookups)), CancellationToken.None));
        var filter = UptakeDashboard.Handler.WarmedFilterOf(snapshot);
        Assert.NotNull(filter);
        var computed = lookups.Computations;
        Assert.True((await app.SendAsync(filter, hr)).Funnel.Sum(f => f.Enrolled.Value) > 0);
        await app.SendAsync(filter, leader);
        Assert.Equal(computed, lookups.Computations);
        await AssertAsFromNothingAsync(firstViews, hr, leader, kept);

        // A write: runs within a minute of the last working out leave it to the next reader or the next minute.
        await app.SessionAsync(pair, SessionStatus.Held, now.AddDays(-9));
        var before = lookups.Computations;
        await fold.RunOnceAsync(CancellationToken.None);
        Assert.Equal(before, lookups.Computations);

        // A minute on, the fold works out what the write put out of date, and the next readers compute nothing.
        clock.Now = clock.Now.Add(DashboardFactsFold.FirstViewsEvery);
        await fold.RunOnceAsync(CancellationToken.None);
        Assert.True(lookups.Computations > before, "the fold worked out the views the write put out of date");
        kept = await KeptAsync(firstViews, hr, leader);
        Assert.Equal(2, kept[0].SessionsHeld.Value);
        Assert.Equal(2, kept[1].SessionsHeld.Value);
        await AssertAsFromNothingAsync(firstViews, hr, leader, kept);
    }

    /// <summary>Every view as HR and as leadership, and how many computations opening them took.</summary>
    private async Task<(List<UptakeDashboard.Result> Results, long Computations)> OpenAsync(UptakeDashboard.Query[] views, ClaimsPrincipal hr, ClaimsPrincipal leader)
    {
        var lookups = app.Services.GetRequiredService<DashboardLookups>();
        var before = lookups.Computations;
        var results = new List<UptakeDashboard.Result>();
        foreach (var viewer in new[] { hr, leader })
        {
            foreach (var view in views)
            {
                results.Add(await app.SendAsync(new UptakeDashboard.Query { ProgramId = view.ProgramId }, viewer));
            }
        }

        return (results, lookups.Computations - before);
    }

    private async Task<List<UptakeDashboard.Result>> KeptAsync(UptakeDashboard.Query[] views, ClaimsPrincipal hr, ClaimsPrincipal leader)
    {
        var (results, computations) = await OpenAsync(views, hr, leader);
        Assert.Equal(0, computations);
        return results;
    }

    /// <summary>The same views worked out from an empty cache give the same figures.</summary>
    private async Task AssertAsFromNothingAsync(UptakeDashboard.Query[] views, ClaimsPrincipal hr, ClaimsPrincipal leader, List<UptakeDashboard.Result> kept)
    {
        ((MemoryCache)app.Services.GetRequiredService<IMemoryCache>()).Clear();
        var (fresh, computations) = await OpenAsync(views, hr, leader);
        Assert.True(computations > 0);
        Assert.Equal(JsonSerializer.Serialize(fresh, Json), JsonSerializer.Serialize(kept, Json));
    }
}
