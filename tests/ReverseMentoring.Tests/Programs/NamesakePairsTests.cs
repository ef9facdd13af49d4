using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairs;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

/// <summary>Two pairs of namesakes are told apart on HR's pairs list by each person's e-mail address.</summary>
public sealed class NamesakePairsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Pairs_of_namesakes_show_each_persons_email()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running, name: Unique("Namesakes"));
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var first = await app.PairAsync(program, mentorName: "Taylor Jensen", menteeName: "Avery Clarke");
        var second = await app.PairAsync(program, mentorName: "Taylor Jensen", menteeName: "Avery Clarke");

        var list = await app.SendAsync(new ProgramPairs.Query(program.Id, 1, null), hr.As);
        Assert.Equal(
            new[] { first, second }.Select(p => (p.Id, p.Mentor.User.Email, p.Mentee.User.Email)).Order(),
            list.Pairs.Select(r => (r.Id, (string?)r.MentorEmail, (string?)r.MenteeEmail)).Order());

        var client = await app.SignedInClientAsync(hr.User);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/Programs/{program.Id}/Pairs", UriKind.Relative)));
        Assert.All(new[] { first, second }, pair =>
        {
            Assert.Contains(pair.Mentor.User.Email!, page, StringComparison.Ordinal);
            Assert.Contains(pair.Mentee.User.Email!, page, StringComparison.Ordinal);
        });
    }
}
