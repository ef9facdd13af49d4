using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>The reminders job reminds exactly the pairs that the pair health rule flags as quiet.</summary>
public sealed class QuietPairReminderTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime Start = new(DateTime.UtcNow.Year + 1, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private Task<List<string>> KeysAsync(int pairId) =>
        app.ExecuteDbContextAsync(db => db.OutboxMessages.Where(n => n.Key.StartsWith($"pair:{pairId}:no-session:")).Select(n => n.Key).ToListAsync());

    private async Task RunAtAsync(DateTime utc)
    {
        var job = new SessionReminders(
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
            new TestClock(new DateTimeOffset(utc, TimeSpan.Zero)),
            NullLogger<SessionReminders>.Instance);
        await job.CheckSessionsAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Only_a_session_within_the_next_7_days_keeps_a_quiet_pair_from_its_reminder()
    {
        // Both accepted 30 days ago and never met: 30 > the cadence of 14 plus 7. One has a session exactly 7 days
        // ahead, the other 8 days ahead, which is too far to count.
        var booked = await app.PairAsync(acceptedAtUtc: Start.AddDays(-30));
        await app.SessionAsync(booked, SessionStatus.Scheduled, Start.AddDays(7));
        var far = await app.PairAsync(acceptedAtUtc: Start.AddDays(-30));
        await app.SessionAsync(far, SessionStatus.Scheduled, Start.AddDays(8));

        await RunAtAsync(Start);

        Assert.Empty(await KeysAsync(booked.Id));
        Assert.Equal(2, (await KeysAsync(far.Id)).Count);
        var mail = Assert.Single(app.MailTo(far.Mentee.Email), m => m.Subject?.StartsWith("Time to meet", StringComparison.Ordinal) == true);
        Assert.Contains("have not met since your pair started 30 days ago", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Nothing is scheduled for the next 7 days", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_inside_the_grace_week_is_not_reminded()
    {
        // Last met 21 days ago with a cadence of 14: not older than 14 + 7, so not quiet yet; a day later it is.
        var pair = await app.PairAsync(acceptedAtUtc: Start.AddDays(-60));
        await app.SessionAsync(pair, SessionStatus.Held, Start.AddDays(-21));

        await RunAtAsync(Start);
        Assert.Empty(await KeysAsync(pair.Id));

        await RunAtAsync(Start.AddDays(1));
        Assert.Equal(2, (await KeysAsync(pair.Id)).Count);
        var mail = Assert.Single(app.MailTo(pair.Mentor.Email), m => m.Subject?.StartsWith("Time to meet", StringComparison.Ordinal) == true);
        Assert.Contains("last met 22 days ago", mail.TextBody, StringComparison.Ordinal);
    }
}
