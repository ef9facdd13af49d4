using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Skills;
using ReverseMentoring.Web.Infrastructure;
using Progress = ReverseMentoring.Web.Features.Skills.SkillsProgress;

namespace ReverseMentoring.Tests.Skills;

public sealed class GrowthAreaTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Hr_adds_renames_and_retires_growth_areas_and_retired_ones_keep_their_ratings()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pair = await app.PairAsync(acceptedAtUtc: DateTime.UtcNow.AddDays(-2));
        await app.SendAsync(new AddGrowthArea.Command { ProgramId = pair.ProgramId, Defaults = true }, hr.As);
        var list = await app.SendAsync(new ProgramGrowthAreas.Query(pair.ProgramId), hr.As);
        Assert.Equal(["Coaching", "Communication", "Leadership presence", "Business understanding"], list.Areas.Select(a => a.Name).ToList());

        var progress = await app.SendAsync(new Progress.Query(pair.Id), pair.Mentor.As);
        await app.SendAsync(new RateGrowth.Command
        {
            PairId = pair.Id,
            Stage = SkillRatingStage.Start,
            Ratings = [.. progress.Growth.Select((g, i) => new RateGrowth.Item { AreaId = g.AreaId, Level = i + 1 })],
        }, pair.Mentor.As);

        var coaching = list.Areas[0].Id;
        await app.SendAsync(new RenameGrowthArea.Command { ProgramId = pair.ProgramId, AreaId = coaching, Name = "Coaching upward" }, hr.As);
        await app.SendAsync(new RetireGrowthArea.Command { ProgramId = pair.ProgramId, AreaId = list.Areas[1].Id }, hr.As);
        var duplicate = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new AddGrowthArea.Command { ProgramId = pair.ProgramId, Name = "coaching upward" }, hr.As));
        var empty = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new AddGrowthArea.Command { ProgramId = pair.ProgramId, Name = " " }, hr.As));

        var after = await app.SendAsync(new Progress.Query(pair.Id), pair.Mentor.As);
        Assert.Equal(["Coaching upward", "Leadership presence", "Business understanding"], after.Growth.Select(g => g.Name).ToList());
        Assert.Equal([1, 3, 4], after.Growth.Select(g => g.Before ?? 0).ToList());
        Assert.Equal(4, await app.ExecuteDbContextAsync(db => db.GrowthRatings.CountAsync(r => r.PairId == pair.Id)));
        Assert.Equal(GrowthAreaRules.DuplicateMessage, Assert.Single(duplicate.Failures).ErrorMessage);
        Assert.Single(empty.Failures);
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProgramGrowthAreas.Query(pair.ProgramId), pair.Mentor.As));
    }

    [Fact]
    public async Task A_new_program_gets_the_usual_list_and_a_copy_takes_the_sources_list()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var programId = await app.CreateProgramAsync(hr.As);
        var areas = await app.ExecuteDbContextAsync(db => db.GrowthAreas.AsNoTracking().Where(a => a.ProgramId == programId).OrderBy(a => a.SortOrder).Select(a => a.Name).ToListAsync());
        Assert.Equal(GrowthArea.DefaultNames, areas);

        await app.SendAsync(new AddGrowthArea.Command { ProgramId = programId, Name = "Presenting to a board" }, hr.As);
        var copy = await app.SendAsync(new ReverseMentoring.Web.Features.Programs.CopyProgram.Command
        {
            SourceId = programId, Name = "Copied cohort", StartsOn = new DateOnly(2027, 3, 1), EndsOn = new DateOnly(2027, 9, 1),
        }, hr.As);

        var copied = await app.ExecuteDbContextAsync(db => db.GrowthAreas.AsNoTracking().Where(a => a.ProgramId == copy).OrderBy(a => a.SortOrder).Select(a => a.Name).ToListAsync());
        Assert.Equal([.. GrowthArea.DefaultNames, "Presenting to a board"], copied);
    }

    [Fact]
    public async Task A_growth_area_outside_the_program_and_a_level_out_of_range_are_refused()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pair = await app.PairAsync(acceptedAtUtc: DateTime.UtcNow.AddDays(-2));
        var other = await app.PairAsync(acceptedAtUtc: DateTime.UtcNow.AddDays(-2));
        await app.SendAsync(new AddGrowthArea.Command { ProgramId = pair.ProgramId, Name = "Coaching" }, hr.As);
        await app.SendAsync(new AddGrowthArea.Command { ProgramId = other.ProgramId, Name = "Elsewhere" }, hr.As);
        var mine = (await app.SendAsync(new ProgramGrowthAreas.Query(pair.ProgramId), hr.As)).Areas.Single().Id;
        var theirs = (await app.SendAsync(new ProgramGrowthAreas.Query(other.ProgramId), hr.As)).Areas.Single().Id;

        await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new RateGrowth.Command
        {
            PairId = pair.Id, Stage = SkillRatingStage.Start, Ratings = [new() { AreaId = mine, Level = 3 }, new() { AreaId = theirs, Level = 3 }],
        }, pair.Mentor.As));
        await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new RateGrowth.Command
        {
            PairId = pair.Id, Stage = SkillRatingStage.Start, Ratings = [new() { AreaId = mine, Level = 7 }],
        }, pair.Mentor.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RateGrowth.Command
        {
            PairId = pair.Id, Stage = SkillRatingStage.Start, Ratings = [new() { AreaId = mine, Level = 3 }],
        }, other.Mentor.As));

        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.GrowthRatings.CountAsync(r => r.PairId == pair.Id)));
    }
}
