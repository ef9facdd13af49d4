using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>The session pages: my sessions, one session, its calendar file, and the schedule form over HTTP.</summary>
public sealed class SchedulingViewTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private static readonly DateTime MondayAfterChangeUtc = new(2027, 3, 29, 9, 0, 0);

    [Fact]
    public async Task A_session_shows_in_the_viewers_time_zone_and_the_partners()
    {
        var pair = await app.PairAsync(menteeZone: "Asia/Tokyo");
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, MondayAfterChangeUtc);

        var seen = await app.SendAsync(new ViewSession.Query(session.Id), pair.Mentee.As);

        Assert.Equal("Mon 29 Mar 2027, 18:00–19:00 (Asia/Tokyo)", seen.When);
        Assert.Equal("Mon 29 Mar 2027, 10:00–11:00 (Europe/London)", seen.WhenForPartner);
        Assert.Equal("Maya Mentor", seen.PartnerName);
        Assert.Equal("Maya Mentor", seen.ScheduledBy);
        Assert.True(seen.CanChange);
        Assert.False(seen.CanLog);
    }

    [Fact]
    public async Task A_past_session_not_yet_logged_offers_logging_and_a_held_one_feedback_and_its_log_to_edit()
    {
        var pair = await app.PairAsync();
        var past = await app.SessionAsync(pair, SessionStatus.Scheduled, new DateTime(2027, 2, 22, 10, 0, 0));
        var held = await app.SessionAsync(pair, SessionStatus.Held, new DateTime(2027, 2, 15, 10, 0, 0));

        var pastSeen = await app.SendAsync(new ViewSession.Query(past.Id), pair.Mentor.As);
        var heldSeen = await app.SendAsync(new ViewSession.Query(held.Id), pair.Mentor.As);

        Assert.True(pastSeen.CanLog);
        Assert.False(pastSeen.CanChange);
        Assert.True(heldSeen.CanGiveFeedback);
        Assert.True(heldSeen.CanLog);

        // Once the junior has rated it, the junior is no longer asked; the senior still is.
        await app.FeedbackAsync(pair, held, ParticipantRole.Mentor, 4);
        Assert.False((await app.SendAsync(new ViewSession.Query(held.Id), pair.Mentor.As)).CanGiveFeedback);
        Assert.True((await app.SendAsync(new ViewSession.Query(held.Id), pair.Mentee.As)).CanGiveFeedback);
    }

    [Fact]
    public async Task Another_pairs_session_is_not_found_by_id()
    {
        var pair = await app.PairAsync();
        var stranger = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, MondayAfterChangeUtc);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ViewSession.Query(session.Id), stranger.Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new SessionCalendarFile.Query(session.Id), stranger.Mentor.As));
        var client = await app.SignedInClientAsync(stranger.Mentee.User);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/Participant/Sessions/{session.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/Participant/Sessions/{session.Id}/Calendar", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/Participant/Sessions/Cancel/{session.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/Participant/Sessions/Reschedule/{session.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/Participant/Sessions/Schedule?pairId={pair.Id}", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Hr_and_leadership_cannot_see_sessions(string role)
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, MondayAfterChangeUtc);
        var person = await app.CreateUserAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ViewSession.Query(session.Id), SessionsApp.PrincipalFor(person, role)));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new MySessions.Query(), SessionsApp.PrincipalFor(person, role)));
        var client = await app.SignedInClientAsync(person);
        var response = await client.GetAsync(new Uri($"/Participant/Sessions/{session.Id}", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_calendar_file_downloads_and_parses_back_with_the_utc_start()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, MondayAfterChangeUtc, format: SessionFormats.InPerson, location: "Room 4.12");
        var client = await app.SignedInClientAsync(pair.Mentee.User);

        var response = await client.GetAsync(new Uri($"/Participant/Sessions/{session.Id}/Calendar", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"session-{session.Id}.ics", response.Content.Headers.ContentDisposition!.FileName);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("REQUEST", calendar.Method);
        var invite = Assert.Single(calendar.Events);
        Assert.Equal($"session-{session.Id}@reversementoring", invite.Uid);
        Assert.Equal(MondayAfterChangeUtc, invite.Start!.AsUtc);
        Assert.Equal(MondayAfterChangeUtc.AddHours(1), invite.End!.AsUtc);
        Assert.Equal("Room 4.12", invite.Location);
        Assert.Equal(0, invite.Sequence);
        Assert.Equal(2, invite.Attendees.Count);
        Assert.Equal($"mailto:{pair.Mentor.User.Email}", invite.Organizer!.Value!.ToString());
    }

    [Fact]
    public async Task My_sessions_lists_upcoming_first_then_past_with_a_schedule_link_per_active_pair()
    {
        var pair = await app.PairAsync();
        var past = await app.SessionAsync(pair, SessionStatus.Held, new DateTime(2027, 2, 22, 10, 0, 0));
        var later = await app.SessionAsync(pair, SessionStatus.Scheduled, new DateTime(2027, 3, 10, 10, 0, 0));
        var sooner = await app.SessionAsync(pair, SessionStatus.Scheduled, new DateTime(2027, 3, 3, 10, 0, 0));
        var older = await app.SessionAsync(pair, SessionStatus.Cancelled, new DateTime(2027, 2, 15, 10, 0, 0));

        var mine = await app.SendAsync(new MySessions.Query(), pair.Mentee.As);

        Assert.Equal([sooner.Id, later.Id, past.Id, older.Id], mine.Sessions.Select(s => s.Id).ToList());
        Assert.True(mine.Sessions[0].IsUpcoming);
        Assert.False(mine.Sessions[2].IsUpcoming);
        Assert.Equal("Wed 3 Mar 2027, 10:00–11:00 (Europe/London)", mine.Sessions[0].When);
        var active = Assert.Single(mine.ActivePairs);
        Assert.Equal(pair.Id, active.PairId);
        Assert.Equal("Maya Mentor", active.PartnerName);

        var client = await app.SignedInClientAsync(pair.Mentee.User);
        var html = await client.GetHtmlAsync("/Participant/Sessions");
        Assert.Contains($"/Participant/Sessions/Schedule?pairId={pair.Id}", html, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Sessions/{sooner.Id}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_sessions_without_any_says_so()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentor.User);

        var html = await client.GetHtmlAsync("/Participant/Sessions");

        Assert.Contains("No sessions yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schedule_page_shows_the_time_zone_and_suggestions_and_a_suggestion_fills_the_form()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentee.User);

        var html = await client.GetHtmlAsync($"/Participant/Sessions/Schedule?pairId={pair.Id}");
        Assert.Contains("Europe/London", html, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Sessions/Schedule?pairId={pair.Id}&amp;date=2027-03-01&amp;time=09:00&amp;minutes=60", html, StringComparison.Ordinal);

        var filled = await client.GetHtmlAsync($"/Participant/Sessions/Schedule?pairId={pair.Id}&date=2027-03-01&time=09:00&minutes=60");
        Assert.Contains("value=\"2027-03-01\"", filled, StringComparison.Ordinal);
        Assert.Contains("value=\"09:00", filled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_the_schedule_form_saves_and_shows_the_session_or_shows_errors_next_to_the_fields()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentor.User);
        var url = $"/Participant/Sessions/Schedule?pairId={pair.Id}";
        var fields = new Dictionary<string, string>
        {
            ["Data.PairId"] = pair.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Data.Date"] = "2027-03-03",
            ["Data.Time"] = "10:00",
            ["Data.DurationMinutes"] = "60",
            ["Data.Format"] = "Virtual",
            ["Data.Location"] = "Teams",
        };

        var invalid = await client.PostFormAsync("/Participant/Sessions/Schedule", fields, url);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Equal("For a virtual session, enter the meeting link, starting with https:// (or http://).", HttpClientForms.FieldError(html, "Data.Location"));
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));

        fields["Data.Location"] = "https://meet.example.com/abc";
        var saved = await client.PostFormAsync("/Participant/Sessions/Schedule", fields, url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = await app.ExecuteDbContextAsync(db => Task.FromResult(db.Sessions.Single(s => s.PairId == pair.Id).Id));
        Assert.Equal($"/Participant/Sessions/{id}", saved.Headers.Location!.OriginalString);
        var details = WebUtility.HtmlDecode(await client.GetHtmlAsync($"/Participant/Sessions/{id}"));
        Assert.Contains("Wed 3 Mar 2027, 10:00–11:00 (Europe/London)", details, StringComparison.Ordinal);

        var clash = await client.PostFormAsync("/Participant/Sessions/Schedule", fields, url);
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.StartsWith("You already have a session from 10:00 to 11:00", HttpClientForms.FieldError(await clash.Content.ReadAsStringAsync(), "Data.Date"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_through_the_page_needs_the_confirmation_box()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, MondayAfterChangeUtc);
        var client = await app.SignedInClientAsync(pair.Mentee.User);
        var url = $"/Participant/Sessions/Cancel/{session.Id}";
        var fields = new Dictionary<string, string> { ["Data.Version"] = session.Version.ToString(), ["Data.Reason"] = "Travelling." };

        var unconfirmed = await client.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal("Tick the box to confirm you want to cancel this session.", HttpClientForms.FieldError(await unconfirmed.Content.ReadAsStringAsync(), "Data.Confirm"));
        Assert.Equal(SessionStatus.Scheduled, (await app.SavedSessionAsync(session.Id))!.Status);

        fields["Data.Confirm"] = "true";
        var confirmed = await client.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(SessionStatus.Cancelled, (await app.SavedSessionAsync(session.Id))!.Status);
    }
}
