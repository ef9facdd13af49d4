using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

public sealed class LoggingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateTime HoursAgo(double hours) => DateTime.UtcNow.AddHours(-hours);

    private static LogSession.Command ValidLog(Session session, params int[] topicIds) => new()
    {
        SessionId = session.Id,
        HeldMinutes = 50,
        CoveredTopicIds = [.. topicIds],
        Notes = "We tried an AI assistant on a real e-mail.",
        NotesSharedWithHr = false,
        FollowUps = "Simon drafts his next update with the assistant.",
        Version = session.Version,
    };

    [Fact]
    public async Task A_mentor_logs_a_past_session_as_held_with_minutes_topics_notes_and_follow_ups()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));
        var topics = pair.Program.Topics.Select(t => t.Id).ToList();

        var saved = await app.SendAsync(ValidLog(session, topics[1], topics[2]), pair.Mentor.As);

        Assert.False(saved.WasHeld);
        Assert.False(saved.FeedbackGiven);
        var logged = await app.SavedSessionAsync(session.Id);
        Assert.Equal(SessionStatus.Held, logged.Status);
        Assert.Equal(50, logged.HeldMinutes);
        Assert.Equal("We tried an AI assistant on a real e-mail.", logged.Notes);
        Assert.False(logged.NotesSharedWithHr);
        Assert.Equal("Simon drafts his next update with the assistant.", logged.FollowUps);
        Assert.NotNull(logged.LoggedAtUtc);
        Assert.Equal(pair.Mentor.User.Id, logged.LoggedByUserId);
        Assert.Equal([topics[1], topics[2]], logged.Topics.Where(t => t.Kind == SessionTopicKind.Covered).Select(t => t.ProgramTopicId).Order());
        Assert.Equal([topics[0]], logged.Topics.Where(t => t.Kind == SessionTopicKind.Agenda).Select(t => t.ProgramTopicId));
        Assert.NotEqual(session.Version, logged.Version);
    }

    [Fact]
    public async Task The_log_form_starts_from_the_planned_minutes_and_the_agenda()
    {
        var pair = await app.PairAsync(menteeZone: "America/New_York");
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));

        var form = await app.SendAsync(new LogSession.Query(session.Id), pair.Mentee.As);

        Assert.Null(form.Refusal);
        Assert.Equal("Maya Mentor", form.PartnerName);
        Assert.Contains("(America/New_York)", form.When, StringComparison.Ordinal);
        Assert.Equal(60, form.Form.HeldMinutes);
        Assert.Equal([pair.Program.Topics[0].Id], form.Form.CoveredTopicIds);
        Assert.Equal(3, form.Topics.Count);
        Assert.Equal(session.Version, form.Form.Version);
    }

    [Fact]
    public async Task Either_side_can_correct_a_held_session_and_the_first_log_time_stays()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(5));
        var topics = pair.Program.Topics.Select(t => t.Id).ToList();
        await app.SendAsync(ValidLog(session, topics[0]), pair.Mentor.As);
        var first = await app.SavedSessionAsync(session.Id);

        var edit = ValidLog(first, topics[2]);
        edit.HeldMinutes = 75;
        edit.Notes = "Shared summary for HR.";
        edit.NotesSharedWithHr = true;
        var saved = await app.SendAsync(edit, pair.Mentee.As);

        Assert.True(saved.WasHeld);
        var edited = await app.SavedSessionAsync(session.Id);
        Assert.Equal(SessionStatus.Held, edited.Status);
        Assert.Equal(75, edited.HeldMinutes);
        Assert.True(edited.NotesSharedWithHr);
        Assert.Equal("Shared summary for HR.", edited.Notes);
        Assert.Equal([topics[2]], edited.Topics.Where(t => t.Kind == SessionTopicKind.Covered).Select(t => t.ProgramTopicId));
        Assert.Equal(first.LoggedAtUtc, edited.LoggedAtUtc);
        Assert.Equal(pair.Mentor.User.Id, edited.LoggedByUserId);
    }

    [Fact]
    public async Task A_log_saved_over_someone_elses_newer_change_is_refused_and_nothing_is_saved()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(5));
        await app.SendAsync(ValidLog(session), pair.Mentor.As);

        var stale = ValidLog(session);
        stale.Notes = "Written on an old copy of the form.";
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(stale, pair.Mentee.As));

        Assert.Equal(LogSession.ConflictMessage, Assert.Single(refused.Failures).ErrorMessage);
        Assert.Equal("We tried an AI assistant on a real e-mail.", (await app.SavedSessionAsync(session.Id)).Notes);
    }

    [Fact]
    public async Task A_session_marked_missed_can_still_be_logged_and_becomes_held()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(80), change: s => s.MarkMissed(HoursAgo(20)));

        await app.SendAsync(ValidLog(session), pair.Mentee.As);

        Assert.Equal(SessionStatus.Held, (await app.SavedSessionAsync(session.Id)).Status);
    }

    [Fact]
    public async Task A_session_that_has_not_started_cannot_be_logged()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddHours(2));

        var form = await app.SendAsync(new LogSession.Query(session.Id), pair.Mentor.As);
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(ValidLog(session), pair.Mentor.As));

        Assert.Equal(LogSession.NotYetMessage, form.Refusal);
        Assert.Equal(LogSession.NotYetMessage, Assert.Single(refused.Failures).ErrorMessage);
        var unchanged = await app.SavedSessionAsync(session.Id);
        Assert.Equal(SessionStatus.Scheduled, unchanged.Status);
        Assert.Null(unchanged.Notes);
    }

    [Fact]
    public async Task A_cancelled_session_cannot_be_logged()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(30), change: s => s.Cancel(pair.Mentee.Id, "Ill", HoursAgo(40)));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(ValidLog(session), pair.Mentor.As));

        Assert.Equal(LogSession.CancelledMessage, Assert.Single(refused.Failures).ErrorMessage);
        Assert.Equal(SessionStatus.Cancelled, (await app.SavedSessionAsync(session.Id)).Status);
    }

    public static TheoryData<string, string> InvalidLogs => new()
    {
        { "no minutes", "HeldMinutes" },
        { "zero minutes", "HeldMinutes" },
        { "too many minutes", "HeldMinutes" },
        { "notes too long", "Notes" },
        { "follow-ups too long", "FollowUps" },
    };

    [Theory]
    [MemberData(nameof(InvalidLogs))]
    public async Task An_invalid_log_is_refused_with_a_message_next_to_the_field_and_nothing_is_saved(string problem, string field)
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));
        var command = ValidLog(session, pair.Program.Topics[1].Id);
        switch (problem)
        {
            case "no minutes": command.HeldMinutes = null; break;
            case "zero minutes": command.HeldMinutes = 0; break;
            case "too many minutes": command.HeldMinutes = Session.MaxMinutes + 1; break;
            case "notes too long": command.Notes = new string('n', Session.NotesMaxLength + 1); break;
            default: command.FollowUps = new string('f', Session.FollowUpsMaxLength + 1); break;
        }

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, pair.Mentor.As));

        var failure = Assert.Single(refused.Failures);
        Assert.Equal(field, failure.PropertyName);
        Assert.False(string.IsNullOrWhiteSpace(failure.ErrorMessage));
        var unchanged = await app.SavedSessionAsync(session.Id);
        Assert.Equal(SessionStatus.Scheduled, unchanged.Status);
        Assert.Null(unchanged.HeldMinutes);
        Assert.DoesNotContain(unchanged.Topics, t => t.Kind == SessionTopicKind.Covered);
    }

    [Fact]
    public async Task A_topic_from_another_program_is_refused_and_nothing_is_saved()
    {
        var pair = await app.PairAsync();
        var other = await app.ProgramAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(ValidLog(session, pair.Program.Topics[0].Id, other.Topics[0].Id), pair.Mentor.As));

        Assert.Equal(nameof(LogSession.Command.CoveredTopicIds), Assert.Single(refused.Failures).PropertyName);
        Assert.Equal(SessionStatus.Scheduled, (await app.SavedSessionAsync(session.Id)).Status);
    }

    [Fact]
    public async Task A_participant_of_another_pair_gets_not_found_for_the_session()
    {
        var pairA = await app.PairAsync();
        var pairB = await app.PairAsync(pairA.Program);
        var session = await app.SessionAsync(pairA, SessionStatus.Scheduled, HoursAgo(3));

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new LogSession.Query(session.Id), pairB.Mentor.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(ValidLog(session), pairB.Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new LogSession.Query(int.MaxValue), pairA.Mentor.As));
        Assert.Equal(SessionStatus.Scheduled, (await app.SavedSessionAsync(session.Id)).Status);
    }

    [Theory]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Hr_and_leadership_cannot_log_or_read_a_session_log(string role)
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));
        var someone = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new LogSession.Query(session.Id), someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(ValidLog(session), someone));
        Assert.Equal(SessionStatus.Scheduled, (await app.SavedSessionAsync(session.Id)).Status);
    }

    [Fact]
    public async Task The_log_page_saves_the_log_and_asks_for_feedback_next()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));
        var client = await app.SignedInClientAsync(pair.Mentor.User);
        var url = $"/Participant/Sessions/Log/{session.Id}";

        var form = await client.GetHtmlAsync(url);
        var response = await client.PostFormAsync(url, new()
        {
            ["Data.HeldMinutes"] = "45",
            ["Data.CoveredTopicIds"] = pair.Program.Topics[2].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Data.Notes"] = "Page notes",
            ["Data.NotesSharedWithHr"] = "true",
            ["Data.FollowUps"] = "",
            ["Data.Version"] = session.Version.ToString(),
        });

        Assert.Contains("HR can read shared notes; private notes are only for the two of you", form, StringComparison.Ordinal);
        Assert.Contains("Simon Senior", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Participant/Feedback/Give/{session.Id}", response.Headers.Location?.OriginalString);
        var logged = await app.SavedSessionAsync(session.Id);
        Assert.Equal(SessionStatus.Held, logged.Status);
        Assert.Equal(45, logged.HeldMinutes);
        Assert.True(logged.NotesSharedWithHr);
    }

    [Fact]
    public async Task The_log_page_shows_overlong_notes_as_an_error_next_to_the_field()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));
        var client = await app.SignedInClientAsync(pair.Mentee.User);
        var url = $"/Participant/Sessions/Log/{session.Id}";

        var response = await client.PostFormAsync(url, new()
        {
            ["Data.HeldMinutes"] = "45",
            ["Data.Notes"] = new string('x', Session.NotesMaxLength + 1),
            ["Data.Version"] = session.Version.ToString(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("Notes have at most 4,000 characters; shorten them.", HttpClientForms.FieldError(html, "Data.Notes"));
        Assert.Equal(SessionStatus.Scheduled, (await app.SavedSessionAsync(session.Id)).Status);
    }

    [Fact]
    public async Task The_log_page_of_another_pairs_session_is_not_found_and_hr_is_turned_away()
    {
        var pairA = await app.PairAsync();
        var pairB = await app.PairAsync(pairA.Program);
        var session = await app.SessionAsync(pairA, SessionStatus.Scheduled, HoursAgo(3));
        var outsider = await app.SignedInClientAsync(pairB.Mentor.User);
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var notFound = await outsider.GetAsync(new Uri($"/Participant/Sessions/Log/{session.Id}", UriKind.Relative));
        var turnedAway = await hr.GetAsync(new Uri($"/Participant/Sessions/Log/{session.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, turnedAway.StatusCode);
        Assert.StartsWith("http://localhost/Account/AccessDenied", turnedAway.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_future_session_shows_why_it_cannot_be_logged_instead_of_the_form()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(2));
        var client = await app.SignedInClientAsync(pair.Mentor.User);

        var html = await client.GetHtmlAsync($"/Participant/Sessions/Log/{session.Id}");

        Assert.Contains(LogSession.NotYetMessage, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Data.HeldMinutes", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.Sessions.CountAsync(s => s.Id == session.Id && s.Status == SessionStatus.Held)));
    }
}
