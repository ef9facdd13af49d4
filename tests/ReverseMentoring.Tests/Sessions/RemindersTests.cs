using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;

using ReverseMentoring.Web.Features.Enrolments;

using ReverseMentoring.Web.Features.Pairing;

using ReverseMentoring.Web.Features.Pairs;

using ReverseMentoring.Web.Features.Resources;

using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

public sealed class RemindersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime Start = new(DateTime.UtcNow.Year + 1, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private readonly TestClock _clock = new(Start);

    private SessionReminders Job() => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
        _clock,
        NullLogger<SessionReminders>.Instance);

    private async Task RunAtAsync(DateTime utc)
    {
        _clock.Now = new DateTimeOffset(utc, TimeSpan.Zero);
        await Job().CheckSessionsAsync(CancellationToken.None);
    }

    private Task<List<string>> KeysAsync(string prefix) =>
        app.ExecuteDbContextAsync(db => db.OutboxMessages.Where(n => n.Key.StartsWith(prefix)).Select(n => n.Key).OrderBy(k => k).ToListAsync());

    /// <summary>
    /// A pair accepted 20 days before <see cref="Start"/>, with a session far ahead; not quiet (the cadence reminder) until
    /// more than the cadence of 14 plus 7 days pass without a held session.
    /// </summary>
    private async Task<TestPair> BusyPairAsync()
    {
        var pair = await app.PairAsync(acceptedAtUtc: Start.AddDays(-20), menteeZone: "America/New_York");
        await app.SessionAsync(pair, SessionStatus.Scheduled, Start.AddDays(60));
        return pair;
    }

    [Fact]
    public async Task A_scheduled_session_nobody_logged_is_marked_missed_48_hours_after_it_ended()
    {
        var pair = await BusyPairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, Start.AddHours(-1));
        var held = await app.SessionAsync(pair, SessionStatus.Held, Start.AddHours(-2));

        await RunAtAsync(Start.AddHours(47));
        Assert.Equal(SessionStatus.Scheduled, (await app.SavedSessionAsync(session.Id)).Status);

        await RunAtAsync(Start.AddHours(49));
        var missed = await app.SavedSessionAsync(session.Id);
        Assert.Equal(SessionStatus.Missed, missed.Status);
        Assert.Equal(Start.AddHours(49), missed.MissedAtUtc);
        Assert.Equal(SessionStatus.Held, (await app.SavedSessionAsync(held.Id)).Status);
    }

    [Fact]
    public async Task Both_sides_are_reminded_once_of_a_session_starting_within_a_day()
    {
        var pair = await BusyPairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, Start.AddHours(30));

        await RunAtAsync(Start);
        Assert.Empty(await KeysAsync($"session:{session.Id}:tomorrow:"));

        await RunAtAsync(Start.AddHours(7));
        await RunAtAsync(Start.AddHours(8));

        Assert.Equal(
            new[] { $"session:{session.Id}:tomorrow:0:{pair.Mentor.User.Id}", $"session:{session.Id}:tomorrow:0:{pair.Mentee.User.Id}" }.Order(StringComparer.Ordinal),
            await KeysAsync($"session:{session.Id}:tomorrow:"));
        var mail = Assert.Single(app.MailTo(pair.Mentee.User.Email!));
        Assert.Contains("Maya Mentor", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("(America/New_York)", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(app.MailTo(pair.Mentor.User.Email!));

        // Moved to a later hour after the reminder went out: both are reminded again, of the new time.
        await app.ExecuteDbContextAsync(async db =>
        {
            var moved = await db.Sessions.Include(s => s.Topics).SingleAsync(s => s.Id == session.Id);
            var agenda = moved.Topics.Where(t => t.Kind == SessionTopicKind.Agenda).Select(t => t.ProgramTopicId).ToList();
            moved.Reschedule(pair.Mentor.User.Id, moved.StartsAtUtc.AddHours(2), moved.DurationMinutes, moved.Format, moved.Location, agenda, Start.AddHours(8));
            await db.SaveChangesAsync();
        });
        await RunAtAsync(Start.AddHours(9));
        Assert.Equal(2, app.MailTo(pair.Mentee.User.Email!).Count);
        Assert.Equal(4, (await KeysAsync($"session:{session.Id}:tomorrow:")).Count);
    }

    [Fact]
    public async Task A_session_not_logged_two_hours_after_its_end_brings_one_log_reminder_to_each_side()
    {
        var pair = await BusyPairAsync();
        var unlogged = await app.SessionAsync(pair, SessionStatus.Scheduled, Start.AddHours(-2));
        var logged = await app.SessionAsync(pair, SessionStatus.Held, Start.AddHours(-4));

        await RunAtAsync(Start.AddMinutes(30));
        Assert.Empty(await KeysAsync($"session:{unlogged.Id}:log-missing:"));

        await RunAtAsync(Start.AddHours(2));
        await RunAtAsync(Start.AddHours(5));

        Assert.Equal(2, (await KeysAsync($"session:{unlogged.Id}:log-missing:")).Count);
        Assert.Empty(await KeysAsync($"session:{logged.Id}:log-missing:"));
        var mail = Assert.Single(app.MailTo(pair.Mentor.User.Email!));
        Assert.Contains($"/Participant/Sessions/Log/{unlogged.Id}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_side_without_feedback_three_days_after_the_log_is_reminded_once()
    {
        var pair = await BusyPairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, Start.AddDays(-1), change: s => s.Log(pair.Mentor.Id, 60, [], null, false, null, Start));
        await app.FeedbackAsync(pair, session, ParticipantRole.Mentor, 4);

        await RunAtAsync(Start.AddDays(2.9));
        Assert.Empty(await KeysAsync($"session:{session.Id}:feedback-overdue:"));

        await RunAtAsync(Start.AddDays(3));
        await RunAtAsync(Start.AddDays(4));

        Assert.Equal([$"session:{session.Id}:feedback-overdue:{pair.Mentee.User.Id}"], await KeysAsync($"session:{session.Id}:feedback-overdue:"));
        var mail = Assert.Single(app.MailTo(pair.Mentee.User.Email!));
        Assert.Contains($"/Participant/Feedback/Give/{session.Id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.MailTo(pair.Mentor.User.Email!));
    }

    [Fact]
    public async Task Feedback_is_not_chased_for_a_session_logged_more_than_30_days_ago()
    {
        var pair = await BusyPairAsync();
        var old = await app.SessionAsync(pair, SessionStatus.Scheduled, Start.AddDays(-45), change: s => s.Log(pair.Mentor.Id, 60, [], null, false, null, Start.AddDays(-45)));

        await RunAtAsync(Start);

        Assert.Empty(await KeysAsync($"session:{old.Id}:feedback-overdue:"));
    }

    [Fact]
    public async Task A_pair_that_has_not_met_for_longer_than_the_cadence_plus_a_week_is_reminded_once_per_period()
    {
        var program = await app.ProgramAsync(cadenceDays: 10);
        var pair = await app.PairAsync(program, acceptedAtUtc: Start.AddDays(-30));
        var held = await app.SessionAsync(pair, SessionStatus.Held, Start);
        await app.FeedbackAsync(pair, held, ParticipantRole.Mentor, 4);
        await app.FeedbackAsync(pair, held, ParticipantRole.Mentee, 4);

        // Quiet once the last held session is older than the cadence (10) plus 7 days: not at 16.5 days, at 17.5 (the
        // old rule, without the grace week, reminded from 10 days on: the runs were at 9.5, 10.5 and 11, then 20.5).
        await RunAtAsync(Start.AddDays(16.5));
        Assert.Empty(await KeysAsync($"pair:{pair.Id}:no-session:"));

        // 17.5 and 18 days are both in period 17 / 10 = 1: one reminder each side.
        await RunAtAsync(Start.AddDays(17.5));
        await RunAtAsync(Start.AddDays(18));
        Assert.Equal(2, (await KeysAsync($"pair:{pair.Id}:no-session:")).Count);
        Assert.Single(app.MailTo(pair.Mentee.User.Email!));

        // 20.5 days is period 2: one more each side.
        await RunAtAsync(Start.AddDays(20.5));
        Assert.Equal(4, (await KeysAsync($"pair:{pair.Id}:no-session:")).Count);
        Assert.Equal(2, app.MailTo(pair.Mentor.User.Email!).Count);
    }

    [Fact]
    public async Task A_pair_never_met_counts_from_its_acceptance_and_a_session_ahead_or_a_stopped_program_silences_it()
    {
        // Accepted 22 days ago with the default cadence of 14: quiet, as 22 > 14 + 7 (the old rule, without the grace
        // week, reminded from 14 days, so 15 was enough). A session in 3 days, within the next 7, silences it.
        var quiet = await app.PairAsync(acceptedAtUtc: Start.AddDays(-22));
        var planned = await app.PairAsync(acceptedAtUtc: Start.AddDays(-22));
        await app.SessionAsync(planned, SessionStatus.Scheduled, Start.AddDays(3));
        var closedProgram = await app.ProgramAsync(ProgramStatus.Closed);
        var closed = await app.PairAsync(closedProgram, acceptedAtUtc: Start.AddDays(-22));

        await RunAtAsync(Start);

        Assert.Equal(2, (await KeysAsync($"pair:{quiet.Id}:no-session:")).Count);
        Assert.Empty(await KeysAsync($"pair:{planned.Id}:no-session:"));
        Assert.Empty(await KeysAsync($"pair:{closed.Id}:no-session:"));
    }
}
