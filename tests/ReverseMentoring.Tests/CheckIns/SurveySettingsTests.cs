using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.CheckIns;

public sealed class SurveySettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<SurveySettings> SavedSurveysAsync(int programId) =>
        app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => p.Surveys).SingleAsync());

    private static Dictionary<string, string> Form(Guid version, string first = "30", string interval = "60", bool endOfPair = true, string applied = "60") => new()
    {
        ["Data.FirstMilestoneDay"] = first,
        ["Data.MilestoneIntervalDays"] = interval,
        ["Data.EndOfPairSurvey"] = endOfPair ? "true" : "false",
        ["Data.AppliedSurveyDays"] = applied,
        ["Data.Version"] = version.ToString(),
    };

    [Fact]
    public async Task A_coordinator_sets_when_the_surveys_go_out_and_the_change_is_audited()
    {
        var program = await app.ProgramAsync();
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/CheckIns/Settings";

        var questionsPage = await hr.GetHtmlAsync($"/Programs/{program.Id}/CheckIns");
        var response = await hr.PostFormAsync(url, Form(await app.ProgramVersionAsync(program.Id), "21", "0", false, ""));

        Assert.Contains(url, questionsPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await SavedSurveysAsync(program.Id);
        Assert.Equal((21, 0, false, (int?)null), (saved.FirstMilestoneDay, saved.MilestoneIntervalDays, saved.EndOfPairSurvey, saved.AppliedSurveyDays));
        // The change itself, with the value before and after: the entry that added the program names these fields too.
        var audit = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.ProgramId == program.Id && a.Entity == nameof(MentoringProgram) && a.Action == "Modified").ToListAsync());
        var changed = audit.Select(a => System.Text.Json.JsonDocument.Parse(a.Changes).RootElement)
            .Where(c => c.TryGetProperty("Surveys.FirstMilestoneDay", out _)).ToList();
        var first = Assert.Single(changed).GetProperty("Surveys.FirstMilestoneDay");
        Assert.Equal((program.Surveys.FirstMilestoneDay, 21), (first.GetProperty("Before").GetInt32(), first.GetProperty("After").GetInt32()));
        // Only the values that moved are listed.
        Assert.All(Assert.Single(changed).EnumerateObject().Where(p => p.Name.StartsWith("Surveys.", StringComparison.Ordinal)),
            p => Assert.NotEqual(p.Value.GetProperty("Before").GetRawText(), p.Value.GetProperty("After").GetRawText()));
        var page = await hr.GetHtmlAsync($"/Programs/{program.Id}/CheckIns");
        Assert.Contains("on day 21 of their pair only", page, StringComparison.Ordinal);
        Assert.Contains("End-of-pair survey:</strong> off", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "60", "60", "Data.FirstMilestoneDay", SurveySettings.FirstMilestoneMessage)]
    [InlineData("366", "60", "60", "Data.FirstMilestoneDay", SurveySettings.FirstMilestoneMessage)]
    [InlineData("", "60", "60", "Data.FirstMilestoneDay", "Give the day of the first check-in, for example 30.")]
    [InlineData("30", "-1", "60", "Data.MilestoneIntervalDays", SurveySettings.IntervalMessage)]
    [InlineData("30", "400", "60", "Data.MilestoneIntervalDays", SurveySettings.IntervalMessage)]
    [InlineData("30", "60", "0", "Data.AppliedSurveyDays", SurveySettings.AppliedMessage)]
    [InlineData("30", "60", "999", "Data.AppliedSurveyDays", SurveySettings.AppliedMessage)]
    public async Task Settings_out_of_range_are_refused_next_to_the_field_and_nothing_is_saved(string first, string interval, string applied, string field, string message)
    {
        var program = await app.ProgramAsync();
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await hr.PostFormAsync($"/Programs/{program.Id}/CheckIns/Settings", Form(await app.ProgramVersionAsync(program.Id), first, interval, true, applied));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), field));
        var saved = await SavedSurveysAsync(program.Id);
        Assert.Equal((30, 60, true, (int?)60), (saved.FirstMilestoneDay, saved.MilestoneIntervalDays, saved.EndOfPairSurvey, saved.AppliedSurveyDays));
    }

    [Fact]
    public async Task A_save_over_someone_elses_newer_change_is_refused_and_an_unknown_program_is_not_found()
    {
        var program = await app.ProgramAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var stale = await app.ProgramVersionAsync(program.Id);
        await app.SendAsync(new EditSurveySettings.Command
        {
            ProgramId = program.Id, FirstMilestoneDay = 45, MilestoneIntervalDays = 60, EndOfPairSurvey = true, AppliedSurveyDays = 60, Version = stale,
        }, hr.As);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new EditSurveySettings.Command
        {
            ProgramId = program.Id, FirstMilestoneDay = 10, MilestoneIntervalDays = 10, EndOfPairSurvey = true, AppliedSurveyDays = 30, Version = stale,
        }, hr.As));

        Assert.Equal(EditProgram.ConflictMessage, Assert.Single(refused.Failures).ErrorMessage);
        Assert.Equal(45, (await SavedSurveysAsync(program.Id)).FirstMilestoneDay);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new EditSurveySettings.Command
        {
            ProgramId = 987654, FirstMilestoneDay = 10, MilestoneIntervalDays = 10, EndOfPairSurvey = true, Version = stale,
        }, hr.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new EditSurveySettings.Query(987654), hr.As));
    }

    [Fact]
    public async Task A_new_program_starts_with_the_default_schedule_and_the_surveys_after_the_end()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var id = await app.CreateProgramAsync(hr.As);

        var saved = await SavedSurveysAsync(id);
        Assert.Equal((30, 60, true, (int?)60), (saved.FirstMilestoneDay, saved.MilestoneIntervalDays, saved.EndOfPairSurvey, saved.AppliedSurveyDays));
        var questions = await app.ExecuteDbContextAsync(db => db.CheckInQuestions.AsNoTracking().Where(q => q.ProgramId == id)
            .OrderBy(q => q.Id).Select(q => new { q.Survey, q.Kind, q.Text }).ToListAsync());
        Assert.Equal(
            [
                (CheckInSurvey.EndOfPair, CheckInQuestionKind.Rating, "How useful was the mentoring overall?"),
                (CheckInSurvey.EndOfPair, CheckInQuestionKind.Text, "What will you do differently now?"),
                (CheckInSurvey.Applied, CheckInQuestionKind.Text, "Which of the skills you learned have you used at work since? Give an example."),
            ],
            questions.Select(q => (q.Survey, q.Kind, q.Text)).ToList());
    }

    [Fact]
    public async Task A_copy_keeps_the_survey_settings_and_each_questions_survey_and_day()
    {
        var program = await app.ProgramAsync();
        await app.SurveysAsync(program, first: 21, interval: 45, endOfPair: false, appliedDays: 90);
        await app.SurveyQuestionAsync(program, "What have you tried?", CheckInSurvey.Milestone, milestoneDay: 66);
        await app.SurveyQuestionAsync(program, "Which skill did you use?", CheckInSurvey.Applied, sortOrder: 2);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var copyId = await app.SendAsync(new CopyProgram.Command
        {
            SourceId = program.Id, Name = TestData.Unique("Copy"), StartsOn = TestData.Today.AddDays(30), EndsOn = TestData.Today.AddDays(200),
        }, hr.As);

        var saved = await SavedSurveysAsync(copyId);
        Assert.Equal((21, 45, false, (int?)90), (saved.FirstMilestoneDay, saved.MilestoneIntervalDays, saved.EndOfPairSurvey, saved.AppliedSurveyDays));
        var questions = await app.ExecuteDbContextAsync(db => db.CheckInQuestions.AsNoTracking().Where(q => q.ProgramId == copyId)
            .OrderBy(q => q.Id).Select(q => new { q.Text, q.Survey, q.MilestoneDay }).ToListAsync());
        Assert.Equal(
            [("What have you tried?", CheckInSurvey.Milestone, (int?)66), ("Which skill did you use?", CheckInSurvey.Applied, null)],
            questions.Select(q => (q.Text, q.Survey, q.MilestoneDay)).ToList());
    }

    [Fact]
    public async Task A_coordinator_adds_a_question_to_a_survey_or_one_milestone_day_and_the_page_groups_them()
    {
        var program = await app.ProgramAsync();
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/CheckIns";

        var day = await hr.PostFormAsync(url, new() { ["Data.Text"] = "What did you try this quarter?", ["Data.Kind"] = "Text", ["Data.Survey"] = "Milestone", ["Data.MilestoneDay"] = "90" });
        var end = await hr.PostFormAsync(url, new() { ["Data.Text"] = "Would you mentor again?", ["Data.Kind"] = "YesNo", ["Data.Survey"] = "EndOfPair", ["Data.MilestoneDay"] = "90" });
        var tooLate = await hr.PostFormAsync(url, new() { ["Data.Text"] = "Too late a day", ["Data.Kind"] = "Text", ["Data.Survey"] = "Milestone", ["Data.MilestoneDay"] = "0" });

        Assert.Equal(HttpStatusCode.Redirect, day.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);
        Assert.StartsWith("Give the milestone day as a number", HttpClientForms.FieldError(await tooLate.Content.ReadAsStringAsync(), "Data.MilestoneDay"), StringComparison.Ordinal);
        var questions = await app.ExecuteDbContextAsync(db => db.CheckInQuestions.AsNoTracking().Where(q => q.ProgramId == program.Id)
            .OrderBy(q => q.Id).Select(q => new { q.Text, q.Survey, q.MilestoneDay }).ToListAsync());
        // The end-of-pair question ignores the milestone day: it is asked once, at the end.
        Assert.Equal(
            [("What did you try this quarter?", CheckInSurvey.Milestone, (int?)90), ("Would you mentor again?", CheckInSurvey.EndOfPair, null)],
            questions.Select(q => (q.Text, q.Survey, q.MilestoneDay)).ToList());
        var page = await hr.GetHtmlAsync(url);
        Assert.Contains("Day 90 only", page, StringComparison.Ordinal);
        var endSection = page[page.IndexOf("id=\"questions-endofpair\"", StringComparison.Ordinal)..page.IndexOf("id=\"questions-applied\"", StringComparison.Ordinal)];
        Assert.Contains("Would you mentor again?", endSection, StringComparison.Ordinal);
        Assert.DoesNotContain("What did you try this quarter?", endSection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answered_question_stays_in_its_survey()
    {
        var pair = await app.PairAsync();
        var question = await app.QuestionAsync(pair.Program, "How useful are your sessions?");
        await app.CheckInAsync(pair, ParticipantRole.Mentee, answeredAtUtc: DateTime.UtcNow,
            change: c => c.Answers.Add(new CheckInAnswer { QuestionId = question.Id, Rating = 4 }));
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new EditCheckInQuestion.Command
        {
            ProgramId = pair.ProgramId, QuestionId = question.Id, Text = question.Text, Kind = question.Kind, SortOrder = 1, Survey = CheckInSurvey.EndOfPair,
        }, hr.As));

        Assert.Equal(CheckInQuestion.SurveyFixedMessage, Assert.Single(refused.Failures).ErrorMessage);
        Assert.Equal(CheckInSurvey.Milestone, (await app.ExecuteDbContextAsync(db => db.CheckInQuestions.AsNoTracking().SingleAsync(q => q.Id == question.Id))).Survey);
    }
}
