using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.CheckIns;

public sealed class CheckInQuestionsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<List<CheckInQuestion>> QuestionsAsync(int programId) =>
        app.ExecuteDbContextAsync(db => db.CheckInQuestions.AsNoTracking().Where(q => q.ProgramId == programId).OrderBy(q => q.SortOrder).ToListAsync());

    [Fact]
    public async Task A_coordinator_adds_questions_in_order_from_the_page()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var first = await hr.PostFormAsync($"/Programs/{program.Id}/CheckIns", new() { ["Data.Text"] = "  How useful are your sessions?  ", ["Data.Kind"] = "Rating" });
        var second = await hr.PostFormAsync($"/Programs/{program.Id}/CheckIns", new() { ["Data.Text"] = "Anything HR should know?", ["Data.Kind"] = "Text" });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var questions = await QuestionsAsync(program.Id);
        Assert.Equal(
            [("How useful are your sessions?", CheckInQuestionKind.Rating, 1), ("Anything HR should know?", CheckInQuestionKind.Text, 2)],
            questions.Select(q => (q.Text, q.Kind, q.SortOrder)).ToList());
        var page = await hr.GetHtmlAsync($"/Programs/{program.Id}/CheckIns");
        Assert.Contains("How useful are your sessions?", page, StringComparison.Ordinal);
        Assert.Contains("No milestone check-in has been sent yet.", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Write the question.")]
    [InlineData("   ", "Write the question.")]
    [InlineData("TOO_LONG", "A question has at most 300 characters; shorten it.")]
    public async Task A_question_needs_text_of_at_most_the_maximum_length(string text, string message)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        text = text == "TOO_LONG" ? new string('q', CheckInQuestion.TextMaxLength + 1) : text;

        var response = await hr.PostFormAsync($"/Programs/{program.Id}/CheckIns", new() { ["Data.Text"] = text, ["Data.Kind"] = "Rating" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Text"));
        Assert.Empty(await QuestionsAsync(program.Id));
    }

    [Fact]
    public async Task The_same_question_twice_in_one_program_is_refused()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        await app.QuestionAsync(program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await hr.PostFormAsync($"/Programs/{program.Id}/CheckIns", new() { ["Data.Text"] = "how useful are your SESSIONS?", ["Data.Kind"] = "YesNo" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(CheckInQuestions.DuplicateMessage, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Text"));
        Assert.Single(await QuestionsAsync(program.Id));
    }

    [Fact]
    public async Task The_same_question_in_another_program_is_fine()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var one = await app.ProgramAsync(ProgramStatus.Enrolling);
        var other = await app.ProgramAsync(ProgramStatus.Enrolling);
        await app.QuestionAsync(one, "How useful are your sessions?", CheckInQuestionKind.Rating);

        await app.SendAsync(new AddCheckInQuestion.Command { ProgramId = other.Id, Text = "How useful are your sessions?", Kind = CheckInQuestionKind.Rating }, hr.As);

        Assert.Single(await QuestionsAsync(other.Id));
    }

    [Fact]
    public async Task A_coordinator_rewords_and_reorders_a_question()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var question = await app.QuestionAsync(program, "How useful are your sessions?", CheckInQuestionKind.Rating);

        await app.SendAsync(new EditCheckInQuestion.Command
        {
            ProgramId = program.Id, QuestionId = question.Id, Text = "How useful were your sessions?", Kind = CheckInQuestionKind.YesNo, SortOrder = 4,
        }, hr.As);

        var saved = Assert.Single(await QuestionsAsync(program.Id));
        Assert.Equal(("How useful were your sessions?", CheckInQuestionKind.YesNo, 4), (saved.Text, saved.Kind, saved.SortOrder));
    }

    [Fact]
    public async Task Editing_refuses_a_duplicate_text_and_an_order_out_of_range()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        await app.QuestionAsync(program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        var question = await app.QuestionAsync(program, "Anything HR should know?", CheckInQuestionKind.Text, sortOrder: 2);
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/CheckIns/{question.Id}/Edit";

        Assert.Contains("Anything HR should know?", await hr.GetHtmlAsync(url), StringComparison.Ordinal);
        Assert.Contains($"/Programs/{program.Id}/CheckIns", await hr.GetHtmlAsync($"/Programs/{program.Id}"), StringComparison.Ordinal);
        var duplicate = await hr.PostFormAsync(url, new() { ["Data.Text"] = "How useful are your sessions?", ["Data.Kind"] = "Text", ["Data.SortOrder"] = "2" });
        var order = await hr.PostFormAsync(url, new() { ["Data.Text"] = "Anything else?", ["Data.Kind"] = "Text", ["Data.SortOrder"] = "0" });

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(CheckInQuestions.DuplicateMessage, HttpClientForms.FieldError(await duplicate.Content.ReadAsStringAsync(), "Data.Text"));
        Assert.Equal(HttpStatusCode.BadRequest, order.StatusCode);
        Assert.Equal("Give the question's place in the order as a number from 1 to 999.", HttpClientForms.FieldError(await order.Content.ReadAsStringAsync(), "Data.SortOrder"));
        var saved = (await QuestionsAsync(program.Id)).Single(q => q.Id == question.Id);
        Assert.Equal(("Anything HR should know?", 2), (saved.Text, saved.SortOrder));
    }

    [Fact]
    public async Task The_kind_of_an_answered_question_cannot_change()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pair = await app.PairAsync();
        var question = await app.QuestionAsync(pair.Program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        var checkIn = await app.CheckInAsync(pair, ParticipantRole.Mentee);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.CheckInAnswers.Add(new CheckInAnswer { CheckInId = checkIn.Id, QuestionId = question.Id, Rating = 4 });
            await db.SaveChangesAsync();
        });

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new EditCheckInQuestion.Command
        {
            ProgramId = pair.ProgramId, QuestionId = question.Id, Text = "Did your sessions help?", Kind = CheckInQuestionKind.YesNo, SortOrder = 1,
        }, hr.As));

        Assert.Equal(nameof(EditCheckInQuestion.Command.Kind), Assert.Single(refused.Failures).PropertyName);
        var saved = Assert.Single(await QuestionsAsync(pair.ProgramId));
        Assert.Equal(("How useful are your sessions?", CheckInQuestionKind.Rating), (saved.Text, saved.Kind));
    }

    [Fact]
    public async Task Retiring_a_question_keeps_it_and_its_answers_but_marks_it_retired()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var question = await app.QuestionAsync(program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var confirm = await hr.GetHtmlAsync($"/Programs/{program.Id}/CheckIns/{question.Id}/Retire");
        var response = await hr.PostFormAsync($"/Programs/{program.Id}/CheckIns/{question.Id}/Retire", []);

        Assert.Contains("Yes, retire this question", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = Assert.Single(await QuestionsAsync(program.Id));
        Assert.NotNull(saved.RetiredAtUtc);
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync(new Uri($"/Programs/{program.Id}/CheckIns/{question.Id}/Edit", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_question_is_only_found_under_its_own_program()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var other = await app.ProgramAsync(ProgramStatus.Enrolling);
        var question = await app.QuestionAsync(program, "How useful are your sessions?", CheckInQuestionKind.Rating);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new EditCheckInQuestion.Query(other.Id, question.Id), hr.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RetireCheckInQuestion.Command(other.Id, question.Id), hr.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new AddCheckInQuestion.Command { ProgramId = 987654, Text = "Any?" }, hr.As));
        Assert.Null((await QuestionsAsync(program.Id)).Single().RetiredAtUtc);
    }

    [Fact]
    public async Task Participants_cannot_manage_or_track_check_in_questions()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var question = await app.QuestionAsync(program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        var mentor = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.Mentor), Roles.Mentor);
        var leader = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.Leadership), Roles.Leadership);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new AddCheckInQuestion.Command { ProgramId = program.Id, Text = "Sneaky?" }, mentor));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new EditCheckInQuestion.Command { ProgramId = program.Id, QuestionId = question.Id, Text = "Sneaky?", SortOrder = 1 }, mentor));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RetireCheckInQuestion.Command(program.Id, question.Id), leader));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ProgramCheckIns.Query(program.Id, 1), leader));
        var client = await app.SignedInClientAsync(Roles.Mentee);
        var page = await client.GetAsync(new Uri($"/Programs/{program.Id}/CheckIns", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("AccessDenied", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("How useful are your sessions?", Assert.Single(await QuestionsAsync(program.Id)).Text);
    }

    [Fact]
    public async Task Tracking_shows_each_milestones_response_rate_and_average_and_who_has_not_met()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pair = await app.PairAsync();
        var rating = await app.QuestionAsync(pair.Program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        var mentorCheckIn = await app.CheckInAsync(pair, ParticipantRole.Mentor);
        var menteeCheckIn = await app.CheckInAsync(pair, ParticipantRole.Mentee);
        await app.CheckInAsync(pair, ParticipantRole.Mentee, day: 90);
        var mentorMet = await app.CheckInAsync(pair, ParticipantRole.Mentor, CheckInKind.HaveYouMet);
        await app.CheckInAsync(pair, ParticipantRole.Mentee, CheckInKind.HaveYouMet);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.CheckInAnswers.Add(new CheckInAnswer { CheckInId = mentorCheckIn.Id, QuestionId = rating.Id, Rating = 4 });
            db.CheckInAnswers.Add(new CheckInAnswer { CheckInId = menteeCheckIn.Id, QuestionId = rating.Id, Rating = 1 });
            foreach (var id in new[] { mentorCheckIn.Id, menteeCheckIn.Id, mentorMet.Id })
            {
                var checkIn = await db.CheckIns.SingleAsync(c => c.Id == id);
                checkIn.AnsweredAtUtc = DateTime.UtcNow;
                checkIn.Met = id == mentorMet.Id ? false : null;
            }

            await db.SaveChangesAsync();
        });

        var result = await app.SendAsync(new ProgramCheckIns.Query(pair.ProgramId, 1), hr.As);

        Assert.Equal([new ProgramCheckIns.Milestone(30, 2, 2, 2.5), new ProgramCheckIns.Milestone(90, 1, 0, null)], result.Milestones);
        Assert.Equal(100, result.Milestones[0].ResponseRatePercent);
        Assert.Equal(new ProgramCheckIns.HaveYouMetTotals(2, 0, 1, 1), result.HaveYouMet);
        var row = Assert.Single(result.HaveYouMetPairs);
        Assert.Equal(("Maya Mentor", false, "Simon Senior", (bool?)null), (row.MentorName, row.MentorMet, row.MenteeName, row.MenteeMet));
        Assert.Equal(2, Assert.Single(result.Questions).Answers);
        var html = await (await app.SignedInClientAsync(Roles.HrCoordinator)).GetHtmlAsync($"/Programs/{pair.ProgramId}/CheckIns");
        Assert.Contains("2.5 / 5", html, StringComparison.Ordinal);
        Assert.Contains("Simon Senior", html, StringComparison.Ordinal);
    }
}
