using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Sessions;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Calendars;

/// <summary>
/// A person's private calendar subscription: an address only they get, that any calendar reads without signing in,
/// holding their own sessions and nobody else's; replaced or stopped at will, and kept only as a hash.
/// </summary>
public sealed partial class CalendarFeedTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private static readonly DateTime NextWeekUtc = new(2027, 3, 8, 9, 0, 0);

    [Fact]
    public async Task The_address_made_on_the_page_serves_the_persons_sessions_to_a_calendar_that_is_not_signed_in()
    {
        var pair = await app.PairAsync();
        var other = await app.PairAsync();
        var upcoming = await app.SessionAsync(pair, SessionStatus.Scheduled, NextWeekUtc, location: "https://meet.example.com/room-7");
        var held = await app.SessionAsync(pair, SessionStatus.Held, new DateTime(2027, 2, 15, 10, 0, 0));
        var cancelled = await app.SessionAsync(pair, SessionStatus.Cancelled, new DateTime(2027, 3, 10, 10, 0, 0));
        var longAgo = await app.SessionAsync(pair, SessionStatus.Held, new DateTime(2025, 12, 1, 10, 0, 0));
        var strangers = await app.SessionAsync(other, SessionStatus.Scheduled, NextWeekUtc);
        var client = await app.SignedInClientAsync(pair.Mentee.User);

        var page = await client.PostFormAsync("/Participant/Calendar?handler=Start", [], "/Participant/Calendar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl!.NoStore);
        var address = Address().Match(await page.Content.ReadAsStringAsync());
        Assert.True(address.Success, "The page shows the new address.");

        var calendarApp = app.Client();
        var response = await calendarApp.GetAsync(new Uri(address.Groups[1].Value, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("PUBLISH", calendar.Method);
        var events = calendar.Events.ToDictionary(e => e.Uid!);
        Assert.Equal(
            new[] { held.Id, upcoming.Id, cancelled.Id }.Select(SessionCalendar.Uid).Order(),
            events.Keys.Order());
        Assert.DoesNotContain(SessionCalendar.Uid(strangers.Id), events.Keys);
        Assert.DoesNotContain(SessionCalendar.Uid(longAgo.Id), events.Keys);
        var next = events[SessionCalendar.Uid(upcoming.Id)];
        Assert.Equal(NextWeekUtc, next.Start!.AsUtc);
        Assert.Equal("https://meet.example.com/room-7", next.Location);
        Assert.All(next.Attendees, a => Assert.False(a.Rsvp));
        Assert.Equal("CANCELLED", events[SessionCalendar.Uid(cancelled.Id)].Status);
        Assert.Equal(SessionsApp.Now.UtcDateTime, await app.ExecuteDbContextAsync(db =>
            db.CalendarFeeds.Where(f => f.UserId == pair.Mentee.Id).Select(f => f.LastReadAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task Only_the_hash_is_stored_and_the_change_is_audited_without_it()
    {
        var pair = await app.PairAsync();

        var token = await app.SendAsync(new CalendarSubscription.Start(), pair.Mentor.As);

        var stored = await app.ExecuteDbContextAsync(db => db.CalendarFeeds.AsNoTracking().SingleAsync(f => f.UserId == pair.Mentor.Id));
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(CalendarFeed.Hash(token), stored.TokenHash);
        var audit = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(CalendarFeed) && a.EntityId == stored.Id.ToString()).Select(a => a.Changes).ToListAsync());
        var changes = Assert.Single(audit);
        Assert.DoesNotContain(stored.TokenHash, changes, StringComparison.Ordinal);
        Assert.DoesNotContain(token, changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_address_stops_the_old_one_and_stopping_ends_both()
    {
        var pair = await app.PairAsync();
        await app.SessionAsync(pair, SessionStatus.Scheduled, NextWeekUtc);
        var calendarApp = app.Client();

        var first = await app.SendAsync(new CalendarSubscription.Start(), pair.Mentor.As);
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(Feed(first))).StatusCode);
        var second = await app.SendAsync(new CalendarSubscription.Start(), pair.Mentor.As);

        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(Feed(first))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(Feed(second))).StatusCode);
        Assert.Equal(1, await app.ExecuteDbContextAsync(db => db.CalendarFeeds.CountAsync(f => f.UserId == pair.Mentor.Id)));

        await app.SendAsync(new CalendarSubscription.Stop(), pair.Mentor.As);

        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(Feed(second))).StatusCode);
        Assert.Null((await app.SendAsync(new CalendarSubscription.Query(), pair.Mentor.As)).StartedAtUtc);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%27%20or%201%3D1--AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("..%2F..%2FAccount%2FSignIn")]
    public async Task A_made_up_or_hostile_address_is_not_found(string token)
    {
        var response = await app.Client().GetAsync(new Uri("/Calendar/Feed/" + token, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_erased_persons_address_is_deleted_with_them()
    {
        var pair = await app.PairAsync();
        var token = await app.SendAsync(new CalendarSubscription.Start(), pair.Mentee.As);
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);

        await app.SendAsync(new ErasePerson.Command { UserId = pair.Mentee.Id, ConfirmEmail = pair.Mentee.Email }, AppFactory.PrincipalFor(hr, Roles.HrCoordinator));

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(Feed(token))).StatusCode);
        Assert.False(await app.ExecuteDbContextAsync(db => db.CalendarFeeds.AnyAsync(f => f.UserId == pair.Mentee.Id)));
    }

    [Fact]
    public async Task A_locked_out_persons_address_serves_nothing()
    {
        var pair = await app.PairAsync();
        var token = await app.SendAsync(new CalendarSubscription.Start(), pair.Mentee.As);

        await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == pair.Mentee.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue)));

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(Feed(token))).StatusCode);
    }

    [Theory]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Hr_and_leadership_have_no_session_calendar(string role)
    {
        var person = await app.CreateUserAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new CalendarSubscription.Start(), AppFactory.PrincipalFor(person, role)));
    }

    private static Uri Feed(string token) => new(CalendarSubscription.FeedPath(token), UriKind.Relative);

    [GeneratedRegex("value=\"https?://[^/\"]+(/Calendar/Feed/[A-Za-z0-9_-]{43})\"")]
    private static partial Regex Address();
}
