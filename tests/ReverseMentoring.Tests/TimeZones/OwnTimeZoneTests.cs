using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.TimeZones;

/// <summary>
/// A person sees and enters every time in their own profile zone, whatever the zone of the enrolment a pair belongs to.
/// Priya lives in London (profile) and mentors in two programs, enrolled there in Tokyo and New York time. London's
/// clocks go back on Sunday 31 October 2027 (New York's a week later), so 10:00 in London is 09:00 UTC before and
/// 10:00 UTC after.
/// </summary>
public sealed class OwnTimeZoneTests(OwnZoneApp app) : IClassFixture<OwnZoneApp>
{
    private static readonly DateTime BeforeChangeUtc = new(2027, 10, 27, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime AfterChangeUtc = new(2027, 11, 3, 10, 0, 0, DateTimeKind.Utc);

    private const string BeforeInLondon = "Wed 27 Oct 2027, 10:00–11:00 (Europe/London)";
    private const string AfterInLondon = "Wed 3 Nov 2027, 10:00–11:00 (Europe/London)";

    private sealed record World(Person Priya, TestPair Tokyo, TestPair NewYork, int BeforeId, int AfterId);

    private async Task<World> WorldAsync()
    {
        var priya = await app.ProfileZoneAsync(await app.PersonAsync(Roles.Mentor, "Priya Patel"), "Europe/London");
        var tokyo = await app.PairAsync(await app.ProgramAsync(name: TestData.Unique("Tokyo cohort")), mentor: priya, mentorZone: "Asia/Tokyo", menteeName: "Kenji Sato", menteeZone: "Asia/Tokyo");
        var newYork = await app.PairAsync(await app.ProgramAsync(name: TestData.Unique("New York cohort")), mentor: priya, mentorZone: "America/New_York", menteeName: "Nora Reed", menteeZone: "America/New_York");
        var before = await app.SessionAsync(tokyo, SessionStatus.Scheduled, BeforeChangeUtc);
        var after = await app.SessionAsync(newYork, SessionStatus.Scheduled, AfterChangeUtc);
        return new World(priya, tokyo, newYork, before.Id, after.Id);
    }

    [Fact]
    public async Task My_sessions_shows_both_programs_sessions_in_my_profile_zone_across_the_clock_change()
    {
        var world = await WorldAsync();

        var mine = await app.SendAsync(new MySessions.Query(), world.Priya.As);

        Assert.Equal(BeforeInLondon, mine.Sessions.Single(s => s.Id == world.BeforeId).When);
        Assert.Equal(AfterInLondon, mine.Sessions.Single(s => s.Id == world.AfterId).When);
        var html = WebUtility.HtmlDecode(await (await app.SignedInClientAsync(world.Priya.User)).GetHtmlAsync("/Participant/Sessions"));
        Assert.Contains(BeforeInLondon, html, StringComparison.Ordinal);
        Assert.Contains(AfterInLondon, html, StringComparison.Ordinal);
        Assert.DoesNotContain("(Asia/Tokyo)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(America/New_York)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_page_shows_my_zone_and_the_partners_own_profile_zone()
    {
        var world = await WorldAsync();
        await app.ProfileZoneAsync(world.Tokyo.Mentee, "Australia/Sydney");

        var before = await app.SendAsync(new ViewSession.Query(world.BeforeId), world.Priya.As);
        var after = await app.SendAsync(new ViewSession.Query(world.AfterId), world.Priya.As);

        Assert.Equal(BeforeInLondon, before.When);
        Assert.Equal("Wed 27 Oct 2027, 20:00–21:00 (Australia/Sydney)", before.WhenForPartner);
        Assert.Equal(AfterInLondon, after.When);
        var html = WebUtility.HtmlDecode(await (await app.SignedInClientAsync(world.Priya.User)).GetHtmlAsync($"/Participant/Sessions/{world.AfterId}"));
        Assert.Contains(AfterInLondon, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reminder_email_gives_the_time_in_my_profile_zone_before_and_after_the_clock_change()
    {
        var world = await WorldAsync();
        var clock = new TestClock(BeforeChangeUtc.AddHours(-23));
        var job = new SessionReminders(
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
            clock,
            NullLogger<SessionReminders>.Instance);

        await job.CheckSessionsAsync(CancellationToken.None);
        clock.Now = new DateTimeOffset(AfterChangeUtc.AddHours(-23), TimeSpan.Zero);
        await job.CheckSessionsAsync(CancellationToken.None);

        var bodies = app.MailTo(world.Priya.User.Email!).Select(m => m.TextBody ?? "").ToList();
        Assert.Single(bodies, b => b.Contains(BeforeInLondon, StringComparison.Ordinal));
        Assert.Single(bodies, b => b.Contains(AfterInLondon, StringComparison.Ordinal));
        Assert.DoesNotContain(bodies, b => b.Contains("(Asia/Tokyo)", StringComparison.Ordinal) || b.Contains("(America/New_York)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_time_I_enter_is_read_in_my_profile_zone_not_the_enrolments()
    {
        var world = await WorldAsync();

        var id = await app.SendAsync(new ScheduleSession.Command
        {
            PairId = world.Tokyo.Id,
            Date = new DateOnly(2027, 10, 28),
            Time = new TimeOnly(14, 0),
            DurationMinutes = 60,
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/priya",
        }, world.Priya.As);
        var later = await app.SendAsync(new ScheduleSession.Command
        {
            PairId = world.Tokyo.Id,
            Date = new DateOnly(2027, 11, 4),
            Time = new TimeOnly(14, 0),
            DurationMinutes = 60,
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/priya",
        }, world.Priya.As);

        Assert.Equal(new DateTime(2027, 10, 28, 13, 0, 0), (await app.SavedSessionAsync(id)).StartsAtUtc);
        Assert.Equal(new DateTime(2027, 11, 4, 14, 0, 0), (await app.SavedSessionAsync(later)).StartsAtUtc);
        var toKenji = app.MailTo(world.Tokyo.Mentee.User.Email!).Select(m => m.Subject).ToList();
        Assert.Contains("Session scheduled: Thu 28 Oct 2027, 22:00–23:00 (Asia/Tokyo)", toKenji);
    }

    [Fact]
    public async Task Changing_my_profile_zone_changes_every_time_I_am_shown()
    {
        var world = await WorldAsync();
        await app.ProfileZoneAsync(world.Priya, "Europe/Berlin");

        var mine = await app.SendAsync(new MySessions.Query(), world.Priya.As);

        Assert.Equal("Wed 27 Oct 2027, 11:00–12:00 (Europe/Berlin)", mine.Sessions.Single(s => s.Id == world.BeforeId).When);
        Assert.Equal("Wed 3 Nov 2027, 11:00–12:00 (Europe/Berlin)", mine.Sessions.Single(s => s.Id == world.AfterId).When);
    }

    [Fact]
    public async Task The_home_no_longer_claims_times_are_in_utc()
    {
        var world = await WorldAsync();

        var html = await (await app.SignedInClientAsync(world.Priya.User)).GetHtmlAsync("/Participant");

        Assert.DoesNotContain("times shown in", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Times are in your own time zone, Europe/London", html, StringComparison.Ordinal);
    }
}
