using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.CheckIns;

/// <summary>
/// Every answer to a program's check-ins and surveys, one row per answer with the pair, the side, the survey and the day, for HR: participants are
/// told that HR reads their answers. "Have you met yet?" answers are rows too, under that question. Questions anonymous
/// to HR are left out: their answers are only ever counted (<see cref="ReadCheckInAnswers"/>).
/// </summary>
public static class ExportCheckInAnswers
{
    public const string HaveYouMetQuestion = "Have you met yet?";

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<ExportTable>;

    public static readonly IReadOnlyList<string> Header =
    [
        "Answered on", "Mentor", "Mentor's e-mail", "Mentee", "Mentee's e-mail", "Answered by", "Side", "Survey", "Check-in", "Question", "Answer",
    ];

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, ExportTable>
    {
        public async ValueTask<ExportTable> Handle(Query query, CancellationToken cancellationToken)
        {
            _ = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => (int?)p.Id)
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var checkIns = await db.CheckIns.AsNoTracking()
                .Where(c => c.ProgramId == query.ProgramId && c.AnsweredAtUtc != null)
                .OrderBy(c => c.AnsweredAtUtc).ThenBy(c => c.Id)
                .Select(c => new
                {
                    c.AnsweredAtUtc,
                    Mentor = c.Pair!.MentorEnrolment!.User!.DisplayName,
                    MentorEmail = c.Pair.MentorEnrolment.User.Email,
                    Mentee = c.Pair.MenteeEnrolment!.User!.DisplayName,
                    MenteeEmail = c.Pair.MenteeEnrolment.User.Email,
                    c.Role,
                    c.Kind,
                    c.DayNumber,
                    c.Met,
                    Answers = c.Answers.Where(a => !a.Question!.AnonymousToHr).OrderBy(a => a.Question!.SortOrder).ThenBy(a => a.QuestionId)
                        .Select(a => new { a.Question!.Text, a.Question.Kind, a.Rating, a.YesNo, Answer = a.Text }).ToList(),
                })
                .ToListAsync(cancellationToken);

            static string YesNo(bool? value) => value switch { true => "Yes", false => "No", null => "" };
            var rows = new List<IReadOnlyList<string>>();
            foreach (var c in checkIns)
            {
                IReadOnlyList<string> Row(string question, string answer) =>
                [
                    c.AnsweredAtUtc!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Mentor, c.MentorEmail ?? "", c.Mentee, c.MenteeEmail ?? "",
                    c.Role == ParticipantRole.Mentor ? c.Mentor : c.Mentee, EnrolmentRules.Describe(c.Role),
                    CheckInSurveys.SurveyOf(c.Kind) is { } survey ? CheckInSurveys.ShortName(survey) : "Have you met?",
                    CheckInSurveys.When(c.Kind, c.DayNumber), question, answer,
                ];

                if (c.Kind == CheckInKind.HaveYouMet)
                {
                    rows.Add(Row(HaveYouMetQuestion, YesNo(c.Met)));
                }

                rows.AddRange(c.Answers.Select(a => Row(a.Text, a.Kind switch
                {
                    CheckInQuestionKind.Rating => a.Rating?.ToString(CultureInfo.InvariantCulture) ?? "",
                    CheckInQuestionKind.YesNo => YesNo(a.YesNo),
                    _ => a.Answer ?? "",
                })));
            }

            return new ExportTable("Check-in answers", Header, rows);
        }
    }
}
