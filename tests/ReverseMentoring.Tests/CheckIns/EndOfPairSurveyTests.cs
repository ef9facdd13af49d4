using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.CheckIns;

/// <summary>Each test has its own database: the job looks at every pair, so pairs of other tests would disturb the counts.</summary>
public sealed class EndOfPairSurveyTests
{
    private static readonly DateTime AcceptedAt = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_job_follows_each_programs_own_milestone_schedule()
    {
        using var app = new AppFactory();
        var usual = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.QuestionAsync(usual.Program, "How useful are your sessions?");
        var quick = await app.PairAsync(await app.ProgramAsync(), mentorName: "Quick Mentor", menteeName: "Quick Mentee", acceptedAtUtc: AcceptedAt);
        await app.QuestionAsync(quick.Program, "How useful are your sessions?");
        await app.SurveysAsync(quick.Program, first: 14, interval: 0);

        await app.RunJobAtAsync(AcceptedAt.AddDays(14));
        var day14Usual = await app.CheckInsOfAsync(usual.Id, CheckInKind.Milestone);
        var day14Quick = await app.CheckInsOfAsync(quick.Id, CheckInKind.Milestone);
        await app.RunJobAtAsync(AcceptedAt.AddDays(30));
        await app.RunJobAtAsync(AcceptedAt.AddDays(90));
        await app.RunJobAtAsync(AcceptedAt.AddDays(150));

        Assert.Empty(day14Usual);
        Assert.Equal([14, 14], day14Quick.Select(c => c.DayNumber).ToList());
        Assert.Equal([30, 30, 90, 90, 150, 150], (await app.CheckInsOfAsync(usual.Id, CheckInKind.Milestone)).Select(c => c.DayNumber).ToList());
        // An interval of 0 sends the first milestone only.
        Assert.Equal([14, 14], (await app.CheckInsOfAsync(quick.Id, CheckInKind.Milestone)).Select(c => c.DayNumber).ToList());
    }

    [Fact]
    public async Task A_question_for_one_milestone_day_is_asked_on_that_day_only()
    {
        using var app = new AppFactory();
        var pair = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        var always = await app.QuestionAsync(pair.Program, "How useful are your sessions?");
        var day90 = await app.SurveyQuestionAsync(pair.Program, "What have you tried at work since you started?", CheckInSurvey.Milestone, milestoneDay: 90, sortOrder: 2);
        var onlyDay60 = await app.SurveyQuestionAsync(pair.Program, "Asked on a day that is no milestone", CheckInSurvey.Milestone, milestoneDay: 60, sortOrder: 3);

        await app.RunJobAtAsync(AcceptedAt.AddDays(30));
        await app.RunJobAtAsync(AcceptedAt.AddDays(90));
        var sent = await app.CheckInsOfAsync(pair.Id, CheckInKind.Milestone);
        var day30 = await app.SendAsync(new ViewCheckIn.Query(sent.Single(c => c.DayNumber == 30 && c.Role == ParticipantRole.Mentee).Id), pair.Mentee.As);
        var day90View = await app.SendAsync(new ViewCheckIn.Query(sent.Single(c => c.DayNumber == 90 && c.Role == ParticipantRole.Mentee).Id), pair.Mentee.As);

        Assert.Equal([always.Id], day30.Questions.Select(q => q.Id).ToList());
        Assert.Equal([always.Id, day90.Id], day90View.Questions.Select(q => q.Id).ToList());
        Assert.DoesNotContain(onlyDay60.Id, day90View.Questions.Select(q => q.Id));
    }

    [Fact]
    public async Task A_milestone_with_only_other_days_questions_sends_nothing()
    {
        using var app = new AppFactory();
        var pair = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.SurveyQuestionAsync(pair.Program, "What have you tried at work?", CheckInSurvey.Milestone, milestoneDay: 90);
        await app.SessionAsync(pair, SessionStatus.Held, AcceptedAt.AddDays(3));

        Assert.Equal(0, await app.RunJobAtAsync(AcceptedAt.AddDays(30)));
        Assert.Empty(await app.CheckInsOfAsync(pair.Id));
        Assert.Equal(2, await app.RunJobAtAsync(AcceptedAt.AddDays(90)));
        Assert.Equal([90, 90], (await app.CheckInsOfAsync(pair.Id)).Select(c => c.DayNumber).ToList());
    }

