using ReverseMentoring.Web.Features.SelfService;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.SelfService;

public sealed class RequestMentorsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Only_the_first_choice_is_sent_and_its_mentor_emailed_once()
    {
        var program = await app.SelfServiceProgramAsync(answerDays: 4);
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program, "Nora Senior");
        var (first, firstEnrolment) = await app.MentorInAsync(program);
        var (second, secondEnrolment) = await app.MentorInAsync(program);

        await app.AskAsync(program, mentee, firstEnrolment.Id, secondEnrolment.Id);

        var requests = await app.RequestsOfAsync(menteeEnrolment.Id);
        Assert.Equal([MentorRequestState.Sent, MentorRequestState.Waiting], requests.Select(r => r.State).ToList());
        Assert.Equal([firstEnrolment.Id, secondEnrolment.Id], requests.Select(r => r.MentorEnrolmentId).ToList());
        Assert.Equal(requests[0].SentAtUtc!.Value.AddDays(4), requests[0].AnswerDueAtUtc);
        var mail = Assert.Single(app.MailTo(first.Email));
        Assert.Contains("Nora Senior", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Requests/{requests[0].Id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.MailTo(second.Email));
        Assert.Equal(1, await app.OutboxCountAsync($"mentor-request-sent:{requests[0].Id}"));
    }

    [Fact]
    public async Task Bad_choices_are_refused_next_to_the_field_and_nothing_is_saved()
    {
        var program = await app.SelfServiceProgramAsync(maxRequests: 2);
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program);
        var (_, a) = await app.MentorInAsync(program);
        var (_, b) = await app.MentorInAsync(program);
        var (pausedPerson, paused) = await app.MentorInAsync(program, "Pia Paused");
        await app.SendAsync(new MentorPlaces.Command { ProgramId = program.Id, Paused = true, Version = paused.Version }, pausedPerson.As);
        var (_, banned) = await app.MentorInAsync(program);
        await app.ExecuteDbContextAsync(db =>
        {
            db.PairingRules.Add(new PairingRule { ProgramId = program.Id, MentorEnrolmentId = banned.Id, MenteeEnrolmentId = menteeEnrolment.Id, Kind = PairingRuleKind.Ban, CreatedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var elsewhere = await app.SelfServiceProgramAsync();
        var (_, otherProgramMentor) = await app.MentorInAsync(elsewhere);

        Task Ask(params int[] ids) => app.AskAsync(program, mentee, ids);
        Assert.Equal("You may ask at most 2 mentors in this program.", await TestData.RefusalAsync(() => Ask(a.Id, b.Id, paused.Id), "Choices[2]"));
        Assert.Equal(RequestMentors.TwiceMessage, await TestData.RefusalAsync(() => Ask(a.Id, a.Id), "Choices[1]"));
        Assert.Equal(RequestMentors.UnknownMentorMessage, await TestData.RefusalAsync(() => Ask(otherProgramMentor.Id), "Choices[0]"));
        Assert.Equal("Pia Paused is not taking requests at the moment; choose another mentor.", await TestData.RefusalAsync(() => Ask(a.Id, paused.Id), "Choices[1]"));
        Assert.Equal(RequestMentors.ForbiddenMentorMessage, await TestData.RefusalAsync(() => Ask(banned.Id), "Choices[0]"));
        Assert.Equal(RequestMentors.NoChoiceMessage, await TestData.RefusalAsync(
            () => app.SendAsync(new RequestMentors.Command { ProgramId = program.Id, Choices = [null] }, mentee.As), "Choices[0]"));
        Assert.Empty(await app.RequestsOfAsync(menteeEnrolment.Id));

        await Ask(a.Id);
        Assert.Equal(RequestMentors.OpenRequestsMessage, await TestData.RefusalAsync(() => Ask(b.Id), ""));
        Assert.Single(await app.RequestsOfAsync(menteeEnrolment.Id));
    }

    [Fact]
    public async Task A_paired_mentee_a_mentor_and_other_roles_cannot_request()
    {
        var program = await app.SelfServiceProgramAsync();
        var (_, mentor) = await app.MentorInAsync(program);
        var (paired, pairedEnrolment) = await app.MenteeInAsync(program);
        await app.PairAsync(program, PairStatus.Accepted, mentee: paired);
        var (mentorPerson, _) = await app.MentorInAsync(program);

        Assert.Equal(SelfServiceMatching.PairedMessage, await TestData.RefusalAsync(() => app.AskAsync(program, paired, mentor.Id), ""));
        Assert.Equal(SelfServiceMatching.NotMenteeMessage, await TestData.RefusalAsync(() => app.AskAsync(program, mentorPerson, mentor.Id), ""));
        var outsider = await app.PersonAsync(ParticipantRole.Mentee);
        await Assert.ThrowsAsync<NotFoundException>(() => app.AskAsync(program, outsider, mentor.Id));
        foreach (var role in new[] { Roles.HrCoordinator, Roles.Leadership })
        {
            var someone = await app.PersonAsync(role);
            await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.AskAsync(program, someone, mentor.Id));
        }

        Assert.Empty(await app.RequestsOfAsync(pairedEnrolment.Id));
    }

    [Fact]
    public async Task The_mentee_withdraws_their_open_requests_and_nobody_else_can()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program);
        var (_, a) = await app.MentorInAsync(program);
        var (_, b) = await app.MentorInAsync(program);
        await app.AskAsync(program, mentee, a.Id, b.Id);
        var (another, _) = await app.MenteeInAsync(program);

        Assert.Equal(WithdrawMentorRequests.NothingOpenMessage,
            await TestData.RefusalAsync(() => app.SendAsync(new WithdrawMentorRequests.Command { ProgramId = program.Id }, another.As), ""));
        Assert.All(await app.RequestsOfAsync(menteeEnrolment.Id), r => Assert.True(r.IsOpen));

        Assert.Equal(2, await app.SendAsync(new WithdrawMentorRequests.Command { ProgramId = program.Id }, mentee.As));

        Assert.All(await app.RequestsOfAsync(menteeEnrolment.Id), r => Assert.Equal(MentorRequestState.Withdrawn, r.State));
    }

    [Fact]
    public async Task Tampered_choices_on_the_form_get_a_400_not_a_500()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, _) = await app.MenteeInAsync(program);
        await app.MentorInAsync(program);
        var client = await app.SignedInClientAsync(mentee.User);
        var url = $"/Participant/Programs/{program.Id}/Requests";

        foreach (var value in new[] { "abc", "-1", "999999999", "<script>alert(1)</script>" })
        {
            using var response = await client.PostFormAsync(url, new() { ["Data.Choices[0]"] = value });
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
