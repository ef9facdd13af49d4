using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.CheckIns;

/// <summary>Each test has its own database: the job looks at every pair, and the anonymous figures count the whole program.</summary>
public sealed class AppliedSurveyTests
{
    private static readonly DateTime AcceptedAt = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime EndedAt = AcceptedAt.AddDays(120);

    [Fact]
    public async Task The_applied_survey_goes_to_both_sides_once_the_programs_days_after_the_end()
    {
        using var app = new AppFactory();
        var pair = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.SurveyQuestionAsync(pair.Program, "Which skill have you used at work since?", CheckInSurvey.Applied);
        await app.SurveysAsync(pair.Program, appliedDays: 45);
        await app.EndPairAsync(pair, EndedAt);

        Assert.Equal(0, await app.RunJobAtAsync(EndedAt.AddDays(44.9)));
        Assert.Equal(2, await app.RunJobAtAsync(EndedAt.AddDays(45)));
        Assert.Equal(0, await app.RunJobAtAsync(EndedAt.AddDays(46)));

        var sent = await app.CheckInsOfAsync(pair.Id, CheckInKind.Applied);
        Assert.Equal([(ParticipantRole.Mentor, 45), (ParticipantRole.Mentee, 45)], sent.Select(c => (c.Role, c.DayNumber)).ToList());
        var mail = Assert.Single(app.MailTo(pair.Mentor.Email));
        Assert.Contains("Have you used what you learned?", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("ended 45 days ago", mail.TextBody, StringComparison.Ordinal);
        var todo = await app.SendAsync(new MyCheckIns.Query(1), pair.Mentor.As);
        Assert.Equal("Have you used what you learned with Simon Senior?", Assert.Single(todo.Open).Title);
    }

    [Fact]
    public async Task No_applied_survey_when_the_program_sends_none_or_the_pair_ended_long_before()
    {
        using var app = new AppFactory();
        var off = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.SurveyQuestionAsync(off.Program, "Which skill have you used at work since?", CheckInSurvey.Applied);
        await app.SurveysAsync(off.Program, appliedDays: null);
        await app.EndPairAsync(off, EndedAt);
        var old = await app.PairAsync(await app.ProgramAsync(), mentorName: "Old Mentor", menteeName: "Old Mentee", acceptedAtUtc: AcceptedAt);
        await app.SurveyQuestionAsync(old.Program, "Which skill have you used at work since?", CheckInSurvey.Applied);
        await app.EndPairAsync(old, EndedAt.AddDays(-200));

        Assert.Equal(0, await app.RunJobAtAsync(EndedAt.AddDays(60)));
        Assert.Equal(0, await app.RunJobAtAsync(EndedAt.AddDays(400)));

        Assert.Empty(await app.CheckInsOfAsync(off.Id, CheckInKind.Applied));
        Assert.Empty(await app.CheckInsOfAsync(old.Id, CheckInKind.Applied));
    }

    [Fact]
    public async Task The_participants_to_do_names_each_survey_in_words_and_links_to_it()
    {
        using var app = new AppFactory();
        var s = await SentAsync(app);
        var end = await app.CheckInAsync(s.Pair, ParticipantRole.Mentee, CheckInKind.EndOfPair, 0, EndedAt);

        var items = await app.ExecuteDbContextAsync(db => ParticipantToDo.ItemsAsync(db, s.Pair.Mentee.Id, EndedAt.AddDays(61), CancellationToken.None));

        var surveys = items.Where(i => i.Kind == ParticipantActionKind.AnswerCheckIn).OrderBy(i => i.SinceUtc).Select(i => (i.Title, i.Link)).ToList();
        Assert.Equal(
            [
                ("Answer the end-of-pair survey on your pair with Maya Mentor", $"/Participant/CheckIns/{end.Id}"),
                ("Have you used what you learned with Maya Mentor? Tell HR", $"/Participant/CheckIns/{s.Mentee.Id}"),
            ],
            surveys);
        using var client = await app.SignedInClientAsync(s.Pair.Mentee.User);
        var page = await client.GetHtmlAsync($"/Participant/CheckIns/{s.Mentee.Id}");
        Assert.Contains("Have you used what you learned?: your pair with Maya Mentor", page, StringComparison.Ordinal);
        Assert.Contains(s.Named.Text, page, StringComparison.Ordinal);
        var endPage = await client.GetHtmlAsync($"/Participant/CheckIns/{end.Id}");
        Assert.Contains("End-of-pair survey: your pair with Maya Mentor", endPage, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Named.Text, endPage, StringComparison.Ordinal);
    }

    private sealed record Answered(TestPair Pair, CheckInQuestion Named, CheckInQuestion Anonymous, CheckIn Mentor, CheckIn Mentee);

    /// <summary>A pair whose two sides were sent the applied survey (a named and an anonymous text question), not yet answered.</summary>
    private static async Task<Answered> SentAsync(AppFactory app, TestPair? pair = null)
    {
        pair ??= await app.PairAsync(acceptedAtUtc: AcceptedAt);
        var program = pair.Program;
        var named = await app.ExecuteDbContextAsync(db => db.CheckInQuestions.AsNoTracking()
            .SingleOrDefaultAsync(q => q.ProgramId == program.Id && q.Survey == CheckInSurvey.Applied && !q.AnonymousToHr))
            ?? await app.SurveyQuestionAsync(program, "Which skill have you used at work since?", CheckInSurvey.Applied);
        var anonymous = await app.ExecuteDbContextAsync(db => db.CheckInQuestions.AsNoTracking()
            .SingleOrDefaultAsync(q => q.ProgramId == program.Id && q.Survey == CheckInSurvey.Applied && q.AnonymousToHr))
            ?? await app.SurveyQuestionAsync(program, "What held you back?", CheckInSurvey.Applied, anonymous: true, sortOrder: 2);
        await app.EndPairAsync(pair, EndedAt);
        var mentor = await app.CheckInAsync(pair, ParticipantRole.Mentor, CheckInKind.Applied, 60, EndedAt.AddDays(60));
        var mentee = await app.CheckInAsync(pair, ParticipantRole.Mentee, CheckInKind.Applied, 60, EndedAt.AddDays(60));
        return new Answered(pair, named, anonymous, mentor, mentee);
    }

    private static AnswerCheckIn.Command Answer(CheckIn checkIn, params (int QuestionId, string Text)[] answers) => new()
    {
        CheckInId = checkIn.Id,
        Answers = answers.Select(a => new AnswerCheckIn.Item { QuestionId = a.QuestionId, Text = a.Text }).ToList(),
    };

    [Fact]
    public async Task Hr_reads_the_named_applied_answers_by_survey_on_the_answers_page_the_pair_page_and_the_export()
    {
        using var app = new AppFactory();
        var s = await SentAsync(app);
        await app.SendAsync(Answer(s.Mentee, (s.Named.Id, "I used Copilot to draft the board summary."), (s.Anonymous.Id, "secret-anonymous-text")), s.Pair.Mentee.As);
        await app.SendAsync(Answer(s.Mentor, (s.Named.Id, "I ran my team's retrospective in Miro."), (s.Anonymous.Id, "")), s.Pair.Mentor.As);
        var milestone = await app.QuestionAsync(s.Pair.Program, "How useful are your sessions?");
        await app.CheckInAsync(s.Pair, ParticipantRole.Mentee, answeredAtUtc: AcceptedAt.AddDays(31),
            change: c => c.Answers.Add(new CheckInAnswer { QuestionId = milestone.Id, Rating = 4 }));
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var applied = await app.SendAsync(new ReadCheckInAnswers.Query(s.Pair.ProgramId, null, null, null, null) { Survey = CheckInSurvey.Applied }, hr.As);
        var all = await app.SendAsync(new ReadCheckInAnswers.Query(s.Pair.ProgramId, null, null, null, null), hr.As);
        var forPair = await app.ExecuteDbContextAsync(db => AppliedAnswers.ForPairAsync(db, s.Pair.Id));
        var export = await app.SendAsync(new ExportCheckInAnswers.Query(s.Pair.ProgramId), hr.As);
        using var client = await app.SignedInClientAsync(hr.User);
        var pairPage = await client.GetHtmlAsync($"/Programs/{s.Pair.ProgramId}/Pairs/{s.Pair.Id}");
        var answersPage = await client.GetHtmlAsync($"/Programs/{s.Pair.ProgramId}/CheckIns/Answers?survey=Applied");

        Assert.Equal(
            ["I used Copilot to draft the board summary.", "I ran my team's retrospective in Miro."],
            applied.Rows.Select(r => r.Answer).ToList());
        Assert.All(applied.Rows, r => Assert.Equal("Applied? (60 days after the end)", r.Survey));
        Assert.Equal(3, all.Rows.Count);
        Assert.Equal(
            [(ParticipantRole.Mentee, "I used Copilot to draft the board summary."), (ParticipantRole.Mentor, "I ran my team's retrospective in Miro.")],
            forPair.Select(a => (a.Side, a.Text)).ToList());
        var surveyColumn = export.Header.ToList().IndexOf("Survey");
        Assert.True(surveyColumn >= 0);
        Assert.Equal(["Applied", "Applied", "Milestone"], export.Rows.Select(r => r[surveyColumn]).Order(StringComparer.Ordinal).ToList());
        Assert.Contains("Applied? (60 days after the end)", pairPage, StringComparison.Ordinal);
        Assert.Contains("I ran my team&#x27;s retrospective in Miro.", pairPage, StringComparison.Ordinal);
        Assert.Contains("I used Copilot to draft the board summary.", answersPage, StringComparison.Ordinal);
        Assert.DoesNotContain("How useful are your sessions?</td>", answersPage, StringComparison.Ordinal);
        foreach (var text in new[] { pairPage, answersPage, string.Join("\n", export.Rows.SelectMany(r => r)) })
        {
            Assert.DoesNotContain("secret-anonymous-text", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_pairs_learning_record_and_the_program_report_show_what_each_side_applied_and_never_an_anonymous_answer()
    {
        using var app = new AppFactory();
        var s = await SentAsync(app);
        await app.SendAsync(Answer(s.Mentor, (s.Named.Id, "I ran my team's retrospective in Miro."), (s.Anonymous.Id, "secret-anonymous-text")), s.Pair.Mentor.As);
        await app.SendAsync(Answer(s.Mentee, (s.Named.Id, "I used Copilot to draft the board summary."), (s.Anonymous.Id, "")), s.Pair.Mentee.As);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var record = await app.SendAsync(new LearningRecord.Query(s.Pair.ProgramId, s.Pair.Id), hr.As);
        var report = await app.SendAsync(new ReverseMentoring.Web.Features.Dashboard.ProgramReport.Query(s.Pair.ProgramId), hr.As);
        using var client = await app.SignedInClientAsync(hr.User);
        var reportPage = await client.GetHtmlAsync($"/Programs/{s.Pair.ProgramId}/Report");

        // Oldest first on the pair's record; newest first on the program's report.
        Assert.Equal(
            [(ParticipantRole.Mentor, "I ran my team's retrospective in Miro."), (ParticipantRole.Mentee, "I used Copilot to draft the board summary.")],
            record.Applied.Select(a => (a.Side, a.Text)).ToList());
        Assert.Equal(2, report.AppliedPeople);
        Assert.Equal(
            ["I used Copilot to draft the board summary.", "I ran my team's retrospective in Miro."],
            report.AppliedLatest.Select(a => a.Text).ToList());
        Assert.Contains("I ran my team&#x27;s retrospective in Miro.", reportPage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-anonymous-text", reportPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_applied_answers_appear_only_as_a_whole_program_aggregate_from_five_answers()
    {
        using var app = new AppFactory();
        var first = await SentAsync(app);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pairs = new List<Answered> { first };
        for (var i = 2; i <= 3; i++)
        {
            pairs.Add(await SentAsync(app, await app.PairAsync(first.Pair.Program, mentorName: $"Junior {i}", menteeName: $"Senior {i}", acceptedAtUtc: AcceptedAt)));
        }

        var given = 0;
        var counts = new List<(int Given, bool Suppressed, int Texts)>();
        foreach (var s in pairs)
        {
            foreach (var (checkIn, person) in new[] { (s.Mentor, s.Pair.Mentor), (s.Mentee, s.Pair.Mentee) })
            {
                given++;
                await app.SendAsync(Answer(checkIn, (s.Named.Id, ""), (s.Anonymous.Id, $"anonymous-{given.ToString(CultureInfo.InvariantCulture)}")), person.As);
                var read = await app.SendAsync(new ReadCheckInAnswers.Query(first.Pair.ProgramId, null, null, null, null) { Survey = CheckInSurvey.Applied }, hr.As);
                var aggregate = Assert.Single(read.Anonymous);
                counts.Add((given, aggregate.Suppressed, aggregate.Texts.Count));
                Assert.Equal(CheckInSurvey.Applied, aggregate.Survey);
                Assert.DoesNotContain(read.Rows, r => r.Answer.StartsWith("anonymous-", StringComparison.Ordinal));
            }
        }

        Assert.Equal([(1, true, 0), (2, true, 0), (3, true, 0), (4, true, 0), (5, false, 5), (6, false, 6)], counts);
        Assert.Empty(await app.ExecuteDbContextAsync(db => AppliedAnswers.ForPairAsync(db, first.Pair.Id)));
        var export = await app.SendAsync(new ExportCheckInAnswers.Query(first.Pair.ProgramId), hr.As);
        Assert.DoesNotContain(export.Rows.SelectMany(r => r), cell => cell.StartsWith("anonymous-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_answers_are_refused_and_nothing_is_saved()
    {
        using var app = new AppFactory();
        var s = await SentAsync(app);
        var endQuestion = await app.SurveyQuestionAsync(s.Pair.Program, "How useful was the mentoring overall?", CheckInSurvey.EndOfPair, CheckInQuestionKind.Rating);
        var end = await app.CheckInAsync(s.Pair, ParticipantRole.Mentee, CheckInKind.EndOfPair, 0, EndedAt);
        var otherProgram = await app.ProgramAsync();
        var foreign = await app.SurveyQuestionAsync(otherProgram, "Another program's question", CheckInSurvey.Applied);

        var tooHigh = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new AnswerCheckIn.Command
        {
            CheckInId = end.Id, Answers = [new AnswerCheckIn.Item { QuestionId = endQuestion.Id, Rating = 6 }],
        }, s.Pair.Mentee.As));
        var otherSurvey = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(
            Answer(s.Mentee, (s.Named.Id, "Fine"), (endQuestion.Id, "Not this survey's")), s.Pair.Mentee.As));
        var otherProgramAnswer = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(
            Answer(s.Mentee, (s.Named.Id, "Fine"), (foreign.Id, "Another program's")), s.Pair.Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Answer(s.Mentor, (s.Named.Id, "Not mine")), s.Pair.Mentee.As));
        using var partner = await app.SignedInClientAsync(s.Pair.Mentee.User);
        var page = await partner.GetAsync(new Uri($"/Participant/CheckIns/{s.Mentor.Id}", UriKind.Relative));

        Assert.Equal("Choose a rating from 1 to 5.", Assert.Single(tooHigh.Failures).ErrorMessage);
        Assert.Equal(AnswerCheckIn.NotAskedMessage, Assert.Single(otherSurvey.Failures).ErrorMessage);
        Assert.Equal(AnswerCheckIn.NotAskedMessage, Assert.Single(otherProgramAnswer.Failures).ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var saved = await app.ExecuteDbContextAsync(db => db.CheckIns.AsNoTracking().Include(c => c.Answers)
            .Where(c => c.PairId == s.Pair.Id).ToListAsync());
        Assert.All(saved, c => Assert.Null(c.AnsweredAtUtc));
        Assert.All(saved, c => Assert.Empty(c.Answers));
    }
}
