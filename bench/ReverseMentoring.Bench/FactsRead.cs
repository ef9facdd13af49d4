using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Bench;

/// <summary>
/// Reading the stored day facts of every program over the last 26 weeks from a migrated and rebuilt database: warms
/// up, then prints the median of 20 reads, and with "compare" the median of 5 recomputations from the rows (minutes).
/// </summary>
public static class FactsRead
{
    public static async Task RunAsync(string path, bool compare = false)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path}").Options;
        await using var db = new SqliteAppDbContext(options);
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = to.AddDays(-26 * 7 + 1);
        Console.WriteLine($"Day facts of all programs from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, {path}");

        var days = await db.DashboardDays.CountAsync();
        var bytes = await db.DashboardDays.SumAsync(d => (long)d.Facts.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DashboardDays: {days:N0} rows, {bytes / 1048576.0:0.0} MB of packed facts"));

        var read = await DashboardFacts.ReadAsync(db, null, from, to, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{read.Count:N0} days read, {read.Sum(d => d.Pairs.Length):N0} pair-days, {read.Sum(d => d.GroupSessions.Length):N0} group sessions"));
        Console.WriteLine($"ReadAsync median of 20: {await MedianAsync(20, () => DashboardFacts.ReadAsync(db, null, from, to, CancellationToken.None)):0.0} ms");
        if (!compare)
        {
            return;
        }

        Console.WriteLine($"DayFactsBuilder.BuildAsync (from the rows) median of 5: {await MedianAsync(5, () => DayFactsBuilder.BuildAsync(db, null, from, to, CancellationToken.None)):0.0} ms");
    }

    private static async Task<double> MedianAsync(int runs, Func<Task> read)
    {
        await read();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await read();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
