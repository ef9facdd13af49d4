using Microsoft.EntityFrameworkCore;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Coordinator;

/// <summary>A pair becoming at risk is reported once, and again only after it recovered and fell back.</summary>
public sealed class PairRiskWatchTests : IDisposable
{
    private readonly AlertsApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<List<CoordinatorAlert>> AlertsOfAsync(TestPair pair) =>
        _app.ExecuteDbContextAsync(db => db.CoordinatorAlerts.AsNoTracking().Where(a => a.Key.StartsWith($"pair-at-risk:{pair.Id}:")).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task A_pair_is_reported_when_it_falls_once_however_often_it_is_looked_at_and_again_after_recovering_and_falling_back()
    {
        var program = await _app.ProgramAsync(ProgramStatus.Running, cadenceDays: 14);
        var hr = await _app.CoordinatorAsync(AlertDelivery.AtOnce, program);
        var accepted = _app.Now;
        var pair = await _app.PairAsync(program, acceptedAtUtc: accepted);

        // Healthy for the cadence plus a week's grace.
        _app.MoveTo(accepted.AddDays(20));
        Assert.Equal(0, await _app.RunRiskWatchAsync());
        Assert.Empty(await AlertsOfAsync(pair));

        _app.MoveTo(accepted.AddDays(22));
        Assert.Equal(1, await _app.RunRiskWatchAsync());
        _app.MoveTo(accepted.AddDays(23));
        Assert.Equal(0, await _app.RunRiskWatchAsync());
        var first = Assert.Single(await AlertsOfAsync(pair));
        Assert.Equal(AlertKind.PairAtRisk, first.Kind);
        Assert.StartsWith("Quiet: not met in the 22 days", first.Detail, StringComparison.Ordinal);
        var mail = Assert.Single(_app.MailTo(hr.Email));
        Assert.StartsWith("Pair newly at risk: ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5080/Programs/{program.Id}/Pairs/{pair.Id}", mail.TextBody, StringComparison.Ordinal);

        // They meet: recovered.
        await _app.SessionAsync(pair, SessionStatus.Held, accepted.AddDays(23).AddHours(-3));
        _app.MoveTo(accepted.AddDays(24));
        Assert.Equal(0, await _app.RunRiskWatchAsync());
        Assert.Equal("", (await _app.ExecuteDbContextAsync(db => db.PairRiskReports.SingleAsync(r => r.PairId == pair.Id))).Flags);

        // And fall quiet again.
        _app.MoveTo(accepted.AddDays(23 + 22));
        Assert.Equal(1, await _app.RunRiskWatchAsync());
        _app.MoveTo(accepted.AddDays(23 + 23));
        Assert.Equal(0, await _app.RunRiskWatchAsync());
        Assert.Equal(2, (await AlertsOfAsync(pair)).Count);
        Assert.Equal(2, _app.MailTo(hr.Email).Count);
    }

    [Fact]
    public async Task A_pair_at_risk_that_gains_another_flag_is_not_news()
    {
        var program = await _app.ProgramAsync(ProgramStatus.Running, cadenceDays: 14);
        await _app.CoordinatorAsync(AlertDelivery.Digest, program);
        var accepted = _app.Now;
        var pair = await _app.PairAsync(program, acceptedAtUtc: accepted);

        _app.MoveTo(accepted.AddDays(22));
        Assert.Equal(1, await _app.RunRiskWatchAsync());

        await _app.SessionAsync(pair, SessionStatus.Cancelled, accepted.AddDays(10));
        await _app.SessionAsync(pair, SessionStatus.Missed, accepted.AddDays(12));
        _app.MoveTo(accepted.AddDays(23));
        Assert.Equal(0, await _app.RunRiskWatchAsync());

        Assert.Single(await AlertsOfAsync(pair));
        Assert.Equal("Quiet,MissingSessions", (await _app.ExecuteDbContextAsync(db => db.PairRiskReports.SingleAsync(r => r.PairId == pair.Id))).Flags);
    }
}
