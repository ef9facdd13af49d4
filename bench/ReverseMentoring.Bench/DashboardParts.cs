using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Bench;

/// <summary>
/// Where the time of one dashboard computation goes, part by part, on a migrated and rebuilt database: the lookups
/// load, the facts read and the in-memory figures (unfiltered and for a department), and what a write in one program costs
/// (that program's part again, then the parts added up), each the median of 5 after a warm-up.
/// </summary>
public static class DashboardParts
{
    public static async Task RunAsync(string path, string department)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new SqliteAppDbContext(options);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = UptakeDashboard.PeriodOf(new UptakeDashboard.Query(), today);
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}; {path}");

        var versions = await DashboardFacts.VersionsAsync(db, CancellationToken.None);
        var version = DashboardLookups.LookupsVersion.Of(versions.Values.Select(v => v.Lookups));
        DashboardLookups.Snapshot? lookups = null;
        await Report("lookups load", 5, async () => lookups = await DashboardLookups.Snapshot.LoadAsync(db, version, CancellationToken.None));
        List<DayFacts>? days = null;
        await Report("facts read", 5, async () => days = await DashboardFacts.ReadAsync(db, null, period.From, period.To, CancellationToken.None));
        foreach (var filter in new[] { (string?)null, department })
        {
            var scope = new UptakeDashboard.FactScope(lookups!, null, filter, null);
            await Report($"scope ({filter ?? "all"})", 5, () => { _ = new UptakeDashboard.FactScope(lookups!, null, filter, null); return Task.CompletedTask; });
            await Report($"core ({filter ?? "all"})", 5, () => { _ = UptakeDashboard.CoreOf(lookups!, scope, days!, period); return Task.CompletedTask; });
        }

        // After a session or rating is saved in one program: that program's part again, then every part added up.
        var everyone = new UptakeDashboard.FactScope(lookups!, null, null, null);
        var busiest = days!.GroupBy(d => d.ProgramId).OrderByDescending(g => g.Sum(d => d.Pairs.Length)).First().Key;
        List<DayFacts>? own = null;
        await Report($"facts read ({busiest})", 5, async () => own = await DashboardFacts.ReadAsync(db, [busiest], period.From, period.To, CancellationToken.None));
        await Report($"part of ({busiest})", 5, () => { _ = UptakeDashboard.PartOf(lookups!, everyone, busiest, own!, period); return Task.CompletedTask; });
        var parts = everyone.ProgramIdsIn(lookups!).Select(id => UptakeDashboard.PartOf(lookups!, everyone, id, [.. days!.Where(d => d.ProgramId == id)], period)).ToList();
        await Report($"adding up {parts.Count} parts", 5, () => { _ = UptakeDashboard.CoreOf(parts, lookups!.PersonCount); return Task.CompletedTask; });
    }

    private static async Task Report(string name, int runs, Func<Task> part)
    {
        await part();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await part();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} median {times[times.Count / 2],8:0.0} ms   min {times[0],8:0.0} ms"));
    }
}
