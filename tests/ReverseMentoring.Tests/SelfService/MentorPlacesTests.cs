using ReverseMentoring.Web.Features.SelfService;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.SelfService;

public sealed class MentorPlacesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Pausing_passes_requests_on_and_hides_the_mentor()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program);
        var (mentor, enrolment) = await app.MentorInAsync(program);
        var (nextMentor, next) = await app.MentorInAsync(program);
        await app.AskAsync(program, mentee, enrolment.Id, next.Id);

        await app.SendAsync(new MentorPlaces.Command { ProgramId = program.Id, Paused = true, Version = enrolment.Version }, mentor.As);

        var requests = await app.RequestsOfAsync(menteeEnrolment.Id);
        Assert.Equal([MentorRequestState.Declined, MentorRequestState.Sent], requests.Select(r => r.State).ToList());
        Assert.Equal(MentorRequest.MentorUnavailableReason, requests[0].DeclineReason);
        Assert.Single(app.MailTo(nextMentor.Email));
        var (browsing, _) = await app.MenteeInAsync(program);
        var shown = await app.SendAsync(new BrowseMentors.Query(program.Id), browsing.As);
        Assert.DoesNotContain(shown.Mentors, m => m.EnrolmentId == enrolment.Id);
    }

    [Fact]
    public async Task A_capacity_above_the_programs_or_a_stale_form_is_refused_and_a_mentee_cannot_set_places()
    {
        var program = await app.SelfServiceProgramAsync(capacity: 2);
        var (mentor, enrolment) = await app.MentorInAsync(program);
        var (mentee, _) = await app.MenteeInAsync(program);

        Assert.Equal("The program allows at most 2 mentees for each mentor.", await TestData.RefusalAsync(
            () => app.SendAsync(new MentorPlaces.Command { ProgramId = program.Id, OwnCapacity = 3, Version = enrolment.Version }, mentor.As), "OwnCapacity"));
        Assert.NotNull(await TestData.RefusalAsync(
            () => app.SendAsync(new MentorPlaces.Command { ProgramId = program.Id, OwnCapacity = 0, Version = enrolment.Version }, mentor.As), "OwnCapacity"));
        Assert.Equal(MentorPlaces.NotMentorMessage, await TestData.RefusalAsync(
            () => app.SendAsync(new MentorPlaces.Command { ProgramId = program.Id, OwnCapacity = 1, Version = enrolment.Version }, mentee.As), ""));
        Assert.Null((await app.SavedEnrolmentAsync(program.Id, mentor.Id))!.OwnCapacity);

        await app.SendAsync(new MentorPlaces.Command { ProgramId = program.Id, OwnCapacity = 1, Version = enrolment.Version }, mentor.As);
        Assert.Equal(1, (await app.SavedEnrolmentAsync(program.Id, mentor.Id))!.OwnCapacity);
        Assert.Equal(MentorPlaces.ConflictMessage, await TestData.RefusalAsync(
            () => app.SendAsync(new MentorPlaces.Command { ProgramId = program.Id, Paused = true, Version = enrolment.Version }, mentor.As), ""));
        Assert.False((await app.SavedEnrolmentAsync(program.Id, mentor.Id))!.IsPaused);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new MentorPlaces.Query(program.Id), hr.As));
    }
}
