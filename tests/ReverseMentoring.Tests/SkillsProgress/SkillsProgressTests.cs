using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Skills;
using ReverseMentoring.Web.Infrastructure;
using Progress = ReverseMentoring.Web.Features.Skills.SkillsProgress;

namespace ReverseMentoring.Tests.SkillsProgress;

public sealed class SkillsProgressTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<List<SkillRating>> RatingsAsync(int pairId) =>
        app.ExecuteDbContextAsync(db => db.SkillRatings.AsNoTracking().Where(r => r.PairId == pairId).OrderBy(r => r.SkillId).ThenBy(r => r.Stage).ToListAsync());

    private async Task<RateSkills.Command> RateAllAsync(TestPair pair, SkillRatingStage stage, int aiTools, int socialMedia) => new()
    {
        PairId = pair.Id,
        Stage = stage,
        Ratings = [new() { SkillId = await app.SkillIdAsync("AI tools"), Level = aiTools }, new() { SkillId = await app.SkillIdAsync("Social media"), Level = socialMedia }],
    };

    private Task EndAsync(TestPair pair) =>
        app.ExecuteDbContextAsync(async db =>
        {
            var saved = await db.Pairs.SingleAsync(p => p.Id == pair.Id);
            saved.End(pair.Mentor.User.Id, PairEnding.Completed, null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task The_skills_in_play_are_those_the_mentor_teaches_and_the_mentee_wants()
    {
        var pair = await app.PairAsync();
        await app.ExecuteDbContextAsync(async db =>
        {
            // The mentee also wants a skill the mentor cannot teach: it is not in play while they share others.
            var extra = await db.Skills.Where(s => s.Name != "AI tools" && s.Name != "Social media").Select(s => s.Id).FirstAsync();
            db.EnrolmentSkills.Add(new EnrolmentSkill { EnrolmentId = pair.MenteeEnrolmentId, SkillId = extra, Direction = SkillDirection.Learn, Level = 1 });
            await db.SaveChangesAsync();
        });

        var progress = await app.SendAsync(new Progress.Query(pair.Id), pair.Mentee.As);

        Assert.Equal(["AI tools", "Social media"], progress.Skills.Select(s => s.Name).ToList());
        Assert.Equal(SkillRatingStage.Start, progress.OpenStage);
        Assert.Equal("Maya Mentor", progress.PartnerName);
    }

    [Fact]
    public async Task Without_shared_skills_the_mentees_wishes_are_in_play()
    {
        var pair = await app.PairAsync();
        await app.ExecuteDbContextAsync(async db =>
        {
            var teach = await db.EnrolmentSkills.Where(s => s.EnrolmentId == pair.MentorEnrolmentId && s.Skill!.Name == "Social media").SingleAsync();
            db.EnrolmentSkills.Remove(teach);
            var aiTools = await db.EnrolmentSkills.Where(s => s.EnrolmentId == pair.MenteeEnrolmentId && s.Skill!.Name == "AI tools").SingleAsync();
            db.EnrolmentSkills.Remove(aiTools);
            await db.SaveChangesAsync();
        });

        var progress = await app.SendAsync(new Progress.Query(pair.Id), pair.Mentee.As);

        Assert.Equal(["Social media"], progress.Skills.Select(s => s.Name).ToList());
    }

    [Fact]
    public async Task The_mentee_rates_at_the_start_can_rate_again_in_the_first_days_and_sees_their_before_and_after()
    {
        // The start may change only in the pair's first 14 days; the mentor rates their own growth, not the skills.
        var pair = await app.PairAsync(acceptedAtUtc: DateTime.UtcNow.AddDays(-5));
        await app.SendAsync(await RateAllAsync(pair, SkillRatingStage.Start, 2, 3), pair.Mentee.As);
        await app.SendAsync(await RateAllAsync(pair, SkillRatingStage.Start, 1, 3), pair.Mentee.As);
        await Assert.ThrowsAsync<RequestValidationException>(async () => await app.SendAsync(await RateAllAsync(pair, SkillRatingStage.Start, 5, 5), pair.Mentor.As));
        await EndAsync(pair);
        await app.SendAsync(await RateAllAsync(pair, SkillRatingStage.End, 4, 3), pair.Mentee.As);

        var ratings = await RatingsAsync(pair.Id);
        Assert.Equal(4, ratings.Count);
        var mentee = ratings.Where(r => r.EnrolmentId == pair.MenteeEnrolmentId).OrderBy(r => r.SkillId).ThenBy(r => r.Stage).ToList();
        Assert.Equal([(SkillRatingStage.Start, 1), (SkillRatingStage.End, 4), (SkillRatingStage.Start, 3), (SkillRatingStage.End, 3)],
            mentee.Select(r => (r.Stage, r.Level)).ToList());
        Assert.All(mentee, r => Assert.Equal((ParticipantRole.Mentee, pair.ProgramId), (r.Role, r.ProgramId)));
        var progress = await app.SendAsync(new Progress.Query(pair.Id), pair.Mentee.As);
        Assert.Equal([("AI tools", (int?)1, (int?)4), ("Social media", 3, 3)], progress.Skills.Select(s => (s.Name, s.Before, s.After)).ToList());
        Assert.Equal(SkillRatingStage.End, progress.OpenStage);
        var page = await (await app.SignedInClientAsync(pair.Mentee.User)).GetHtmlAsync($"/Participant/Skills/Progress/{pair.Id}");
        Assert.Contains("4 (up 3)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("5 (expert)</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_end_is_rated_only_once_the_pair_has_ended_and_the_start_only_before()
    {
        var pair = await app.PairAsync();

        var tooEarly = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAllAsync(pair, SkillRatingStage.End, 4, 4), pair.Mentee.As));
        await EndAsync(pair);
        var tooLate = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAllAsync(pair, SkillRatingStage.Start, 1, 1), pair.Mentee.As));

        Assert.Equal("You rate where you ended up once the pair has ended.", Assert.Single(tooEarly.Failures).ErrorMessage);
        Assert.StartsWith("This pair has ended", Assert.Single(tooLate.Failures).ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await RatingsAsync(pair.Id));
    }

    [Fact]
    public async Task A_proposed_pair_cannot_be_rated_yet()
    {
        var pair = await app.PairAsync();
        await app.ExecuteDbContextAsync(async db =>
        {
            // No move leads back to proposed: the row is written as it would be stored.
            var saved = await db.Pairs.SingleAsync(p => p.Id == pair.Id);
            db.Entry(saved).Property(p => p.Status).CurrentValue = PairStatus.Proposed;
            await db.SaveChangesAsync();
        });

        var refused = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAllAsync(pair, SkillRatingStage.Start, 1, 1), pair.Mentor.As));

        Assert.Equal("You rate your starting levels once both of you have accepted the pair.", Assert.Single(refused.Failures).ErrorMessage);
        Assert.Empty(await RatingsAsync(pair.Id));
    }

    [Fact]
    public async Task Every_skill_needs_a_level_from_1_to_5()
    {
        var pair = await app.PairAsync();
        var client = await app.SignedInClientAsync(pair.Mentee.User);
        var url = $"/Participant/Skills/Progress/{pair.Id}";
        var aiTools = (await app.SkillIdAsync("AI tools")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var social = (await app.SkillIdAsync("Social media")).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var missing = await client.PostFormAsync(url, new()
        {
            ["Data.Stage"] = "Start", ["Data.Ratings[0].SkillId"] = aiTools, ["Data.Ratings[0].Level"] = "3", ["Data.Ratings[1].SkillId"] = social,
        });
        var outOfRange = await client.PostFormAsync(url, new()
        {
            ["Data.Stage"] = "Start", ["Data.Ratings[0].SkillId"] = aiTools, ["Data.Ratings[0].Level"] = "9", ["Data.Ratings[1].SkillId"] = social, ["Data.Ratings[1].Level"] = "2",
        });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Rate Social media from 1 (novice) to 5 (expert).", HttpClientForms.FieldError(await missing.Content.ReadAsStringAsync(), "Data.Ratings[1].Level"));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal("Choose a level from 1 (novice) to 5 (expert).", HttpClientForms.FieldError(await outOfRange.Content.ReadAsStringAsync(), "Data.Ratings[0].Level"));
        Assert.Empty(await RatingsAsync(pair.Id));
    }

    [Fact]
    public async Task A_skill_not_in_play_is_refused()
    {
        var pair = await app.PairAsync();
        var command = await RateAllAsync(pair, SkillRatingStage.Start, 2, 2);
        var other = await app.ExecuteDbContextAsync(db => db.Skills.Where(s => s.Name != "AI tools" && s.Name != "Social media").Select(s => s.Id).FirstAsync());
        command.Ratings.Add(new RateSkills.Item { SkillId = other, Level = 3 });

        await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, pair.Mentee.As));

        Assert.Empty(await RatingsAsync(pair.Id));
    }

    [Fact]
    public async Task Someone_outside_the_pair_gets_not_found_and_other_roles_are_refused()
    {
        var pair = await app.PairAsync();
        var stranger = await app.PairAsync();
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new Progress.Query(pair.Id), stranger.Mentor.As));
        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(await RateAllAsync(pair, SkillRatingStage.Start, 1, 1), stranger.Mentee.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new Progress.Query(pair.Id), hr));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new MyPairsProgress.Query(), hr));
        var client = await app.SignedInClientAsync(stranger.Mentor.User);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/Participant/Skills/Progress/{pair.Id}", UriKind.Relative))).StatusCode);
        Assert.Empty(await RatingsAsync(pair.Id));
    }

    [Fact]
    public async Task My_skills_progress_lists_my_confirmed_pairs()
    {
        var pair = await app.PairAsync();

        var mine = await app.SendAsync(new MyPairsProgress.Query(), pair.Mentee.As);

        var row = Assert.Single(mine);
        Assert.Equal((pair.Id, "Maya Mentor"), (row.PairId, row.PartnerName));
        var page = await (await app.SignedInClientAsync(pair.Mentee.User)).GetHtmlAsync("/Participant/Skills");
        Assert.Contains($"/Participant/Skills/Progress/{pair.Id}", page, StringComparison.Ordinal);
        var program = await (await app.SignedInClientAsync(pair.Mentee.User)).GetHtmlAsync($"/Participant/Programs/{pair.ProgramId}");
        Assert.Contains($"/Participant/EndPair/{pair.Id}", program, StringComparison.Ordinal);
    }
}
