using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.CheckIns;

public sealed class ReadCheckInAnswersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<CheckInQuestion> AnonymousQuestionAsync(MentoringProgram program, string text, CheckInQuestionKind kind)
    {
        var question = await app.QuestionAsync(program, text, kind, sortOrder: 9);
        await app.ExecuteDbContextAsync(db => db.CheckInQuestions.Where(q => q.Id == question.Id).ExecuteUpdateAsync(u => u.SetProperty(q => q.AnonymousToHr, true)));
        return question;
    }

    private Task<CheckIn> AnswerAsync(TestPair pair, ParticipantRole side, int day, params CheckInAnswer[] answers) =>
        app.CheckInAsync(pair, side, day: day, answeredAtUtc: DateTime.UtcNow.AddDays(-40 + day / 10.0), change: c => c.Answers.AddRange(answers));

    private async Task<Person> HrAsync() => await app.PersonAsync(Roles.HrCoordinator);

    [Fact]
    public async Task HR_reads_every_named_answer_with_the_pair_the_side_and_the_day_and_filters_them()
    {
        var program = await app.ProgramAsync();
        var useful = await app.QuestionAsync(program, "How useful are your sessions?", CheckInQuestionKind.Rating, 1);
        var changed = await app.QuestionAsync(program, "What has changed in how you work?", CheckInQuestionKind.Text, 2);
        var first = await app.PairAsync(program);
        var second = await app.PairAsync(program, mentorName: "Jo Junior", menteeName: "Pat Partner");
        await app.ExecuteDbContextAsync(db => db.Enrolments.Where(e => e.Id == second.MenteeEnrolmentId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Department, "Finance")));
        await AnswerAsync(first, ParticipantRole.Mentee, 30, new CheckInAnswer { QuestionId = useful.Id, Rating = 4 }, new CheckInAnswer { QuestionId = changed.Id, Text = "I draft with an assistant now." });
        await AnswerAsync(first, ParticipantRole.Mentor, 30, new CheckInAnswer { QuestionId = useful.Id, Rating = 5 });
        await AnswerAsync(second, ParticipantRole.Mentee, 90, new CheckInAnswer { QuestionId = useful.Id, Rating = 2 });
        var hr = await HrAsync();

        var all = await app.SendAsync(new ReadCheckInAnswers.Query(program.Id, null, null, null, null), hr.As);
        var byQuestion = await app.SendAsync(new ReadCheckInAnswers.Query(program.Id, changed.Id, null, null, null), hr.As);
        var byDay = await app.SendAsync(new ReadCheckInAnswers.Query(program.Id, null, 90, null, null), hr.As);
        var byPair = await app.SendAsync(new ReadCheckInAnswers.Query(program.Id, null, null, first.Id, null), hr.As);
        var byDepartment = await app.SendAsync(new ReadCheckInAnswers.Query(program.Id, null, null, null, "Finance"), hr.As);

        Assert.Equal(4, all.Pager.Total);
        var text = Assert.Single(byQuestion.Rows);
        Assert.Equal((first.Id, ParticipantRole.Mentee, 30, "I draft with an assistant now."), (text.PairId, text.Side, text.Day, text.Answer));
        Assert.Equal(first.Mentor.User.DisplayName, text.MentorName);
        var late = Assert.Single(byDay.Rows);
        Assert.Equal(("2 of 5", second.Id), (late.Answer, late.PairId));
        Assert.Equal(3, byPair.Rows.Count);
        Assert.All(byPair.Rows, r => Assert.Equal(first.Id, r.PairId));
        Assert.Equal([second.Id], byDepartment.Rows.Select(r => r.PairId).ToList());
        Assert.Equal([30, 90], all.Days);
    }

    [Fact]
    public async Task A_pairs_page_shows_its_answers_in_time_order()
    {
        var program = await app.ProgramAsync();
        var useful = await app.QuestionAsync(program, "How useful are your sessions?", CheckInQuestionKind.Rating, 1);
        var pair = await app.PairAsync(program);
        await AnswerAsync(pair, ParticipantRole.Mentee, 90, new CheckInAnswer { QuestionId = useful.Id, Rating = 3 });
        await AnswerAsync(pair, ParticipantRole.Mentor, 30, new CheckInAnswer { QuestionId = useful.Id, Rating = 5 });
        var hr = await HrAsync();

        var details = await app.SendAsync(new ProgramPairDetails.Query(program.Id, pair.Id), hr.As);

        Assert.Equal([(30, "5 of 5"), (90, "3 of 5")], details.CheckInAnswers.Select(a => (a.Day, a.Answer)).ToList());
    }

    [Fact]
    public async Task Answers_to_an_anonymous_question_are_only_counted_from_five_on_and_never_named_anywhere()
    {
        var program = await app.ProgramAsync();
        var safe = await AnonymousQuestionAsync(program, "Do you feel safe to speak openly?", CheckInQuestionKind.YesNo);
        var frank = await AnonymousQuestionAsync(program, "Anything you would not say to HR by name?", CheckInQuestionKind.Text);
        var pairs = new List<TestPair>();
        for (var i = 0; i < 4; i++)
        {
            var pair = await app.PairAsync(program, mentorName: $"Junior {i}", menteeName: $"Senior {i}");
            pairs.Add(pair);
            await AnswerAsync(pair, ParticipantRole.Mentor, 30, new CheckInAnswer { QuestionId = safe.Id, YesNo = i != 0 }, new CheckInAnswer { QuestionId = frank.Id, Text = $"secret-{i}" });
        }

        var hr = await HrAsync();
        var four = await app.SendAsync(new ReadCheckInAnswers.Query(program.Id, null, null, null, null), hr.As);
        await AnswerAsync(await app.PairAsync(program, mentorName: "Junior 4", menteeName: "Senior 4"), ParticipantRole.Mentor, 30,
            new CheckInAnswer { QuestionId = safe.Id, YesNo = true }, new CheckInAnswer { QuestionId = frank.Id, Text = "secret-4" });
        var five = await app.SendAsync(new ReadCheckInAnswers.Query(program.Id, null, null, null, null), hr.As);
        var filtered = await app.SendAsync(new ReadCheckInAnswers.Query(program.Id, null, null, pairs[0].Id, null), hr.As);
        var details = await app.SendAsync(new ProgramPairDetails.Query(program.Id, pairs[0].Id), hr.As);
        var export = await app.SendAsync(new ExportCheckInAnswers.Query(program.Id), hr.As);
        using var client = await app.SignedInClientAsync(hr.User);
        var pairPage = await client.GetStringAsync($"/Programs/{program.Id}/Pairs/{pairs[0].Id}");

        Assert.Empty(four.Rows);
        Assert.All(four.Anonymous, a => Assert.True(a.Suppressed));
        Assert.All(four.Anonymous, a => Assert.Null(a.Yes));
        Assert.All(four.Anonymous, a => Assert.Empty(a.Texts));
        var yesNo = Assert.Single(five.Anonymous, a => a.Kind == CheckInQuestionKind.YesNo);
        Assert.Equal((5, 4, 1), (yesNo.Answers, yesNo.Yes!.Value, yesNo.No!.Value));
        var texts = Assert.Single(five.Anonymous, a => a.Kind == CheckInQuestionKind.Text);
        Assert.Equal(["secret-0", "secret-1", "secret-2", "secret-3", "secret-4"], texts.Texts);
        static List<string> Figures(ReadCheckInAnswers.Result r) => r.Anonymous.Select(a => $"{a.Question}:{a.Answers}:{a.Yes}:{a.No}:{string.Join('|', a.Texts)}").ToList();
        Assert.Equal(Figures(five), Figures(filtered));
        Assert.Empty(five.Rows);
        Assert.Empty(details.CheckInAnswers);
        Assert.DoesNotContain(export.Rows, r => r.Any(cell => cell.StartsWith("secret-", StringComparison.Ordinal) || cell.Contains("feel safe", StringComparison.Ordinal)));
        Assert.DoesNotContain("secret-0", pairPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_milestone_average_leaves_anonymous_ratings_out_so_it_cannot_be_subtracted()
    {
        var program = await app.ProgramAsync();
        var named = await app.QuestionAsync(program, "How useful are your sessions?", CheckInQuestionKind.Rating, 1);
        var anonymous = await AnonymousQuestionAsync(program, "How comfortable are you with your partner?", CheckInQuestionKind.Rating);
        var pair = await app.PairAsync(program);
        await AnswerAsync(pair, ParticipantRole.Mentee, 30, new CheckInAnswer { QuestionId = named.Id, Rating = 5 }, new CheckInAnswer { QuestionId = anonymous.Id, Rating = 1 });

        var checkIns = await app.SendAsync(new ProgramCheckIns.Query(program.Id, 1), (await HrAsync()).As);

        Assert.Equal(5.0, Assert.Single(checkIns.Milestones).AverageRating);
    }

    [Fact]
    public async Task An_answered_anonymous_question_stays_anonymous_and_an_unanswered_one_can_be_named_again()
    {
        var program = await app.ProgramAsync();
        var answered = await AnonymousQuestionAsync(program, "Do you feel heard?", CheckInQuestionKind.YesNo);
        var fresh = await AnonymousQuestionAsync(program, "Would you join again?", CheckInQuestionKind.YesNo);
        await AnswerAsync(await app.PairAsync(program), ParticipantRole.Mentor, 30, new CheckInAnswer { QuestionId = answered.Id, YesNo = true });
        var hr = await HrAsync();
        EditCheckInQuestion.Command Named(CheckInQuestion q) => new()
        {
            ProgramId = program.Id, QuestionId = q.Id, Text = q.Text, Kind = q.Kind, SortOrder = q.SortOrder, AnonymousToHr = false,
        };

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(Named(answered), hr.As), "");
        await app.SendAsync(Named(fresh), hr.As);

        Assert.Equal(CheckInQuestion.StaysAnonymousMessage, refusal);
        var saved = await app.ExecuteDbContextAsync(db => db.CheckInQuestions.AsNoTracking().Where(q => q.ProgramId == program.Id).ToDictionaryAsync(q => q.Id, q => q.AnonymousToHr));
        Assert.True(saved[answered.Id]);
        Assert.False(saved[fresh.Id]);
    }

    [Fact]
    public async Task HR_marks_a_new_question_anonymous_and_the_participants_form_says_so()
    {
        var program = await app.ProgramAsync();
        var hr = await HrAsync();
        var id = await app.SendAsync(new AddCheckInQuestion.Command { ProgramId = program.Id, Text = "Is the power gap in the way?", Kind = CheckInQuestionKind.YesNo, AnonymousToHr = true }, hr.As);
        var pair = await app.PairAsync(program);
        var checkIn = await app.CheckInAsync(pair, ParticipantRole.Mentor);
        using var mentor = await app.SignedInClientAsync(pair.Mentor.User);

        var form = await mentor.GetStringAsync($"/Participant/CheckIns/{checkIn.Id}");

        Assert.True(await app.ExecuteDbContextAsync(db => db.CheckInQuestions.Where(q => q.Id == id).Select(q => q.AnonymousToHr).SingleAsync()));
        Assert.Contains("Anonymous: HR sees this answer only added up with others", WebUtility.HtmlDecode(form), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participants_are_refused_and_another_programs_pair_shows_nothing()
    {
        var program = await app.ProgramAsync();
        var other = await app.ProgramAsync();
        var useful = await app.QuestionAsync(other, "How useful are your sessions?", CheckInQuestionKind.Rating, 1);
        var pair = await app.PairAsync(other);
        await AnswerAsync(pair, ParticipantRole.Mentor, 30, new CheckInAnswer { QuestionId = useful.Id, Rating = 4 });

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ReadCheckInAnswers.Query(other.Id, null, null, null, null), pair.Mentor.As));
        var hr = await HrAsync();
        var crossed = await app.SendAsync(new ReadCheckInAnswers.Query(program.Id, null, null, pair.Id, null), hr.As);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ReadCheckInAnswers.Query(999_999, null, null, null, null), hr.As));

        Assert.Empty(crossed.Rows);
        Assert.Null(crossed.PairName);
    }
}
