using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Web.Features.Dashboard.Facts;

/// <summary>Jobs:DashboardFactsFold: the fold runs every few seconds, not minutes, so it has its own settings.</summary>
public sealed class DashboardFactsFoldOptions
{
    public const string Section = "Jobs:DashboardFactsFold";

    public bool Enabled { get; set; } = true;

    public int EverySeconds { get; set; } = 5;

    /// <summary>
    /// Whether the fold also works out the dashboard as HR and leadership first open it (unfiltered and per program) and
    /// the filtered views read lately: at its first run after a start (with each department and job level alone, and
    /// one render of the page), then at most every <see cref="DashboardFactsFold.FirstViewsEvery"/>.
    /// </summary>
    public bool KeepFirstViewsCurrent { get; set; } = true;
}

/// <summary>
/// Folds the stale days of every program into the stored facts every few seconds, so a dashboard request seldom has
/// any to fold itself; compacts the lookup changes into the programs' versions, drops pair changes older than a day
/// and keeps this instance's lookups and pair health warm. The first start after the upgrade builds the facts in full
/// first. Safe on every instance at once.
/// </summary>
public sealed class DashboardFactsFold(
    IServiceScopeFactory scopes, IOptions<DashboardFactsFoldOptions> options, TimeProvider clock, ILogger<DashboardFactsFold> logger,
    DashboardLookups lookups, PairHealthCache health, IMemoryCache cache, DashboardFirstRender firstRender,
    FilteredViewsRead viewsRead) : BackgroundService
{
    public static readonly TimeSpan PairChangesKeptFor = TimeSpan.FromHours(24);

    /// <summary>
    /// How often the fold works the first views out again: only what writes moved since is worked out, so a first
    /// viewer finds at most this much of the writes left to count. Each run under a steady stream of writes costs about
    /// as much as one unfiltered computation; every fold run (5 s) took a good part of a core from the other pages.
    /// </summary>
    public static readonly TimeSpan FirstViewsEvery = TimeSpan.FromMinutes(1);

    private DateTime? _firstViewsAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.EverySeconds)), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // One failed run must not stop the next ones; the markers stay until a fold succeeds.
                logger.LogError(failure, "Folding the dashboard's day facts failed; trying again at the next check");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One run: rebuild if never built, fold, compact, prune.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await DashboardFacts.IsBuiltAsync(db, cancellationToken))
        {
            logger.LogInformation("Building the dashboard's day facts from the rows for the first time");
            var started = clock.GetTimestamp();
            var days = await DashboardFacts.RebuildAsync(db, cancellationToken);
            logger.LogInformation("Built {Days} days of dashboard facts in {Elapsed}", days, clock.GetElapsedTime(started));
        }

        await DashboardFacts.FoldAsync(db, null, cancellationToken);
        await CompactLookupChangesAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - PairChangesKeptFor;
        await db.DashboardPairChanges.Where(c => c.ChangedAtUtc < before).ExecuteDeleteAsync(cancellationToken);
        await KeepWarmAsync(db, now, cancellationToken);
        if (options.Value.KeepFirstViewsCurrent && (_firstViewsAt is not { } last || now - last >= FirstViewsEvery))
        {
            var started = clock.GetTimestamp();
            var sources = await UptakeDashboard.FigureSources.ReadAsync(db, cache, lookups, health, null, null, cancellationToken);
            await UptakeDashboard.Handler.KeepFirstViewsCurrentAsync(sources, now, cancellationToken);
            await UptakeDashboard.Handler.WorkOutAsync(sources, viewsRead.Lately(now), now, cancellationToken);
            if (_firstViewsAt is null)
            {
                await UptakeDashboard.Handler.WarmFilteredViewsAsync(sources, now, cancellationToken);
                await RenderFirstAsync(UptakeDashboard.Handler.WarmedFilterOf(sources.Lookups), cancellationToken);
                logger.LogInformation("Worked out the dashboard's first views in {Elapsed}", clock.GetElapsedTime(started));
                // The start-up work's garbage had the collector commit about twice the live heap, and it keeps what it
                // committed while the app runs: one full collection, once, gives it back (docs/benchmarks.md).
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            _firstViewsAt = now;
        }
    }

    // A page that fails to render is logged and left to the first reader: it must not stop the fold's runs.
    private async Task RenderFirstAsync(UptakeDashboard.Query? filter, CancellationToken cancellationToken)
    {
        try
        {
            await firstRender.RenderAsync(filter, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Rendering the dashboard after the start failed; the first reader renders it");
        }
    }

    /// <summary>
    /// Loads this instance's lookups, pair health (as at now and at the ends of the summary's default previous periods)
    /// and role counts from the first run on, and keeps them caught up: the first dashboard after a start, and the ones
    /// after a change, find them ready instead of loading them in the request.
    /// </summary>
    private async Task KeepWarmAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var versions = await DashboardFacts.VersionsAsync(db, cancellationToken);
        await lookups.CurrentAsync(db, DashboardLookups.LookupsVersion.Of(versions.Values.Select(v => v.Lookups)), cancellationToken);
        await health.KeepCurrentAsync(db, now, now, cancellationToken);
        var today = DateOnly.FromDateTime(now);
        foreach (var wholeMonths in new[] { false, true })
        {
            await health.KeepCurrentAsync(db, UptakeDashboard.SummaryPeriodsOf(null, null, today, wholeMonths).Previous.EndUtc, now, cancellationToken);
        }

        // The dashboard's role overview counts every user role (tens of milliseconds at 100,000 people) when roles changed.
        await UptakeOverview.PeopleByRoleAsync(db, cache, now, cancellationToken);
    }

    /// <summary>
    /// Moves the lookup changes into each program's version: deleting n rows and adding n in one transaction, so the
    /// version read (the stored number plus the rows) never goes back.
    /// </summary>
    private static async Task CompactLookupChangesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var pending = await db.DashboardLookupChanges.AsNoTracking().GroupBy(c => c.ProgramId)
            .Select(g => new { ProgramId = g.Key, Last = g.Max(c => c.Id) })
            .ToListAsync(cancellationToken);
        foreach (var program in pending)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"DashboardVersions\" (\"ProgramId\", \"Facts\", \"Lookups\") SELECT {program.ProgramId}, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM \"DashboardVersions\" WHERE \"ProgramId\" = {program.ProgramId}) AND EXISTS (SELECT 1 FROM \"Programs\" WHERE \"Id\" = {program.ProgramId})",
                cancellationToken);
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var moved = await db.DashboardLookupChanges.Where(c => c.ProgramId == program.ProgramId && c.Id <= program.Last).ExecuteDeleteAsync(ct);
                if (moved > 0)
                {
                    await db.DashboardVersions.Where(v => v.ProgramId == program.ProgramId)
                        .ExecuteUpdateAsync(s => s.SetProperty(v => v.Lookups, v => v.Lookups + moved), ct);
                }

                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }
    }
}

public static class DashboardFactsSetup
{
    public static IServiceCollection AddDashboardFacts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardFactsFoldOptions>().Bind(configuration.GetSection(DashboardFactsFoldOptions.Section));
        services.AddSingleton<DashboardFactsFold>();
        services.AddSingleton<DashboardFirstRender>();
        services.AddSingleton<FilteredViewsRead>();
        services.AddSingleton<IStartupFilter, DashboardFirstRender.Capture>();
        services.AddHostedService(provider => provider.GetRequiredService<DashboardFactsFold>());
        return services;
    }
}
