using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.SelfService;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.SelfService;

public sealed class AnswerRequestTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Accepting_confirms_the_pair_withdraws_the_other_choices_and_emails_both_once()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program);
        var (mentor, first) = await app.MentorInAsync(program);
        var (_, second) = await app.MentorInAsync(program);
        await app.AskAsync(program, mentee, first.Id, second.Id);
        var sent = (await app.RequestsOfAsync(menteeEnrolment.Id))[0];

        Assert.Equal(AnswerRequest.Outcome.Accepted, await app.AnswerAsync(sent, mentor, AnswerRequest.Answer.Accept));

        var pair = Assert.Single(await app.PairsOfAsync(program.Id));
        Assert.Equal((PairStatus.Accepted, first.Id, menteeEnrolment.Id), (pair.Status, pair.MentorEnrolmentId, pair.MenteeEnrolmentId));
        Assert.Equal((PairResponse.Accepted, PairResponse.Accepted), (pair.MentorResponse, pair.MenteeResponse));
        Assert.NotNull(pair.AcceptedAtUtc);
        Assert.Equal([MentorRequestState.Accepted, MentorRequestState.Withdrawn], (await app.RequestsOfAsync(menteeEnrolment.Id)).Select(r => r.State).ToList());
        Assert.Single(app.MailTo(mentee.Email), m => (m.Subject ?? "").Contains("Your pair is confirmed", StringComparison.Ordinal));
        Assert.Single(app.MailTo(mentor.Email), m => (m.Subject ?? "").Contains("Your pair is confirmed", StringComparison.Ordinal));
        Assert.Equal(2, await app.OutboxCountAsync($"mentor-request-accepted:{sent.Id}:"));
    }

    [Fact]
    public async Task Declining_sends_the_next_choice_and_the_last_decline_asks_the_mentee_to_browse_again()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program);
        var (firstMentor, first) = await app.MentorInAsync(program);
        var (secondMentor, second) = await app.MentorInAsync(program, "Second Choice");
        await app.AskAsync(program, mentee, first.Id, second.Id);
        var requests = await app.RequestsOfAsync(menteeEnrolment.Id);

        Assert.Equal(AnswerRequest.Outcome.Declined, await app.AnswerAsync(requests[0], firstMentor, AnswerRequest.Answer.Decline, "Too busy this quarter"));

        requests = await app.RequestsOfAsync(menteeEnrolment.Id);
        Assert.Equal([MentorRequestState.Declined, MentorRequestState.Sent], requests.Select(r => r.State).ToList());
        Assert.Equal("Too busy this quarter", requests[0].DeclineReason);
        Assert.Single(app.MailTo(secondMentor.Email));
        var told = Assert.Single(app.MailTo(mentee.Email));
        Assert.Contains("Second Choice", told.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Too busy", told.TextBody, StringComparison.Ordinal);

        await app.AnswerAsync(requests[1], secondMentor, AnswerRequest.Answer.Decline);

        Assert.Contains(app.MailTo(mentee.Email), m => (m.Subject ?? "").StartsWith("Choose another mentor", StringComparison.Ordinal));
        Assert.Empty(await app.PairsOfAsync(program.Id));
    }

    [Fact]
    public async Task Answering_twice_after_the_deadline_or_someone_elses_request_is_refused()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program);
        var (mentor, enrolment) = await app.MentorInAsync(program);
        var (otherMentor, _) = await app.MentorInAsync(program);
        await app.AskAsync(program, mentee, enrolment.Id);
        var request = (await app.RequestsOfAsync(menteeEnrolment.Id))[0];

        await Assert.ThrowsAsync<NotFoundException>(() => app.AnswerAsync(request, otherMentor, AnswerRequest.Answer.Accept));
        await Assert.ThrowsAsync<NotFoundException>(() => app.AnswerAsync(request, mentee, AnswerRequest.Answer.Accept));
        foreach (var role in new[] { Roles.HrCoordinator, Roles.Leadership })
        {
            var someone = await app.PersonAsync(role);
            await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.AnswerAsync(request, someone, AnswerRequest.Answer.Accept));
        }

        Assert.Equal(AnswerRequest.ConflictMessage, await TestData.RefusalAsync(
            () => app.SendAsync(new AnswerRequest.Command { RequestId = request.Id, Answer = AnswerRequest.Answer.Accept, Version = Guid.NewGuid() }, mentor.As), ""));

        await app.ExecuteDbContextAsync(db => db.MentorRequests.Where(r => r.Id == request.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.AnswerDueAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Contains("time to answer", await TestData.RefusalAsync(() => app.AnswerAsync(request, mentor, AnswerRequest.Answer.Accept), ""), StringComparison.Ordinal);
        Assert.Empty(await app.PairsOfAsync(program.Id));

        await app.ExecuteDbContextAsync(db => db.MentorRequests.Where(r => r.Id == request.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.AnswerDueAtUtc, DateTime.UtcNow.AddDays(1))));
        request = (await app.RequestsOfAsync(menteeEnrolment.Id))[0];
        await app.AnswerAsync(request, mentor, AnswerRequest.Answer.Decline);
        request = (await app.RequestsOfAsync(menteeEnrolment.Id))[0];
        Assert.Equal("You answered this request already.", await TestData.RefusalAsync(() => app.AnswerAsync(request, mentor, AnswerRequest.Answer.Accept), ""));
        Assert.Empty(await app.PairsOfAsync(program.Id));
    }

    [Fact]
    public async Task A_mentor_accepting_two_requests_at_once_with_one_place_left_makes_one_pair_and_passes_the_other_on()
    {
        var program = await app.SelfServiceProgramAsync(capacity: 1);
        var (mentor, enrolment) = await app.MentorInAsync(program);
        var (_, fallback) = await app.MentorInAsync(program);
        var (menteeA, a) = await app.MenteeInAsync(program);
        var (menteeB, b) = await app.MenteeInAsync(program);
        await app.AskAsync(program, menteeA, enrolment.Id, fallback.Id);
        await app.AskAsync(program, menteeB, enrolment.Id, fallback.Id);
        var requestA = (await app.RequestsOfAsync(a.Id))[0];
        var requestB = (await app.RequestsOfAsync(b.Id))[0];

        var outcomes = await Task.WhenAll(new[] { requestA, requestB }.Select(r => Task.Run(async () =>
        {
            try
            {
                return (await app.AnswerAsync(r, mentor, AnswerRequest.Answer.Accept)).ToString();
            }
            catch (RequestValidationException refused)
            {
                return refused.Failures.Single().ErrorMessage;
            }
            catch (Exception busy) when (busy is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
            {
                // SQLite lets one writer in at a time; a writer that gives up has saved nothing.
                return "busy";
            }
        })));

        Assert.Single(outcomes, o => o == nameof(AnswerRequest.Outcome.Accepted));
        var pair = Assert.Single(await app.PairsOfAsync(program.Id), p => p.MentorEnrolmentId == enrolment.Id);
        var loser = pair.MenteeEnrolmentId == a.Id ? b : a;
        var loserRequests = await app.RequestsOfAsync(loser.Id);
        if (outcomes.Contains(nameof(AnswerRequest.Outcome.PassedOnFull)))
        {
            Assert.Equal([MentorRequestState.Declined, MentorRequestState.Sent], loserRequests.Select(r => r.State).ToList());
        }
        else
        {
            // The loser's answer saved nothing; answering it again now finds no place and passes it on.
            Assert.Equal(MentorRequestState.Sent, loserRequests[0].State);
            Assert.Equal(AnswerRequest.Outcome.PassedOnFull, await app.AnswerAsync(loserRequests[0], mentor, AnswerRequest.Answer.Accept));
            Assert.Equal(MentorRequestState.Sent, (await app.RequestsOfAsync(loser.Id))[1].State);
        }

        Assert.Single(await app.PairsOfAsync(program.Id));
    }
}
