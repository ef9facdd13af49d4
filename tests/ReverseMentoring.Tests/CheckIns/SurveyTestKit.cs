using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.CheckIns;

/// <summary>Helpers of the survey tests: questions of a survey, survey settings, ending a pair, and the check-in job on a clock.</summary>
internal static class SurveyTestKit
{
    public static async Task<CheckInQuestion> SurveyQuestionAsync(
        this AppFactory app, MentoringProgram program, string text, CheckInSurvey survey, CheckInQuestionKind kind = CheckInQuestionKind.Text,
        int? milestoneDay = null, bool anonymous = false, int sortOrder = 1)
    {
        var question = new CheckInQuestion { ProgramId = program.Id, Text = text, Kind = kind, SortOrder = sortOrder };
        question.AskIn(survey, milestoneDay, hasAnswers: false);
        question.SetAnonymousToHr(anonymous, hasAnswers: false);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.CheckInQuestions.Add(question);
            await db.SaveChangesAsync();
        });
        return question;
    }

    public static Task SurveysAsync(this AppFactory app, MentoringProgram program, int first = 30, int interval = 60, bool endOfPair = true, int? appliedDays = 60) =>
        app.ExecuteDbContextAsync(async db =>
        {
            var saved = await db.Programs.SingleAsync(p => p.Id == program.Id);
            saved.Surveys = SurveySettings.Create(first, interval, endOfPair, appliedDays);
            await db.SaveChangesAsync();
        });

    public static Task EndPairAsync(this AppFactory app, TestPair pair, DateTime atUtc) =>
        app.ExecuteDbContextAsync(async db =>
        {
            var saved = await db.Pairs.SingleAsync(p => p.Id == pair.Id);
            saved.End(pair.Mentor.User.Id, PairEnding.Completed, null, atUtc);
            await db.SaveChangesAsync();
        });

    public static Task<int> RunJobAtAsync(this AppFactory app, DateTime atUtc) =>
        new CheckInJob(
                app.Services.GetRequiredService<IServiceScopeFactory>(),
                app.Services.GetRequiredService<IOptions<CheckInOptions>>(),
                app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
                new TestClock(new DateTimeOffset(atUtc, TimeSpan.Zero)),
                NullLogger<CheckInJob>.Instance)
            .SendDueAsync(CancellationToken.None);

    /// <summary>The pair's check-ins by kind, day and side (mentor first).</summary>
    public static async Task<List<CheckIn>> CheckInsOfAsync(this AppFactory app, int pairId, CheckInKind? kind = null)
    {
        var rows = await app.ExecuteDbContextAsync(db => db.CheckIns.AsNoTracking().Include(c => c.Answers)
            .Where(c => c.PairId == pairId && (kind == null || c.Kind == kind)).ToListAsync());
        return rows.OrderBy(c => c.Kind).ThenBy(c => c.DayNumber).ThenBy(c => c.Role).ToList();
    }
}
