using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Tests.CheckIns;
using ReverseMentoring.Web.Features.CheckIns;

namespace ReverseMentoring.Tests.Data;

public sealed class DemoPilotSurveysTests
{
    [Fact]
    public async Task The_pilots_ended_pairs_answered_both_surveys_after_the_end_and_every_demo_program_has_them()
    {
        using var app = new AppFactory().With("DemoData:Enabled", "true");

        var pilot = await app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().SingleAsync(p => p.Status == ProgramStatus.Running));
        var ended = await app.ExecuteDbContextAsync(db => db.Pairs.AsNoTracking()
            .Where(p => p.ProgramId == pilot.Id && p.Status == PairStatus.Ended).Select(p => p.Id).ToListAsync());
        var surveys = await app.ExecuteDbContextAsync(db => db.CheckIns.AsNoTracking().Include(c => c.Answers)
            .Where(c => c.ProgramId == pilot.Id && (c.Kind == CheckInKind.EndOfPair || c.Kind == CheckInKind.Applied)).ToListAsync());
        var applied = new List<AppliedAnswers.Answer>();
        foreach (var pairId in ended)
        {
            applied.AddRange(await app.ExecuteDbContextAsync(db => AppliedAnswers.ForPairAsync(db, pairId)));
        }

        var programsWithout = await app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking()
            .Where(p => !db.CheckInQuestions.Any(q => q.ProgramId == p.Id && q.Survey == CheckInSurvey.EndOfPair && q.RetiredAtUtc == null)
                || !db.CheckInQuestions.Any(q => q.ProgramId == p.Id && q.Survey == CheckInSurvey.Applied && q.RetiredAtUtc == null))
            .Select(p => p.Name).ToListAsync());

        Assert.Equal(3, ended.Count);
        Assert.Equal(ended.Count * 2, surveys.Count(c => c.Kind == CheckInKind.EndOfPair));
        Assert.All(surveys, c => Assert.Contains(c.PairId, ended));
        Assert.All(surveys, c => Assert.NotNull(c.AnsweredAtUtc));
        Assert.All(surveys, c => Assert.NotEmpty(c.Answers));
        Assert.True(applied.Count >= 4, $"Only {applied.Count} applied answers.");
        Assert.Equal(applied.Count, applied.Select(a => a.Text).Distinct().Count());
        Assert.Contains(applied, a => a.Text.Contains("Miro", StringComparison.Ordinal));
        Assert.Empty(programsWithout);

        // The job sends no second survey to pairs the demo says have answered.
        await app.RunJobAtAsync(DateTime.UtcNow);
        Assert.Equal(surveys.Count, await app.ExecuteDbContextAsync(db => db.CheckIns.CountAsync(c => c.ProgramId == pilot.Id
            && (c.Kind == CheckInKind.EndOfPair || c.Kind == CheckInKind.Applied))));
    }
}
