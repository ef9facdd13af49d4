using Microsoft.EntityFrameworkCore;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// The pilot's ended pairs answered the end-of-pair survey and, three weeks later, said what they have applied at work,
/// so HR sees evidence of skills in use on a fresh install.
/// </summary>
internal sealed partial class DemoData
{
    /// <summary>The pilot asks three weeks after the end, so its pairs that finished last month have answered already.</summary>
    private const int PilotAppliedSurveyDays = 21;

    private static readonly (string Mentor, string Mentee)[] PilotDifferently =
    [
        ("I will prepare a short agenda for every meeting with a senior; it made our hour twice as useful.",
            "I will ask my team to show me their tools before I decide on a new one."),
        ("I will speak up earlier in meetings with leaders instead of waiting to be asked.",
            "I will try a tool for a week myself before I judge it."),
        ("I will explain the why before the how when I teach someone a tool.",
            "I will draft with an assistant first and edit, rather than start from a blank page."),
    ];

    private static readonly (string Mentor, string Mentee)[] PilotApplied =
    [
        ("I ran my team's retrospective in Miro and coached our director through the board beforehand; he facilitated the next one himself.",
            "I used Copilot to draft the board summary for the quarterly review and cut the preparation from a day to two hours."),
        ("I presented our team's automation idea to the operations leadership, using the structure my mentee uses for board papers.",
            "I ran my department's all-hands questions through a shared Slido instead of collecting them by e-mail; three times as many came in."),
        ("I now give feedback to my manager the way we practised: one observation, its effect, one suggestion.",
            "I set up a Teams channel for my leadership team and moved our weekly status updates out of e-mail."),
    ];

    private async Task EnsurePilotSurveysAsync(MentoringProgram program, DateTime now, CancellationToken cancellationToken)
    {
        program.Surveys = SurveySettings.Create(program.Surveys.FirstMilestoneDay, program.Surveys.MilestoneIntervalDays, true, PilotAppliedSurveyDays);
        var questions = CheckInQuestion.StarterSurveysFor(program.Id);
        db.CheckInQuestions.AddRange(questions);
        await db.SaveChangesAsync(cancellationToken);

        var overall = questions.Single(q => q.Survey == CheckInSurvey.EndOfPair && q.Kind == CheckInQuestionKind.Rating);
        var differently = questions.Single(q => q.Survey == CheckInSurvey.EndOfPair && q.Kind == CheckInQuestionKind.Text);
        var applied = questions.Single(q => q.Survey == CheckInSurvey.Applied);
        var ended = await db.Pairs.AsNoTracking()
            .Where(p => p.ProgramId == program.Id && p.Status == PairStatus.Ended && p.AcceptedAtUtc != null && p.EndedAtUtc != null)
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                EndedAtUtc = p.EndedAtUtc!.Value,
                p.Ending,
                Mentor = new { p.MentorEnrolmentId, p.MentorEnrolment!.UserId },
                Mentee = new { p.MenteeEnrolmentId, p.MenteeEnrolment!.UserId },
            })
            .ToListAsync(cancellationToken);
        for (var i = 0; i < ended.Count; i++)
        {
            var pair = ended[i];
            var words = i % PilotApplied.Length;
            var sides = new[]
            {
                (Role: ParticipantRole.Mentor, EnrolmentId: pair.Mentor.MentorEnrolmentId, pair.Mentor.UserId,
                    Differently: PilotDifferently[words].Mentor, Applied: PilotApplied[words].Mentor),
                (Role: ParticipantRole.Mentee, EnrolmentId: pair.Mentee.MenteeEnrolmentId, pair.Mentee.UserId,
                    Differently: PilotDifferently[words].Mentee, Applied: PilotApplied[words].Mentee),
            };
            foreach (var side in sides)
            {
                var sent = pair.EndedAtUtc.AddHours(1);
                db.CheckIns.Add(new CheckIn
                {
                    ProgramId = program.Id, PairId = pair.Id, EnrolmentId = side.EnrolmentId, UserId = side.UserId, Role = side.Role,
                    Kind = CheckInKind.EndOfPair, DayNumber = 0, SentAtUtc = sent, AnsweredAtUtc = sent.AddDays(1 + (int)side.Role),
                    Answers =
                    [
                        new CheckInAnswer { QuestionId = overall.Id, Rating = pair.Ending == PairEnding.Completed ? 5 - (i + (int)side.Role) % 2 : 3 },
                        new CheckInAnswer { QuestionId = differently.Id, Text = side.Differently },
                    ],
                });

                var asked = pair.EndedAtUtc.AddDays(PilotAppliedSurveyDays);
                if (asked.AddDays(3) > now)
                {
                    continue;
                }

                db.CheckIns.Add(new CheckIn
                {
                    ProgramId = program.Id, PairId = pair.Id, EnrolmentId = side.EnrolmentId, UserId = side.UserId, Role = side.Role,
                    Kind = CheckInKind.Applied, DayNumber = PilotAppliedSurveyDays, SentAtUtc = asked, AnsweredAtUtc = asked.AddDays(2 + (int)side.Role),
                    Answers = [new CheckInAnswer { QuestionId = applied.Id, Text = side.Applied }],
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
