using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Skills;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Skills;

public sealed class FutureLeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task EndAsync(TestPair pair) =>
        app.ExecuteDbContextAsync(async db =>
        {
            var saved = await db.Pairs.SingleAsync(p => p.Id == pair.Id);
            saved.End(pair.Mentee.User.Id, PairEnding.Completed, null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

    private Task<int> RatingsOfAsync(int pairId) => app.ExecuteDbContextAsync(db => db.LeadershipTraitRatings.CountAsync(r => r.PairId == pairId));

    [Fact]
    public async Task The_mentee_rates_the_mentor_once_at_the_end_and_nobody_else_can()
    {
        var pair = await app.PairAsync();
        var rating = new RateMentor.Command { PairId = pair.Id, Coaching = 5, Clarity = 4, Initiative = 3, Comment = "Clear and patient." };

        var beforeEnd = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(rating, pair.Mentee.As));
        await EndAsync(pair);
        var byMentor = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(rating, pair.Mentor.As));
        var stranger = await app.PairAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(rating, stranger.Mentee.As));
        var outOfRange = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new RateMentor.Command { PairId = pair.Id, Coaching = 6 }, pair.Mentee.As));
        Assert.Equal(0, await RatingsOfAsync(pair.Id));

        await app.SendAsync(rating, pair.Mentee.As);
        var again = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(rating, pair.Mentee.As));

        Assert.Equal("You rate your mentor's coaching, clarity, patience and initiative once the pair has ended.", Assert.Single(beforeEnd.Failures).ErrorMessage);
        Assert.Equal("Only the mentee rates the mentor's coaching, clarity, patience and initiative.", Assert.Single(byMentor.Failures).ErrorMessage);
        Assert.Equal("Choose from 1 (low) to 5 (high), or leave it empty.", Assert.Single(outOfRange.Failures).ErrorMessage);
        Assert.Equal("You rated your mentor already; the rating is kept as given.", Assert.Single(again.Failures).ErrorMessage);
        var saved = await app.ExecuteDbContextAsync(db => db.LeadershipTraitRatings.AsNoTracking().SingleAsync(r => r.PairId == pair.Id));
        Assert.Equal((5, 4, (int?)null, 3, "Clear and patient.", pair.MentorEnrolmentId), (saved.Coaching, saved.Clarity, saved.Patience, saved.Initiative, saved.Comment, saved.MentorEnrolmentId));
    }

    [Fact]
    public async Task Both_sides_are_told_beforehand_on_the_skills_page()
    {
        var pair = await app.PairAsync();

        var mentor = await (await app.SignedInClientAsync(pair.Mentor.User)).GetHtmlAsync($"/Participant/Skills/Progress/{pair.Id}");
        var mentee = await (await app.SignedInClientAsync(pair.Mentee.User)).GetHtmlAsync($"/Participant/Skills/Progress/{pair.Id}");

        Assert.Contains("At the end, your mentee may rate your coaching, clarity, patience and initiative", mentor, StringComparison.Ordinal);
        Assert.Contains("HR sees these ratings", mentor, StringComparison.Ordinal);
        Assert.Contains("you may rate your mentor", mentee, StringComparison.Ordinal);
        Assert.Contains("coaching, clarity, patience and initiative (1 to 5 each, all optional), once. HR sees these ratings", mentee, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_talent_view_averages_each_juniors_ratings_across_pairs_and_programs_for_hr_only()
    {
        var junior = await app.PersonAsync(Roles.Mentor, "Tara Talent");
        var first = await app.PairAsync(mentor: junior);
        var second = await app.PairAsync(mentor: junior);
        await EndAsync(first);
        await EndAsync(second);
        await app.SendAsync(new RateMentor.Command { PairId = first.Id, Coaching = 5, Clarity = 5, Patience = 4, Initiative = 4 }, first.Mentee.As);
        await app.SendAsync(new RateMentor.Command { PairId = second.Id, Coaching = 3 }, second.Mentee.As);

        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var view = await app.SendAsync(new Talent.Query(1, Talent.ByName), hr.As);

        // First rating: (5 + 5 + 4 + 4) / 4 = 4.5; second: 3 (the only trait given). Average (4.5 + 3) / 2 = 3.75, two programs.
        var row = Assert.Single(view.Rows, r => r.UserId == junior.User.Id);
        Assert.Equal((3.75, 2, 2), (row.Average, row.Ratings, row.Programs));
        Assert.Equal([first.Id, second.Id], row.Pairs.Select(p => p.PairId).Order().ToList());
        var page = await (await app.SignedInClientAsync(hr.User)).GetHtmlAsync("/Talent?sort=name");
        Assert.Contains($"/Programs/{first.ProgramId}/Pairs/{first.Id}", page, StringComparison.Ordinal);
        Assert.Contains("3.75", page, StringComparison.Ordinal);

        foreach (var role in new[] { Roles.Leadership, Roles.Mentor, Roles.Mentee })
        {
            var person = await app.PersonAsync(role);
            await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new Talent.Query(), person.As));
            var response = await (await app.SignedInClientAsync(person.User)).GetAsync(new Uri("/Talent", UriKind.Relative));
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Redirect });
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
