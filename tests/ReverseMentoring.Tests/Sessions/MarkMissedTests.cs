using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>The reminders job marks unlogged sessions missed through the session itself: audited, versioned, in batches.</summary>
public sealed class MarkMissedTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime Start = new(DateTime.UtcNow.Year + 1, 5, 3, 9, 0, 0, DateTimeKind.Utc);

    private readonly TestClock _clock = new(Start);

    private async Task RunAtAsync(DateTime utc)
    {
        _clock.Now = new DateTimeOffset(utc, TimeSpan.Zero);
        var job = new SessionReminders(
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
            _clock,
            NullLogger<SessionReminders>.Instance);
        await job.CheckSessionsAsync(CancellationToken.None);
    }

    private Task<List<AuditEntry>> MarkingsOfAsync(IEnumerable<int> sessionIds)
    {
        var ids = sessionIds.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        return app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Session) && a.Action == "Modified" && ids.Contains(a.EntityId))
            .ToListAsync());
    }

    [Fact]
    public async Task Marking_a_session_missed_leaves_an_audit_entry_and_bumps_its_version()
    {
        var pair = await app.PairAsync(acceptedAtUtc: Start.AddDays(-30));
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, Start);

        await RunAtAsync(Start.AddHours(48));
        Assert.Empty(await MarkingsOfAsync([session.Id]));

        await RunAtAsync(Start.AddHours(50));

        var missed = await app.SavedSessionAsync(session.Id);
        Assert.Equal((SessionStatus.Missed, (DateTime?)Start.AddHours(50)), (missed.Status, missed.MissedAtUtc));
        Assert.NotEqual(session.Version, missed.Version);
        var entry = Assert.Single(await MarkingsOfAsync([session.Id]));
        using var changes = JsonDocument.Parse(entry.Changes);
        Assert.True(changes.RootElement.TryGetProperty(nameof(Session.Status), out var status), entry.Changes);
        Assert.Equal((int)SessionStatus.Missed, status.GetProperty("After").GetInt32());
        Assert.True(changes.RootElement.TryGetProperty(nameof(Session.MissedAtUtc), out _), entry.Changes);
        Assert.True(changes.RootElement.TryGetProperty(nameof(Session.Version), out _), entry.Changes);

        // Once missed, later runs leave it alone.
        await RunAtAsync(Start.AddHours(60));
        Assert.Single(await MarkingsOfAsync([session.Id]));
    }

    [Fact]
    public async Task A_backlog_larger_than_one_batch_is_all_marked_in_one_run()
    {
        var pair = await app.PairAsync(acceptedAtUtc: Start.AddDays(-400));
        var first = Start.AddDays(-300);
        var count = SessionReminders.MissedBatchSize * 2 + 7;
        var ids = await app.ExecuteDbContextAsync(async db =>
        {
            var sessions = Enumerable.Range(0, count).Select(i => new Session
            {
                ProgramId = pair.Program.Id,
                PairId = pair.Id,
                StartsAtUtc = first.AddHours(i),
                DurationMinutes = 30,
                EndsAtUtc = first.AddHours(i).AddMinutes(30),
                Format = SessionFormats.Virtual,
                Location = "https://meet.example.com/backlog",
                ScheduledByUserId = pair.Mentor.User.Id,
                CreatedAtUtc = first,
            }).ToList();
            db.Sessions.AddRange(sessions);
            await db.SaveChangesAsync();
            return sessions.Select(s => s.Id).ToList();
        });

        await RunAtAsync(Start);

        var statuses = await app.ExecuteDbContextAsync(db => db.Sessions.Where(s => ids.Contains(s.Id)).Select(s => s.Status).ToListAsync());
        Assert.Equal(count, statuses.Count(s => s == SessionStatus.Missed));
        Assert.Equal(count, (await MarkingsOfAsync(ids)).Count);
    }

    [Fact]
    public async Task A_held_session_is_never_marked_missed()
    {
        var pair = await app.PairAsync(acceptedAtUtc: Start.AddDays(-30));
        var held = await app.SessionAsync(pair, SessionStatus.Held, Start.AddDays(-10));

        await RunAtAsync(Start);

        var unchanged = await app.SavedSessionAsync(held.Id);
        Assert.Equal((SessionStatus.Held, (DateTime?)null, held.Version), (unchanged.Status, unchanged.MissedAtUtc, unchanged.Version));
        Assert.Empty(await MarkingsOfAsync([held.Id]));
    }

    [Fact]
    public async Task A_log_form_opened_before_the_session_was_marked_missed_still_saves()
    {
        // Logging runs on the real clock, so this session is five days behind it.
        var now = DateTime.UtcNow;
        var pair = await app.PairAsync(acceptedAtUtc: now.AddDays(-30));
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, now.AddDays(-5));
        var form = (await app.SendAsync(new LogSession.Query(session.Id), pair.Mentee.As)).Form;

        await RunAtAsync(now);
        Assert.Equal(SessionStatus.Missed, (await app.SavedSessionAsync(session.Id)).Status);

        form.HeldMinutes = 40;
        await app.SendAsync(form, pair.Mentee.As);

        var held = await app.SavedSessionAsync(session.Id);
        Assert.Equal((SessionStatus.Held, (int?)40), (held.Status, held.HeldMinutes));
    }
}