    [Fact]
    public async Task The_end_of_pair_survey_goes_to_both_sides_once_when_an_accepted_pair_ends()
    {
        using var app = new AppFactory();
        var pair = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.SurveyQuestionAsync(pair.Program, "How useful was the mentoring overall?", CheckInSurvey.EndOfPair, CheckInQuestionKind.Rating);
        await app.SessionAsync(pair, SessionStatus.Held, AcceptedAt.AddDays(3));
        var endedAt = AcceptedAt.AddDays(40);

        Assert.Equal(0, await app.RunJobAtAsync(endedAt.AddDays(-1)));
        await app.EndPairAsync(pair, endedAt);
        Assert.Equal(2, await app.RunJobAtAsync(endedAt.AddHours(1)));
        Assert.Equal(0, await app.RunJobAtAsync(endedAt.AddDays(2)));

        var sent = await app.CheckInsOfAsync(pair.Id, CheckInKind.EndOfPair);
        Assert.Equal([(ParticipantRole.Mentor, pair.Mentor.Id), (ParticipantRole.Mentee, pair.Mentee.Id)], sent.Select(c => (c.Role, c.UserId)).ToList());
        var mail = Assert.Single(app.MailTo(pair.Mentee.Email));
        Assert.Contains("End-of-pair survey", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"/Participant/CheckIns/{sent.Single(c => c.Role == ParticipantRole.Mentee).Id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(app.MailTo(pair.Mentor.Email));
        var mine = await app.SendAsync(new MyCheckIns.Query(1), pair.Mentee.As);
        Assert.Equal("End-of-pair survey on your pair with Maya Mentor", Assert.Single(mine.Open).Title);
    }

    [Fact]
    public async Task No_end_of_pair_survey_when_it_is_off_has_no_live_question_or_the_pair_was_never_accepted()
    {
        using var app = new AppFactory();
        var off = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.SurveyQuestionAsync(off.Program, "How useful was the mentoring overall?", CheckInSurvey.EndOfPair, CheckInQuestionKind.Rating);
        await app.SurveysAsync(off.Program, endOfPair: false);
        var retired = await app.PairAsync(await app.ProgramAsync(), mentorName: "Other Mentor", menteeName: "Other Mentee", acceptedAtUtc: AcceptedAt);
        await app.QuestionAsync(retired.Program, "A milestone question only");
        var declined = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Matching), PairStatus.Declined, mentorName: "Third Mentor", menteeName: "Third Mentee");
        await app.SurveyQuestionAsync(declined.Program, "How useful was the mentoring overall?", CheckInSurvey.EndOfPair, CheckInQuestionKind.Rating);
        var endedAt = AcceptedAt.AddDays(40);
        await app.EndPairAsync(off, endedAt);
        await app.EndPairAsync(retired, endedAt);

        Assert.Equal(0, await app.RunJobAtAsync(endedAt.AddDays(1)));

        Assert.Empty(await app.CheckInsOfAsync(off.Id, CheckInKind.EndOfPair));
        Assert.Empty(await app.CheckInsOfAsync(retired.Id, CheckInKind.EndOfPair));
        Assert.Empty(await app.CheckInsOfAsync(declined.Id));
        Assert.Empty(app.MailTo(off.Mentor.Email));
    }

    [Fact]
    public async Task An_erased_person_gets_no_survey_after_the_end_and_their_partner_still_does()
    {
        using var app = new AppFactory();
        var pair = await app.PairAsync(acceptedAtUtc: AcceptedAt);
        await app.SurveyQuestionAsync(pair.Program, "How useful was the mentoring overall?", CheckInSurvey.EndOfPair, CheckInQuestionKind.Rating);
        var endedAt = AcceptedAt.AddDays(40);
        await app.EndPairAsync(pair, endedAt);
        await app.ExecuteDbContextAsync(async db =>
        {
            var mentee = await db.Users.SingleAsync(u => u.Id == pair.Mentee.Id);
            mentee.ErasedAtUtc = endedAt;
            await db.SaveChangesAsync();
        });

        Assert.Equal(1, await app.RunJobAtAsync(endedAt.AddHours(1)));

        Assert.Equal([ParticipantRole.Mentor], (await app.CheckInsOfAsync(pair.Id, CheckInKind.EndOfPair)).Select(c => c.Role).ToList());
        Assert.Empty(app.MailTo(pair.Mentee.Email));
    }
}
