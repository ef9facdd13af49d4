using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// The fold job works out the dashboard as HR and leadership first open it (unfiltered, per program, per department and
/// per job level) at its first run and at most once a minute after writes, and one filtered view at its first run: opening those pages then
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
        var (fold, lookups, clock) = Services();
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

        // The page itself was rendered once through the whole pipeline, as HR and as leadership, and not turned away.
        var rendered = app.Services.GetRequiredService<DashboardFirstRender>().Rendered;
        Assert.Equal(3, rendered.Count);
        Assert.Contains(rendered, r => r.Path.StartsWith("/Dashboard?Department=", StringComparison.Ordinal));
        Assert.All(rendered, r => Assert.Equal(StatusCodes.Status200OK, r.Status));

        // And one filtered view, so that the code and queries of a filter are compiled before anyone opens one.
        var snapshot = await app.ExecuteDbContextAsync(async db => await lookups.CurrentAsync(
            db, DashboardLookups.LookupsVersion.Of((await DashboardFacts.VersionsAsync(db, CancellationToken.None)).Values.Select(v => v.Lookups)), CancellationToken.None));
        var filter = UptakeDashboard.Handler.WarmedFilterOf(snapshot);
        Assert.NotNull(filter);
        var computed = lookups.Computations;
        Assert.True((await app.SendAsync(filter, hr)).Funnel.Sum(f => f.Enrolled.Value) > 0);
        await app.SendAsync(filter, leader);
        Assert.Equal(computed, lookups.Computations);

        // Each department and job level on its own is kept ahead too: the wider groups of any two filters.
        var oneFilter = UptakeDashboard.Handler.OneFilterViewsOf(snapshot);
        Assert.Contains(oneFilter, v => v.Department is not null);
        Assert.Contains(oneFilter, v => v.JobLevel is not null);
        Assert.Equal(0, (await OpenAsync([.. oneFilter], hr, leader)).Computations);
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

    [Fact]
    public async Task Filtered_views_read_lately_are_kept_current_by_the_fold_and_forgotten_when_nobody_reads_them()
    {
        var (fold, lookups, clock) = Services();
        var program = await app.ProgramAsync();
        var pair = await app.PairAsync(program);
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var mentor = await app.ExecuteDbContextAsync(async db => await db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == pair.MentorEnrolmentId));
        var (department, jobLevel) = (mentor.Department, mentor.JobLevel);
        Assert.False(string.IsNullOrEmpty(department));
        var read = new UptakeDashboard.Query { ProgramId = program.Id, Department = department };
        var unread = new UptakeDashboard.Query { ProgramId = program.Id, JobLevel = jobLevel };
        async Task SessionThenAMinuteOnAsync()
        {
            await app.SessionAsync(pair, SessionStatus.Held, clock.GetUtcNow().UtcDateTime.AddDays(-3));
            clock.Now = clock.Now.Add(DashboardFactsFold.FirstViewsEvery);
            await fold.RunOnceAsync(CancellationToken.None);
        }

        // Read as HR, with a made-up department beside it, which is not remembered.
        Assert.Equal(0, (await app.SendAsync(read, hr)).SessionsHeld.Value);
        await app.SendAsync(new UptakeDashboard.Query { ProgramId = program.Id, Department = "No such department" }, hr);
        Assert.DoesNotContain(app.Services.GetRequiredService<FilteredViewsRead>().Lately(clock.GetUtcNow().UtcDateTime), v => v.View.Department == "No such department");

        // A write and a minute on: the view read is ready, a filter nobody read is worked out when opened.
        await SessionThenAMinuteOnAsync();
        var before = lookups.Computations;
        Assert.Equal(1, (await app.SendAsync(read, hr)).SessionsHeld.Value);
        Assert.Equal(before, lookups.Computations);
        await app.SendAsync(unread, hr);
        Assert.True(lookups.Computations > before, "a filter nobody read is worked out when opened");

        // Unread for longer than FilteredViewsRead.KeptFor: the next write is left to the next reader.
        clock.Now = clock.Now.Add(FilteredViewsRead.KeptFor);
        await SessionThenAMinuteOnAsync();
        before = lookups.Computations;
        Assert.Equal(2, (await app.SendAsync(read, hr)).SessionsHeld.Value);
        Assert.True(lookups.Computations > before, "a view nobody read lately is no longer kept current");
    }

    private (DashboardFactsFold Fold, DashboardLookups Lookups, TestClock Clock) Services() => (
        app.Services.GetRequiredService<DashboardFactsFold>(),
        app.Services.GetRequiredService<DashboardLookups>(),
        (TestClock)app.Services.GetRequiredService<TimeProvider>());

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
                results.Add(await app.SendAsync(new UptakeDashboard.Query { ProgramId = view.ProgramId, Department = view.Department, JobLevel = view.JobLevel }, viewer));
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
