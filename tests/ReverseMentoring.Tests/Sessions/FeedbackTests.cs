using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Features.SessionFeedback;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

public sealed class FeedbackTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateTime DaysAgo(double days) => DateTime.UtcNow.AddDays(-days);

    private Task<List<Feedback>> FeedbackOnAsync(int sessionId) =>
        app.ExecuteDbContextAsync(db => db.SessionFeedback.AsNoTracking().Where(f => f.SessionId == sessionId).ToListAsync());

    private static GiveFeedback.Command Rate(Session session, int? rating = 4, string? comment = "Very practical.") =>
        new() { SessionId = session.Id, Rating = rating, Comment = comment };

    [Fact]
    public async Task A_mentee_rates_a_held_session_of_their_pair()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(1));

        var id = await app.SendAsync(Rate(session, 5, "  Loved the hands-on part.  "), pair.Mentee.As);

        var feedback = Assert.Single(await FeedbackOnAsync(session.Id));
        Assert.Equal(id, feedback.Id);
        Assert.Equal(ParticipantRole.Mentee, feedback.Role);
        Assert.Equal(pair.Mentee.User.Id, feedback.ByUserId);
        Assert.Equal(5, feedback.Rating);
        Assert.Equal("Loved the hands-on part.", feedback.Comment);
        Assert.Equal(pair.Id, feedback.PairId);
        Assert.Equal(pair.ProgramId, feedback.ProgramId);
    }

    [Fact]
    public async Task Each_side_gives_feedback_once_and_a_second_attempt_gets_a_clear_message()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(1));
        await app.SendAsync(Rate(session, 4), pair.Mentor.As);

        var again = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(Rate(session, 1, "Changed my mind"), pair.Mentor.As));
        var form = await app.SendAsync(new GiveFeedback.Query(session.Id), pair.Mentor.As);
        await app.SendAsync(Rate(session, 3), pair.Mentee.As);

        Assert.Equal(GiveFeedback.AlreadyGivenMessage, Assert.Single(again.Failures).ErrorMessage);
        Assert.Equal(GiveFeedback.AlreadyGivenMessage, form.Refusal);
        var all = await FeedbackOnAsync(session.Id);
        Assert.Equal(2, all.Count);
        Assert.Equal(4, all.Single(f => f.Role == ParticipantRole.Mentor).Rating);
    }

    [Theory]
    [InlineData(SessionStatus.Scheduled)]
    [InlineData(SessionStatus.Missed)]
    [InlineData(SessionStatus.Cancelled)]
    public async Task Feedback_on_a_session_that_was_not_held_is_refused(SessionStatus status)
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, status, DaysAgo(3));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(Rate(session), pair.Mentee.As));

        Assert.Equal(GiveFeedback.NotHeldMessage, Assert.Single(refused.Failures).ErrorMessage);
        Assert.Empty(await FeedbackOnAsync(session.Id));
    }

    [Theory]
    [InlineData(null, "Rating")]
    [InlineData(0, "Rating")]
    [InlineData(6, "Rating")]
    [InlineData(-1, "Comment")]
    public async Task Invalid_feedback_is_refused_next_to_the_field_and_nothing_is_saved(int? rating, string field)
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(1));
        var command = rating == -1
            ? Rate(session, 4, new string('c', Feedback.CommentMaxLength + 1))
            : Rate(session, rating);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, pair.Mentor.As));

        var failure = Assert.Single(refused.Failures);
        Assert.Equal(field, failure.PropertyName);
        Assert.Equal(field == "Rating" ? "Choose a rating from 1 (poor) to 5 (excellent)." : "A comment has at most 2,000 characters; shorten it.", failure.ErrorMessage);
        Assert.Empty(await FeedbackOnAsync(session.Id));
    }

    [Fact]
    public async Task A_participant_of_another_pair_gets_not_found_for_the_session()
    {
        var pairA = await app.PairAsync();
        var pairB = await app.PairAsync(pairA.Program);
        var session = await app.SessionAsync(pairA, SessionStatus.Held, DaysAgo(1));

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GiveFeedback.Query(session.Id), pairB.Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Rate(session), pairB.Mentee.As));

        Assert.Empty(await FeedbackOnAsync(session.Id));
    }

    [Theory]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Hr_and_leadership_cannot_give_feedback_or_list_it(string role)
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(1));
        var someone = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Rate(session), someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new GiveFeedback.Query(session.Id), someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new MyFeedback.Query(), someone));
        Assert.Empty(await FeedbackOnAsync(session.Id));
    }

    [Fact]
    public async Task Pending_feedback_lists_held_sessions_without_my_feedback_oldest_first_with_their_age()
    {
        var pair = await app.PairAsync();
        var recent = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(2));
        var oldest = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(10));
        var rated = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(5));
        await app.SessionAsync(pair, SessionStatus.Scheduled, DaysAgo(1));
        await app.FeedbackAsync(pair, rated, ParticipantRole.Mentee, 2, "Too rushed");
        await app.FeedbackAsync(pair, recent, ParticipantRole.Mentor, 5, "The mentor's own words");

        var mine = await app.SendAsync(new MyFeedback.Query(), pair.Mentee.As);

        Assert.Equal(2, mine.PendingTotal);
        Assert.Equal([oldest.Id, recent.Id], mine.PendingSessions.Select(p => p.SessionId));
        Assert.Equal(9, mine.PendingSessions[0].DaysWaiting);
        Assert.Equal("Maya Mentor", mine.PendingSessions[0].PartnerName);
        var given = Assert.Single(mine.GivenFeedback);
        Assert.Equal(rated.Id, given.SessionId);
        Assert.Equal("Too rushed", given.Comment);
        Assert.DoesNotContain(mine.GivenFeedback, g => g.Comment == "The mentor's own words");
        Assert.Equal(2, (await app.SendAsync(new MyMentoring.Query(), pair.Mentee.As)).PendingFeedback);
        Assert.Equal(2, (await app.SendAsync(new MyFeedback.Query(), pair.Mentor.As)).PendingTotal);
    }

    [Fact]
    public async Task Someone_with_nothing_to_rate_sees_empty_states()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentor.User);

        var html = await client.GetHtmlAsync("/Participant/Feedback");
        var home = await client.GetHtmlAsync("/Participant");

        Assert.Contains("No feedback is waiting for you.", html, StringComparison.Ordinal);
        Assert.Contains("You have not given feedback yet.", html, StringComparison.Ordinal);
        Assert.Contains("Pending feedback (0)", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feedback_page_saves_a_rating_and_shows_it_as_given_without_the_other_sides_comment()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(1));
        await app.FeedbackAsync(pair, session, ParticipantRole.Mentor, 2, "Secret mentor comment");
        var client = await app.SignedInClientAsync(pair.Mentee.User);
        Assert.Contains("Pending feedback (1)", await client.GetHtmlAsync("/Participant"), StringComparison.Ordinal);

        var response = await client.PostFormAsync($"/Participant/Feedback/Give/{session.Id}", new()
        {
            ["Data.Rating"] = "5",
            ["Data.Comment"] = "Eye-opening",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Participant/Feedback", response.Headers.Location?.OriginalString);
        var html = await client.GetHtmlAsync("/Participant/Feedback");
        Assert.Contains("Thank you: your feedback is saved.", html, StringComparison.Ordinal);
        Assert.Contains("Eye-opening", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret mentor comment", html, StringComparison.Ordinal);
        Assert.Contains("Pending feedback (0)", await client.GetHtmlAsync("/Participant"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feedback_page_shows_a_missing_rating_next_to_the_field()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Held, DaysAgo(1));
        var client = await app.SignedInClientAsync(pair.Mentor.User);

        var response = await client.PostFormAsync($"/Participant/Feedback/Give/{session.Id}", new() { ["Data.Comment"] = "No rating" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("Choose a rating from 1 (poor) to 5 (excellent).", HttpClientForms.FieldError(html, "Data.Rating"));
        Assert.Contains("No rating", html, StringComparison.Ordinal);
        Assert.Empty(await FeedbackOnAsync(session.Id));
    }

    [Fact]
    public async Task The_feedback_page_of_another_pairs_session_is_not_found()
    {
        var pairA = await app.PairAsync();
        var pairB = await app.PairAsync(pairA.Program);
        var session = await app.SessionAsync(pairA, SessionStatus.Held, DaysAgo(1));
        var outsider = await app.SignedInClientAsync(pairB.Mentee.User);

        var response = await outsider.GetAsync(new Uri($"/Participant/Feedback/Give/{session.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
