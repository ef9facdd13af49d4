using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// A program's day facts are kept between computations while its facts version stands: read again for a chosen period
/// they do not cover, but without pushing out the ones of the default period that every first view reads, and only for
/// the days they lack when the two periods meet.
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

        async Task<int> ReadingAsync(UptakeDashboard.Period period) => (await ReadAsync(program.Id, period)).Statements;

        await ReadingAsync(usual);
        Assert.Equal(0, await ReadingAsync(usual));
        Assert.True(await ReadingAsync(chosen) > 0, "a period the kept days do not cover is read");
        Assert.Equal(0, await ReadingAsync(usual));
    }

    [Fact]
    public async Task A_chosen_period_overlapping_the_kept_days_reads_only_the_days_they_lack_and_keeps_them_joined()
    {
        var program = await app.ProgramAsync();
        var pair = await app.PairAsync(program);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var usual = UptakeDashboard.PeriodOf(new UptakeDashboard.Query(), today);
        var chosen = new UptakeDashboard.Period(usual.From.AddDays(-40), usual.From.AddDays(40));
        await app.SessionAsync(pair, SessionStatus.Held, usual.From.AddDays(-20).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));
        await app.SessionAsync(pair, SessionStatus.Missed, usual.From.AddDays(10).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));
        await app.Services.GetRequiredService<DashboardFactsFold>().RunOnceAsync(CancellationToken.None);

        Task<(int Statements, IReadOnlyList<DayFacts> Days)> ReadingAsync(UptakeDashboard.Period period) => ReadAsync(program.Id, period);

        var (_, kept) = await ReadingAsync(usual);
        var keptDay = Assert.Single(kept, d => d.Day == usual.From.AddDays(10));
        var (statements, joined) = await ReadingAsync(chosen);
        Assert.True(statements > 0, "the days before the kept ones are read");

        // The kept days are used as they are, not read again; the days before them are read; all in day order.
        Assert.Same(keptDay, Assert.Single(joined, d => d.Day == usual.From.AddDays(10)));
        var direct = await app.ExecuteDbContextAsync(db => DashboardFacts.ReadAsync(db, [program.Id], chosen.From, usual.To, CancellationToken.None));
        Assert.Equal(direct.Select(d => (d.Day, d.Pairs.Sum(p => p.Held), d.Pairs.Sum(p => p.Missed))), joined.Select(d => (d.Day, d.Pairs.Sum(p => p.Held), d.Pairs.Sum(p => p.Missed))));
        Assert.Contains(joined, d => d.Day == usual.From.AddDays(-20) && d.Pairs.Sum(p => p.Held) == 1);

        // Kept joined: neither period is read again.
        Assert.Equal(0, (await ReadingAsync(chosen)).Statements);
        Assert.Equal(0, (await ReadingAsync(usual)).Statements);
    }

    [Fact]
    public async Task After_writes_the_kept_days_read_again_only_those_folded_since_and_equal_a_full_read()
    {
        var program = await app.ProgramAsync();
        var pair = await app.PairAsync(program);
        var fold = app.Services.GetRequiredService<DashboardFactsFold>();
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var usual = UptakeDashboard.PeriodOf(new UptakeDashboard.Query(), today);
        DateTime At(int day) => usual.From.AddDays(day).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        await app.SessionAsync(pair, SessionStatus.Held, At(1));
        var moving = await app.SessionAsync(pair, SessionStatus.Missed, At(2));
        await app.SessionAsync(pair, SessionStatus.Held, At(3));
        await fold.RunOnceAsync(CancellationToken.None);

        // Folded an hour ago, well before the kept days are read: only days folded after that are read again.
        var anHourAgo = DateTime.UtcNow.AddHours(-1);
        await app.ExecuteDbContextAsync(db => db.DashboardDays.Where(d => d.ProgramId == program.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.FoldedAtUtc, anHourAgo)));
        var (_, kept) = await ReadAsync(program.Id, usual);
        var untouched = Assert.Single(kept, d => d.Day == usual.From.AddDays(1));

        // One day changes, one is left empty (its only session deleted) and one is new.
        await app.SessionAsync(pair, SessionStatus.Cancelled, At(3));
        await app.RunAsAsync(pair.Mentor.As, async services =>
        {
            var db = services.GetRequiredService<ReverseMentoring.Web.Data.AppDbContext>();
            db.Sessions.Remove(await db.Sessions.SingleAsync(s => s.Id == moving.Id));
            await db.SaveChangesAsync();
        });
        await app.SessionAsync(pair, SessionStatus.Missed, At(4));
        await fold.RunOnceAsync(CancellationToken.None);
        var (_, after) = await ReadAsync(program.Id, usual);
        Assert.Equal(Shape(await FullReadAsync()), Shape(after));
        Assert.Same(untouched, Assert.Single(after, d => d.Day == usual.From.AddDays(1)));
        Assert.DoesNotContain(after, d => d.Day == usual.From.AddDays(2));
        Assert.Contains(after, d => d.Day == usual.From.AddDays(4) && d.Pairs.Sum(p => p.Missed) == 1);
        Assert.Contains(after, d => d.Day == usual.From.AddDays(3) && d.Pairs.Sum(p => p.Cancelled) == 1 && d.Pairs.Sum(p => p.Held) == 1);

        // Written and not folded yet: the marked day is worked out from the rows, as a full read does.
        await app.SessionAsync(pair, SessionStatus.Held, At(5));
        var (_, marked) = await ReadAsync(program.Id, usual);
        Assert.Equal(Shape(await FullReadAsync()), Shape(marked));
        Assert.Contains(marked, d => d.Day == usual.From.AddDays(5) && d.Pairs.Sum(p => p.Held) == 1);

        Task<List<DayFacts>> FullReadAsync() =>
            app.ExecuteDbContextAsync(db => DashboardFacts.ReadAsync(db, [program.Id], usual.From, usual.To, CancellationToken.None));
        static List<string> Shape(IEnumerable<DayFacts> days) =>
            [.. days.Select(d => $"{d.Day}: {string.Join(" ", d.Pairs.Select(p => p.ToString()))} groups {d.GroupSessions.Length}")];
    }

    /// <summary>A program's days over a period, in a computation of its own, and how many statements reading them took.</summary>
    private async Task<(int Statements, IReadOnlyList<DayFacts> Days)> ReadAsync(int programId, UptakeDashboard.Period period)
    {
        var statements = new SentStatements();
        await using var db = app.RecordingContext(statements);
        var sources = await UptakeDashboard.FigureSources.ReadAsync(
            db, app.Services.GetRequiredService<IMemoryCache>(), app.Services.GetRequiredService<DashboardLookups>(), null, null, null, CancellationToken.None);
        var before = statements.Count;
        var days = await sources.DaysAsync([programId], period, CancellationToken.None);
        return (statements.Count - before, days[programId]);
    }
}
