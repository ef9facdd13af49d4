using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Audit;
using ReverseMentoring.Web.Features.Skills;
using ReverseMentoring.Web.Infrastructure;
using Progress = ReverseMentoring.Web.Features.Skills.SkillsProgress;

namespace ReverseMentoring.Tests.Skills;

public sealed class SkillStageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<List<SkillRating>> RatingsAsync(int pairId) =>
        app.ExecuteDbContextAsync(db => db.SkillRatings.AsNoTracking().Where(r => r.PairId == pairId).OrderBy(r => r.SkillId).ThenBy(r => r.Stage).ToListAsync());

    private async Task<RateSkills.Command> RateAsync(TestPair pair, SkillRatingStage stage, int aiTools, int socialMedia) => new()
    {
        PairId = pair.Id,
        Stage = stage,
        Ratings = [new() { SkillId = await app.SkillIdAsync("AI tools"), Level = aiTools }, new() { SkillId = await app.SkillIdAsync("Social media"), Level = socialMedia }],
    };

    /// <summary>A pair accepted 100 days ago in a program that ends in 20 days: half way (day 60) is past.</summary>
    private async Task<TestPair> PastHalfWayAsync()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var program = await app.ProgramAsync(ProgramStatus.Running, startsOn: today.AddDays(-101), endsOn: today.AddDays(20));
        return await app.PairAsync(program, acceptedAtUtc: DateTime.UtcNow.AddDays(-100));
    }

    private Task EndAsync(TestPair pair) =>
        app.ExecuteDbContextAsync(async db =>
        {
            var saved = await db.Pairs.SingleAsync(p => p.Id == pair.Id);
            saved.End(pair.Mentee.User.Id, PairEnding.Completed, null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task The_baseline_changes_within_14_days_are_audited_old_to_new()
    {
        var pair = await app.PairAsync(acceptedAtUtc: DateTime.UtcNow.AddDays(-3));

        await app.SendAsync(await RateAsync(pair, SkillRatingStage.Start, 2, 3), pair.Mentee.As);
        await app.SendAsync(await RateAsync(pair, SkillRatingStage.Start, 1, 3), pair.Mentee.As);

        var aiTools = await app.SkillIdAsync("AI tools");
        var rating = (await RatingsAsync(pair.Id)).Single(r => r.SkillId == aiTools);
        Assert.Equal((SkillRatingStage.Start, 1), (rating.Stage, rating.Level));
        var changes = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(SkillRating) && a.EntityId == rating.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["Added", "Modified"], changes.Select(c => c.Action).ToList());
        var level = JsonDocument.Parse(changes[1].Changes).RootElement.GetProperty("Level");
        Assert.Equal((2, 1), (level.GetProperty("Before").GetInt32(), level.GetProperty("After").GetInt32()));

        // The social media rating did not change, so it has no "Modified" entry.
        var social = (await RatingsAsync(pair.Id)).Single(r => r.SkillId != aiTools);
        Assert.False(await app.ExecuteDbContextAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Entity == nameof(SkillRating) && a.EntityId == social.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Modified")));

        // The audit log names the record and its fields in words.
        Assert.Equal("Skill rating", AuditWording.Record(nameof(SkillRating)));
        Assert.Equal("Skill", AuditWording.Field(nameof(SkillRating.SkillId)));
        Assert.Equal("Rated at", AuditWording.Field(nameof(SkillRating.RatedAtUtc)));
    }

    [Fact]
    public async Task The_baseline_cannot_be_overwritten_after_14_days()
    {
        var pair = await app.PairAsync(acceptedAtUtc: DateTime.UtcNow.AddDays(-20));
        await app.SkillRatingAsync(pair, ParticipantRole.Mentee, await app.SkillIdAsync("AI tools"), SkillRatingStage.Start, 1);
        await app.SkillRatingAsync(pair, ParticipantRole.Mentee, await app.SkillIdAsync("Social media"), SkillRatingStage.Start, 2);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAsync(pair, SkillRatingStage.Start, 4, 4), pair.Mentee.As));

        Assert.StartsWith("Your starting levels could change only in the first 14 days", Assert.Single(refused.Failures).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([1, 2], (await RatingsAsync(pair.Id)).OrderBy(r => r.Level).Select(r => r.Level).ToList());
        var progress = await app.SendAsync(new Progress.Query(pair.Id), pair.Mentee.As);
        Assert.NotNull(progress.Refusal);
        var page = await (await app.SignedInClientAsync(pair.Mentee.User)).GetHtmlAsync($"/Participant/Skills/Progress/{pair.Id}");
        Assert.DoesNotContain("Rate your levels now", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Half_way_opens_at_the_midpoint_and_is_given_once()
    {
        var early = await app.PairAsync(acceptedAtUtc: DateTime.UtcNow.AddDays(-2));
        var tooEarly = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAsync(early, SkillRatingStage.Mid, 3, 3), early.Mentee.As));
        Assert.StartsWith("The half-way rating opens on", Assert.Single(tooEarly.Failures).ErrorMessage, StringComparison.Ordinal);

        var pair = await PastHalfWayAsync();
        var progress = await app.SendAsync(new Progress.Query(pair.Id), pair.Mentee.As);
        Assert.Equal(SkillRatingStage.Mid, progress.OpenStage);
        var page = await (await app.SignedInClientAsync(pair.Mentee.User)).GetHtmlAsync($"/Participant/Skills/Progress/{pair.Id}");
        Assert.Contains("Rate your levels now, half way", page, StringComparison.Ordinal);
        Assert.DoesNotContain("at the start</h2>", page, StringComparison.Ordinal);

        await app.SendAsync(await RateAsync(pair, SkillRatingStage.Mid, 3, 4), pair.Mentee.As);
        var again = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAsync(pair, SkillRatingStage.Mid, 5, 5), pair.Mentee.As));
        var lateStart = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAsync(pair, SkillRatingStage.Start, 1, 1), pair.Mentee.As));

        Assert.Equal("You gave your half-way rating already; it is kept as given.", Assert.Single(again.Failures).ErrorMessage);
        Assert.StartsWith("The half-way rating is open now", Assert.Single(lateStart.Failures).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([(SkillRatingStage.Mid, 3), (SkillRatingStage.Mid, 4)], (await RatingsAsync(pair.Id)).Select(r => (r.Stage, r.Level)).Order().ToList());
    }

    [Fact]
    public async Task The_end_opens_when_the_pair_ends_and_is_given_once()
    {
        var pair = await PastHalfWayAsync();
        var tooEarly = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAsync(pair, SkillRatingStage.End, 4, 4), pair.Mentee.As));
        await EndAsync(pair);

        await app.SendAsync(await RateAsync(pair, SkillRatingStage.End, 4, 5), pair.Mentee.As);
        var again = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAsync(pair, SkillRatingStage.End, 1, 1), pair.Mentee.As));
        var lateMid = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await app.SendAsync(await RateAsync(pair, SkillRatingStage.Mid, 1, 1), pair.Mentee.As));

        Assert.Equal("You rate where you ended up once the pair has ended.", Assert.Single(tooEarly.Failures).ErrorMessage);
        Assert.Equal("You gave your rating at the end already; it is kept as given.", Assert.Single(again.Failures).ErrorMessage);
        Assert.NotNull(Assert.Single(lateMid.Failures).ErrorMessage);
        Assert.Equal([4, 5], (await RatingsAsync(pair.Id)).Select(r => r.Level).Order().ToList());
    }

    [Fact]
    public async Task The_end_opens_when_the_program_closes()
    {
        var pair = await PastHalfWayAsync();
        await app.ExecuteDbContextAsync(async db =>
        {
            var program = await db.Programs.SingleAsync(p => p.Id == pair.ProgramId);
            program.Status = ProgramStatus.Closed;
            await db.SaveChangesAsync();
        });

        var progress = await app.SendAsync(new Progress.Query(pair.Id), pair.Mentee.As);
        await app.SendAsync(await RateAsync(pair, SkillRatingStage.End, 4, 4), pair.Mentee.As);

        Assert.Equal(SkillRatingStage.End, progress.OpenStage);
        Assert.Equal(2, (await RatingsAsync(pair.Id)).Count(r => r.Stage == SkillRatingStage.End));
    }

    [Fact]
    public async Task Bad_input_is_refused_and_nothing_is_saved()
    {
        var pair = await app.PairAsync(acceptedAtUtc: DateTime.UtcNow.AddDays(-1));
        var stranger = await app.PairAsync();

        var outOfRange = await RateAsync(pair, SkillRatingStage.Start, 0, 6);
        var notInPlay = await RateAsync(pair, SkillRatingStage.Start, 2, 2);
        notInPlay.Ratings.Add(new RateSkills.Item { SkillId = await app.SkillIdAsync("Quantum knitting"), Level = 3 });

        var range = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(outOfRange, pair.Mentee.As));
        Assert.Equal(2, range.Failures.Count);
        Assert.All(range.Failures, f => Assert.Equal("Choose a level from 1 (novice) to 5 (expert).", f.ErrorMessage));
        var played = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(notInPlay, pair.Mentee.As));
        Assert.Equal("Rate only the skills listed for your pair; reload the page to see them.", Assert.Single(played.Failures).ErrorMessage);
        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(await RateAsync(pair, SkillRatingStage.Start, 1, 1), stranger.Mentee.As));
        var mentor = await Assert.ThrowsAsync<RequestValidationException>(async () => await app.SendAsync(await RateAsync(pair, SkillRatingStage.Start, 1, 1), pair.Mentor.As));
        Assert.StartsWith("The mentee rates the skills learned", Assert.Single(mentor.Failures).ErrorMessage, StringComparison.Ordinal);
        var menteeGrowth = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new RateGrowth.Command { PairId = pair.Id, Stage = SkillRatingStage.Start }, pair.Mentee.As));
        Assert.StartsWith("The mentor rates their own growth", Assert.Single(menteeGrowth.Failures).ErrorMessage, StringComparison.Ordinal);

        Assert.Empty(await RatingsAsync(pair.Id));
    }
}
