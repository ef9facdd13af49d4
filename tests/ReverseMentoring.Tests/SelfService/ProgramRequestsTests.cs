using ReverseMentoring.Web.Features.SelfService;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.SelfService;

public sealed class ProgramRequestsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Hr_sees_the_requests_by_state_and_participants_and_leaders_may_not()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, _) = await app.MenteeInAsync(program, "Rita Requesting");
        var (mentor, a) = await app.MentorInAsync(program);
        var (_, b) = await app.MentorInAsync(program);
        await app.AskAsync(program, mentee, a.Id, b.Id);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var seen = await app.SendAsync(new ProgramRequests.Query(program.Id), hr.As);

        Assert.Equal(1, seen.Counts[MentorRequestState.Sent]);
        Assert.Equal(1, seen.Counts[MentorRequestState.Waiting]);
        Assert.Equal(2, seen.Total);
        Assert.All(seen.Rows, r => Assert.Equal("Rita Requesting", r.MenteeName));
        foreach (var someone in new[] { mentee, mentor, await app.PersonAsync(Roles.Leadership) })
        {
            await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProgramRequests.Query(program.Id), someone.As));
        }
    }
}
