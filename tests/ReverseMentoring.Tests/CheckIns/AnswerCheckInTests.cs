using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.CheckIns;

public sealed class AnswerCheckInTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<CheckIn> SavedCheckInAsync(int id) =>
        app.ExecuteDbContextAsync(db => db.CheckIns.AsNoTracking().Include(c => c.Answers).SingleAsync(c => c.Id == id));

    private sealed record Survey(TestPair Pair, CheckInQuestion Rating, CheckInQuestion YesNo, CheckInQuestion Text, CheckIn CheckIn);

    /// <summary>A pair with three questions (rating, yes/no, text) and a day-30 check-in sent to the mentee.</summary>
    private async Task<Survey> SurveyAsync()
    {
        var pair = await app.PairAsync();
        var rating = await app.QuestionAsync(pair.Program, "How useful are your sessions?", CheckInQuestionKind.Rating, 1);
        var yesNo = await app.QuestionAsync(pair.Program, "Do you meet as often as planned?", CheckInQuestionKind.YesNo, 2);
        var text = await app.QuestionAsync(pair.Program, "Anything HR should know?", CheckInQuestionKind.Text, 3);
        await app.QuestionAsync(pair.Program, "An old question", CheckInQuestionKind.Rating, 4, retired: true);
        return new Survey(pair, rating, yesNo, text, await app.CheckInAsync(pair, ParticipantRole.Mentee));
    }

    private static Dictionary<string, string> Form(Survey survey, string? rating = "4", string? yesNo = "true", string text = "") => new()
    {
        ["Data.Answers[0].QuestionId"] = survey.Rating.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Data.Answers[0].Rating"] = rating ?? "",
        ["Data.Answers[1].QuestionId"] = survey.YesNo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Data.Answers[1].YesNo"] = yesNo ?? "",
        ["Data.Answers[2].QuestionId"] = survey.Text.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Data.Answers[2].Text"] = text,
    };

    [Fact]
    public async Task A_mentee_answers_the_active_questions_and_the_answers_are_saved()
    {
        var survey = await SurveyAsync();
        var client = await app.SignedInClientAsync(survey.Pair.Mentee.User);

        var page = await client.GetHtmlAsync($"/Participant/CheckIns/{survey.CheckIn.Id}");
        var response = await client.PostFormAsync($"/Participant/CheckIns/{survey.CheckIn.Id}", Form(survey, text: "  Going well.  "));

        Assert.Contains("How useful are your sessions?", page, StringComparison.Ordinal);
        Assert.DoesNotContain("An old question", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await SavedCheckInAsync(survey.CheckIn.Id);
        Assert.NotNull(saved.AnsweredAtUtc);
        Assert.Equal(
            [(survey.Rating.Id, (int?)4, (bool?)null, (string?)null), (survey.YesNo.Id, null, true, null), (survey.Text.Id, null, null, "Going well.")],
            saved.Answers.OrderBy(a => a.QuestionId).Select(a => (a.QuestionId, a.Rating, a.YesNo, a.Text)).ToList());
        var answered = await client.GetHtmlAsync($"/Participant/CheckIns/{survey.CheckIn.Id}");
        Assert.Contains("4 out of 5", answered, StringComparison.Ordinal);
        Assert.DoesNotContain("Send my answers", answered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Free_text_is_optional()
    {
        var survey = await SurveyAsync();
        var client = await app.SignedInClientAsync(survey.Pair.Mentee.User);

        var response = await client.PostFormAsync($"/Participant/CheckIns/{survey.CheckIn.Id}", Form(survey, text: ""));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await SavedCheckInAsync(survey.CheckIn.Id)).Answers.Single(a => a.QuestionId == survey.Text.Id).Text);
    }

    [Theory]
    [InlineData(null, "true", "", "Data.Answers[0].Rating", "Choose a rating from 1 to 5.")]
    [InlineData("6", "true", "", "Data.Answers[0].Rating", "Choose a rating from 1 to 5.")]
    [InlineData("3", null, "", "Data.Answers[1].YesNo", "Choose yes or no.")]
    [InlineData("3", "false", "TOO_LONG", "Data.Answers[2].Text", "An answer has at most 2000 characters; shorten it.")]
    public async Task Each_rating_and_yes_no_question_must_be_answered_and_text_kept_short(string? rating, string? yesNo, string text, string field, string message)
    {
        var survey = await SurveyAsync();
        var client = await app.SignedInClientAsync(survey.Pair.Mentee.User);
        text = text == "TOO_LONG" ? new string('x', CheckInAnswer.TextMaxLength + 1) : text;

        var response = await client.PostFormAsync($"/Participant/CheckIns/{survey.CheckIn.Id}", Form(survey, rating, yesNo, text));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), field));
        var saved = await SavedCheckInAsync(survey.CheckIn.Id);
        Assert.Null(saved.AnsweredAtUtc);
        Assert.Empty(saved.Answers);
    }

    [Fact]
    public async Task An_answered_check_in_cannot_be_answered_again()
    {
        var survey = await SurveyAsync();
        var answer = new AnswerCheckIn.Command
        {
            CheckInId = survey.CheckIn.Id,
            Answers = [new() { QuestionId = survey.Rating.Id, Rating = 5 }, new() { QuestionId = survey.YesNo.Id, YesNo = true }],
        };
        await app.SendAsync(answer, survey.Pair.Mentee.As);

        answer.Answers[0].Rating = 1;
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(answer, survey.Pair.Mentee.As));

        Assert.Equal(AnswerCheckIn.AnsweredMessage, Assert.Single(refused.Failures).ErrorMessage);
        Assert.Equal(5, (await SavedCheckInAsync(survey.CheckIn.Id)).Answers.Single(a => a.QuestionId == survey.Rating.Id).Rating);
    }

    [Fact]
    public async Task Another_persons_check_in_is_not_found()
    {
        var survey = await SurveyAsync();
        var answer = new AnswerCheckIn.Command { CheckInId = survey.CheckIn.Id, Answers = [new() { QuestionId = survey.Rating.Id, Rating = 5 }] };

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ViewCheckIn.Query(survey.CheckIn.Id), survey.Pair.Mentor.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(answer, survey.Pair.Mentor.As));
        var partner = await app.SignedInClientAsync(survey.Pair.Mentor.User);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync(new Uri($"/Participant/CheckIns/{survey.CheckIn.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync(new Uri($"/Participant/CheckIns/{survey.CheckIn.Id}/Met?answer=yes", UriKind.Relative))).StatusCode);
        Assert.Null((await SavedCheckInAsync(survey.CheckIn.Id)).AnsweredAtUtc);
    }

    [Fact]
    public async Task Coordinators_and_leaders_cannot_answer_check_ins()
    {
        var survey = await SurveyAsync();
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var leader = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.Leadership), Roles.Leadership);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new AnswerCheckIn.Command { CheckInId = survey.CheckIn.Id }, hr));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new AnswerHaveYouMet.Command { CheckInId = survey.CheckIn.Id, Met = true }, leader));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new MyCheckIns.Query(1), hr));
    }

    [Fact]
    public async Task The_one_click_link_asks_for_confirmation_and_only_the_button_records_the_answer()
    {
        var pair = await app.PairAsync();
        var checkIn = await app.CheckInAsync(pair, ParticipantRole.Mentor, CheckInKind.HaveYouMet);
        var client = await app.SignedInClientAsync(pair.Mentor.User);
        var url = $"/Participant/CheckIns/{checkIn.Id}/Met?answer=no";

        var confirm = await client.GetHtmlAsync(url);
        Assert.Contains("No, we have not met yet", confirm, StringComparison.Ordinal);
        Assert.Null((await SavedCheckInAsync(checkIn.Id)).AnsweredAtUtc);

        var response = await client.PostFormAsync(url, new() { ["Data.Met"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await SavedCheckInAsync(checkIn.Id);
        Assert.False(saved.Met);
        Assert.NotNull(saved.AnsweredAtUtc);
        var again = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new AnswerHaveYouMet.Command { CheckInId = checkIn.Id, Met = true }, pair.Mentor.As));
        Assert.Equal(AnswerCheckIn.AnsweredMessage, Assert.Single(again.Failures).ErrorMessage);
        Assert.False((await SavedCheckInAsync(checkIn.Id)).Met);
    }

    [Fact]
    public async Task Have_you_met_needs_a_yes_or_no()
    {
        var pair = await app.PairAsync();
        var checkIn = await app.CheckInAsync(pair, ParticipantRole.Mentee, CheckInKind.HaveYouMet);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new AnswerHaveYouMet.Command { CheckInId = checkIn.Id }, pair.Mentee.As));

        Assert.Equal("Choose yes or no.", Assert.Single(refused.Failures).ErrorMessage);
        Assert.Null((await SavedCheckInAsync(checkIn.Id)).AnsweredAtUtc);
    }

    [Fact]
    public async Task My_check_ins_lists_only_my_own_open_and_answered_ones()
    {
        var pair = await app.PairAsync();
        await app.QuestionAsync(pair.Program, "How useful are your sessions?", CheckInQuestionKind.Rating);
        var open = await app.CheckInAsync(pair, ParticipantRole.Mentee);
        var met = await app.CheckInAsync(pair, ParticipantRole.Mentee, CheckInKind.HaveYouMet);
        await app.CheckInAsync(pair, ParticipantRole.Mentor);
        await app.SendAsync(new AnswerHaveYouMet.Command { CheckInId = met.Id, Met = true }, pair.Mentee.As);

        var mine = await app.SendAsync(new MyCheckIns.Query(1), pair.Mentee.As);

        Assert.Equal([open.Id], mine.Open.Select(c => c.Id).ToList());
        Assert.Equal([met.Id], mine.Answered.Select(c => c.Id).ToList());
        Assert.Equal("Maya Mentor", mine.Open[0].PartnerName);
        var client = await app.SignedInClientAsync(pair.Mentee.User);
        Assert.Contains("Check-ins to answer (1)", await client.GetHtmlAsync("/Participant"), StringComparison.Ordinal);
        var page = await client.GetHtmlAsync("/Participant/CheckIns");
        Assert.Contains($"/Participant/CheckIns/{open.Id}", page, StringComparison.Ordinal);
        Assert.Contains("Have you met Maya Mentor yet? Yes.", page, StringComparison.Ordinal);
    }
}
