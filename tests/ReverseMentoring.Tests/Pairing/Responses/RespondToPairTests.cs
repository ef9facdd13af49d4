using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Pairing.Responses;

public sealed class RespondToPairTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static RespondToPair.Command Answer(Pair pair, RespondToPair.Answer answer, string? reason = null) =>
        new() { PairId = pair.Id, Answer = answer, Reason = reason, Version = pair.Version };

    private static RespondToPair.Command Answer(TestPair pair, RespondToPair.Answer answer, string? reason = null) =>
        new() { PairId = pair.Id, Answer = answer, Reason = reason, Version = pair.Version };

    [Fact]
    public async Task One_side_accepting_keeps_the_pair_proposed()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);

        var status = await app.SendAsync(Answer(proposed, RespondToPair.Answer.Accept), proposed.Mentor.As);

        Assert.Equal(PairStatus.Proposed, status);
        var pair = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(PairStatus.Proposed, pair.Status);
        Assert.Equal(PairResponse.Accepted, pair.MentorResponse);
        Assert.NotNull(pair.MentorRespondedAtUtc);
        Assert.Equal(PairResponse.Pending, pair.MenteeResponse);
        Assert.Null(pair.MenteeRespondedAtUtc);
        Assert.Empty(app.MailTo(proposed.Mentor.User.Email!));
        Assert.Empty(app.MailTo(proposed.Mentee.User.Email!));
    }

    [Fact]
    public async Task Both_sides_accepting_confirms_the_pair_and_emails_both()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        await app.SendAsync(Answer(proposed, RespondToPair.Answer.Accept), proposed.Mentee.As);
        var afterMentee = await app.SavedPairAsync(proposed.Id);

        var status = await app.SendAsync(Answer(afterMentee, RespondToPair.Answer.Accept), proposed.Mentor.As);

        Assert.Equal(PairStatus.Accepted, status);
        var pair = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(PairStatus.Accepted, pair.Status);
        Assert.Equal(PairResponse.Accepted, pair.MentorResponse);
        Assert.Equal(PairResponse.Accepted, pair.MenteeResponse);
        var toMentor = Assert.Single(app.MailTo(proposed.Mentor.User.Email!));
        var toMentee = Assert.Single(app.MailTo(proposed.Mentee.User.Email!));
        Assert.StartsWith("Your pair is confirmed", toMentor.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Your pair is confirmed", toMentee.Subject, StringComparison.Ordinal);
        Assert.Contains("Simon Senior", toMentor.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Programs/{proposed.ProgramId}", toMentee.TextBody, StringComparison.Ordinal);
        Assert.True(await app.ExecuteDbContextAsync(db => Task.FromResult(
            db.OutboxMessages.Count(n => n.Key == $"pair-confirmed:{pair.Id}:mentor" || n.Key == $"pair-confirmed:{pair.Id}:mentee") == 2)));
    }

    [Fact]
    public async Task Declining_ends_the_pair_with_the_reason_and_tells_the_other_side()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);

        var status = await app.SendAsync(Answer(proposed, RespondToPair.Answer.Decline, "  Our working hours hardly overlap.  "), proposed.Mentee.As);

        Assert.Equal(PairStatus.Declined, status);
        var pair = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(PairStatus.Declined, pair.Status);
        Assert.Equal(PairResponse.Declined, pair.MenteeResponse);
        Assert.NotNull(pair.MenteeRespondedAtUtc);
        Assert.Equal(PairResponse.Pending, pair.MentorResponse);
        Assert.Equal("Our working hours hardly overlap.", pair.DeclineReason);
        var toMentor = Assert.Single(app.MailTo(proposed.Mentor.User.Email!));
        Assert.Contains("will not go ahead", toMentor.Subject, StringComparison.Ordinal);
        Assert.Contains("HR will propose someone else", toMentor.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("working hours", toMentor.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.MailTo(proposed.Mentee.User.Email!));
    }

    [Fact]
    public async Task Declining_without_a_reason_is_allowed()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);

        await app.SendAsync(Answer(proposed, RespondToPair.Answer.Decline, "   "), proposed.Mentor.As);

        var pair = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(PairStatus.Declined, pair.Status);
        Assert.Null(pair.DeclineReason);
    }

    [Fact]
    public async Task A_reason_longer_than_500_characters_is_refused()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(Answer(proposed, RespondToPair.Answer.Decline, new string('x', 501)), proposed.Mentor.As));

        Assert.Contains(refused.Failures, f => f.PropertyName == nameof(RespondToPair.Command.Reason) && f.ErrorMessage.Contains("500", StringComparison.Ordinal));
        Assert.Equal(PairStatus.Proposed, (await app.SavedPairAsync(proposed.Id)).Status);
    }

    [Fact]
    public async Task Answering_twice_is_refused()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        await app.SendAsync(Answer(proposed, RespondToPair.Answer.Accept), proposed.Mentor.As);
        var afterFirst = await app.SavedPairAsync(proposed.Id);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(Answer(afterFirst, RespondToPair.Answer.Decline), proposed.Mentor.As));

        Assert.Equal("You answered already.", Assert.Single(refused.Failures).ErrorMessage);
        var pair = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(PairStatus.Proposed, pair.Status);
        Assert.Equal(PairResponse.Accepted, pair.MentorResponse);
    }

    [Fact]
    public async Task Answering_a_pair_the_other_side_declined_is_refused()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        await app.SendAsync(Answer(proposed, RespondToPair.Answer.Decline), proposed.Mentor.As);
        var declined = await app.SavedPairAsync(proposed.Id);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(Answer(declined, RespondToPair.Answer.Accept), proposed.Mentee.As));

        Assert.Equal("This pair was declined by the other side. HR will propose someone else.", Assert.Single(refused.Failures).ErrorMessage);
        var pair = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(PairStatus.Declined, pair.Status);
        Assert.Equal(PairResponse.Pending, pair.MenteeResponse);
    }

    [Fact]
    public async Task Another_participant_cannot_answer_someone_elses_pair()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var stranger = await app.PersonAsync(Roles.Mentor, "Other Mentor");
        await app.EnrolAsync(proposed.Program, stranger, ParticipantRole.Mentor);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(Answer(proposed, RespondToPair.Answer.Decline), stranger.As));

        var pair = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(PairStatus.Proposed, pair.Status);
        Assert.Equal(PairResponse.Pending, pair.MentorResponse);
    }

    [Fact]
    public async Task Answering_a_pair_that_does_not_exist_is_not_found()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new RespondToPair.Command { PairId = int.MaxValue, Answer = RespondToPair.Answer.Accept, Version = proposed.Version }, proposed.Mentor.As));
    }

    [Theory]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Hr_and_leadership_cannot_answer_for_a_pair(string role)
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var user = await app.CreateUserAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(Answer(proposed, RespondToPair.Answer.Accept), AppFactory.PrincipalFor(user, role)));

        Assert.Equal(PairResponse.Pending, (await app.SavedPairAsync(proposed.Id)).MentorResponse);
    }

    [Fact]
    public async Task An_answer_from_a_stale_page_is_refused_as_a_conflict()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        await app.ExecuteDbContextAsync(async db =>
        {
            var pair = await db.Pairs.FindAsync(proposed.Id);
            pair!.Reasons = "HR adjusted the pair";
            await db.SaveChangesAsync();
        });

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(Answer(proposed, RespondToPair.Answer.Accept), proposed.Mentor.As));

        Assert.Equal(RespondToPair.ConflictMessage, Assert.Single(refused.Failures).ErrorMessage);
        Assert.Equal(PairResponse.Pending, (await app.SavedPairAsync(proposed.Id)).MentorResponse);
    }

    [Fact]
    public async Task The_program_page_shows_the_partner_and_the_answer_buttons()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var client = await app.SignedInClientAsync(proposed.Mentor.User);

        var html = await client.GetHtmlAsync($"/Participant/Programs/{proposed.ProgramId}");

        Assert.Contains("Simon Senior", html, StringComparison.Ordinal);
        Assert.Contains("Mentee (senior)", html, StringComparison.Ordinal);
        Assert.Contains("Marketing", html, StringComparison.Ordinal);
        Assert.Contains("Europe/London", html, StringComparison.Ordinal);
        Assert.Contains("87%", html, StringComparison.Ordinal);
        Assert.Contains("teaches AI tools 4/5", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/Participant/Programs/{proposed.ProgramId}/Pairs/{proposed.Id}/Accept\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Participant/Programs/{proposed.ProgramId}/Pairs/{proposed.Id}/Decline\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_program_page_says_when_there_is_no_pair_yet()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor, "Lonely Mentor");
        await app.EnrolAsync(program, mentor, ParticipantRole.Mentor);
        var client = await app.SignedInClientAsync(mentor.User);

        var html = await client.GetHtmlAsync($"/Participant/Programs/{program.Id}");

        Assert.Contains("You have no pair yet. HR will propose one after enrolment closes.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepting_on_the_page_saves_the_answer_and_hides_the_buttons()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var client = await app.SignedInClientAsync(proposed.Mentee.User);
        var programPage = $"/Participant/Programs/{proposed.ProgramId}";

        var response = await client.PostFormAsync($"{programPage}/Pairs/{proposed.Id}/Accept",
            new() { ["Data.Version"] = proposed.Version.ToString() }, programPage);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PairResponse.Accepted, (await app.SavedPairAsync(proposed.Id)).MenteeResponse);
        var html = await client.GetHtmlAsync(programPage);
        Assert.Contains("Waiting for Maya Mentor to answer.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Accept\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_on_the_confirmation_page_saves_the_reason()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var client = await app.SignedInClientAsync(proposed.Mentor.User);
        var declinePage = $"/Participant/Programs/{proposed.ProgramId}/Pairs/{proposed.Id}/Decline";
        Assert.Contains("Decline your pair with Simon Senior?", await client.GetHtmlAsync(declinePage), StringComparison.Ordinal);

        var response = await client.PostFormAsync(declinePage, new()
        {
            ["Data.Version"] = proposed.Version.ToString(),
            ["Data.Reason"] = "We work in the same team already.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var pair = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(PairStatus.Declined, pair.Status);
        Assert.Equal("We work in the same team already.", pair.DeclineReason);
    }

    [Fact]
    public async Task A_too_long_reason_shows_next_to_the_field_on_the_decline_page()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var client = await app.SignedInClientAsync(proposed.Mentor.User);
        var declinePage = $"/Participant/Programs/{proposed.ProgramId}/Pairs/{proposed.Id}/Decline";

        var response = await client.PostFormAsync(declinePage, new()
        {
            ["Data.Version"] = proposed.Version.ToString(),
            ["Data.Reason"] = new string('x', 501),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A reason has at most 500 characters; shorten it.", HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Reason"));
        Assert.Equal(PairStatus.Proposed, (await app.SavedPairAsync(proposed.Id)).Status);
    }

    [Fact]
    public async Task Another_participant_cannot_see_someone_elses_pair()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var stranger = await app.PersonAsync(Roles.Mentee, "Nosy Senior");
        await app.EnrolAsync(proposed.Program, stranger, ParticipantRole.Mentee);
        var client = await app.SignedInClientAsync(stranger.User);

        var decline = await client.GetAsync(new Uri($"/Participant/Programs/{proposed.ProgramId}/Pairs/{proposed.Id}/Decline", UriKind.Relative));
        var programPage = await client.GetHtmlAsync($"/Participant/Programs/{proposed.ProgramId}");

        Assert.Equal(HttpStatusCode.NotFound, decline.StatusCode);
        Assert.DoesNotContain("Maya Mentor", programPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Simon Senior", programPage, StringComparison.Ordinal);
        Assert.Contains("You have no pair yet.", programPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_says_when_a_pair_waits_for_an_answer()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var mentor = await app.SignedInClientAsync(proposed.Mentor.User);
        Assert.Contains("A pair is waiting for your answer", await mentor.GetHtmlAsync("/Participant"), StringComparison.Ordinal);

        await app.SendAsync(Answer(proposed, RespondToPair.Answer.Accept), proposed.Mentor.As);

        Assert.DoesNotContain("A pair is waiting for your answer", await mentor.GetHtmlAsync("/Participant"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answering_again_on_the_page_shows_why_it_was_refused()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        var client = await app.SignedInClientAsync(proposed.Mentor.User);
        var acceptPage = $"/Participant/Programs/{proposed.ProgramId}/Pairs/{proposed.Id}/Accept";
        Assert.Contains("Accept your pair with Simon Senior?", await client.GetHtmlAsync(acceptPage), StringComparison.Ordinal);
        await app.SendAsync(Answer(proposed, RespondToPair.Answer.Accept), proposed.Mentor.As);
        var current = await app.SavedPairAsync(proposed.Id);

        var response = await client.PostFormAsync(acceptPage, new() { ["Data.Version"] = current.Version.ToString() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("You answered already.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mentor_in_group_mentoring_sees_each_of_their_pairs()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        await app.PairAsync(proposed.Program, PairStatus.Proposed, mentor: proposed.Mentor, menteeName: "Second Senior");
        var client = await app.SignedInClientAsync(proposed.Mentor.User);

        var html = await client.GetHtmlAsync($"/Participant/Programs/{proposed.ProgramId}");

        Assert.Contains(">My pairs<", html, StringComparison.Ordinal);
        Assert.Contains("Simon Senior", html, StringComparison.Ordinal);
        Assert.Contains("Second Senior", html, StringComparison.Ordinal);
    }
}
