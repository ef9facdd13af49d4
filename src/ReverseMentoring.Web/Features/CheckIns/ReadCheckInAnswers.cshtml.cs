using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.CheckIns;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ReadCheckInAnswersModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? QuestionId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Day { get; set; }

    [BindProperty(SupportsGet = true)]
    public CheckInSurvey? Survey { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PairId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    public ReadCheckInAnswers.Result Data { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ReadCheckInAnswers.Query(ProgramId, QuestionId, Day, PairId, Department, page ?? 1) { Survey = Survey }, cancellationToken);
}

/// <summary>
/// HR reads what participants answered at their check-ins: every answer to a named question with the pair, the side and
/// the day, filtered by survey, question, milestone, pair or department. Answers to questions anonymous to HR never appear
/// here with anyone's name: they are counted for the whole program only, and only from <see cref="AnonymousMinimum"/>
/// answers on, whatever the filters say, so no filter can be subtracted from another to single a person out.
/// </summary>
public static class ReadCheckInAnswers
{
    public const int PageSize = 50;

    /// <summary>An anonymous question's aggregate is shown only over this many answers or more.</summary>
    public const int AnonymousMinimum = 5;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int? QuestionId, int? Day, int? PairId, string? Department, int Page = 1) : IQuery<Result>
    {
        /// <summary>Only the answers of this survey (milestones, end of pair, applied).</summary>
        public CheckInSurvey? Survey { get; init; }
    }

    public sealed record Row(DateTime AnsweredAtUtc, string Answered, int PairId, string MentorName, string MenteeName, ParticipantRole Side, int Day, string Question, string Answer)
    {
        public CheckInKind Kind { get; init; }

        /// <summary>Which check-in the answer was given in: "Day 30", "End-of-pair survey"...</summary>
        public string Survey => CheckInSurveys.When(Kind, Day);
    }

    public sealed record Option(int Id, string Text);

    /// <summary>An anonymous question over the whole program: the count, and the figures only once there are enough answers.</summary>
    public sealed record AnonymousAggregate(string Question, CheckInQuestionKind Kind, int Answers, double? AverageRating, int? Yes, int? No, IReadOnlyList<string> Texts)
    {
        public CheckInSurvey Survey { get; init; }

        public bool Suppressed => Answers < AnonymousMinimum;
    }

    public sealed record Result(int ProgramId, string ProgramName, IReadOnlyList<Row> Rows, Pager Pager)
    {
        public IReadOnlyList<Option> Questions { get; init; } = [];

        public IReadOnlyList<int> Days { get; init; } = [];

        public IReadOnlyList<string> Departments { get; init; } = [];

        public IReadOnlyList<AnonymousAggregate> Anonymous { get; init; } = [];

        /// <summary>The filter names a pair: the page says whose answers these are.</summary>
        public string? PairName { get; init; }
    }

    public static string Describe(CheckInQuestionKind kind, int? rating, bool? yesNo, string? text) => kind switch
    {
        CheckInQuestionKind.Rating => rating is { } r ? $"{r.ToString(CultureInfo.InvariantCulture)} of 5" : "No answer",
        CheckInQuestionKind.YesNo => yesNo switch { true => "Yes", false => "No", _ => "No answer" },
        _ => string.IsNullOrWhiteSpace(text) ? "No answer" : text,
    };

    /// <summary>Answers to the program's named questions, oldest first; the pair's page and this page both read them here.</summary>
    public static IQueryable<CheckInAnswer> Named(AppDbContext db, int programId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CheckInAnswers.Where(a => a.Question!.ProgramId == programId && !a.Question.AnonymousToHr
            && db.CheckIns.Any(c => c.Id == a.CheckInId && c.ProgramId == programId && c.AnsweredAtUtc != null));
    }

    /// <summary>One pair's named answers in time order, each with its side and day, shown in the viewer's zone.</summary>
    public static async Task<IReadOnlyList<Row>> ForPairAsync(AppDbContext db, int programId, int pairId, string viewerZone, CancellationToken cancellationToken)
    {
        var rows = await Project(db, Named(db, programId).Where(a => db.CheckIns.Any(c => c.Id == a.CheckInId && c.PairId == pairId)))
            .Take(500)
            .ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRow(viewerZone)).ToList();
    }

    private sealed record Projected(int Id, DateTime AnsweredAtUtc, int PairId, string MentorName, string MenteeName, ParticipantRole Side, int Day,
        string Question, CheckInQuestionKind Kind, int? Rating, bool? YesNo, string? Text, CheckInKind CheckInKind)
    {
        public Row ToRow(string zone) => new(AnsweredAtUtc, SessionTimes.Format(AnsweredAtUtc, zone), PairId, MentorName, MenteeName, Side, Day, Question,
            Describe(Kind, Rating, YesNo, Text)) { Kind = CheckInKind };
    }

    private static IQueryable<Projected> Project(AppDbContext db, IQueryable<CheckInAnswer> answers) =>
        from a in answers
        join c in db.CheckIns on a.CheckInId equals c.Id
        orderby c.AnsweredAtUtc, c.Id, a.Question!.SortOrder, a.Id
        select new Projected(a.Id, c.AnsweredAtUtc!.Value, c.PairId, c.Pair!.MentorEnrolment!.User!.DisplayName, c.Pair.MenteeEnrolment!.User!.DisplayName,
            c.Role, c.DayNumber, a.Question!.Text, a.Question.Kind, a.Rating, a.YesNo, a.Text, c.Kind);

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
            var viewerId = current.RequireId();
            var zone = await db.Users.AsNoTracking().Where(u => u.Id == viewerId).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);

            var answers = Named(db, program.Id).AsNoTracking();
            if (query.QuestionId is { } questionId)
            {
                answers = answers.Where(a => a.QuestionId == questionId);
            }

            if (query.Survey is { } survey)
            {
                var kind = CheckInSurveys.KindOf(survey);
                answers = answers.Where(a => db.CheckIns.Any(c => c.Id == a.CheckInId && c.Kind == kind));
            }

            if (query.Day is { } day)
            {
                // A milestone's day: the "applied?" survey counts its days from the end, so it is never mixed in.
                answers = answers.Where(a => db.CheckIns.Any(c => c.Id == a.CheckInId && c.Kind == CheckInKind.Milestone && c.DayNumber == day));
            }

            if (query.PairId is { } pairId)
            {
                answers = answers.Where(a => db.CheckIns.Any(c => c.Id == a.CheckInId && c.PairId == pairId));
            }

            var department = query.Department?.Trim();
            if (!string.IsNullOrEmpty(department))
            {
                answers = answers.Where(a => db.CheckIns.Any(c => c.Id == a.CheckInId
                    && (c.Pair!.MentorEnrolment!.Department == department || c.Pair.MenteeEnrolment!.Department == department)));
            }

            var total = await answers.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var rows = (await Project(db, answers).Page(page, PageSize).ToListAsync(cancellationToken)).Select(r => r.ToRow(zone)).ToList();

            var questions = await db.CheckInQuestions.AsNoTracking()
                .Where(q => q.ProgramId == program.Id && !q.AnonymousToHr)
                .OrderBy(q => q.RetiredAtUtc != null).ThenBy(q => q.SortOrder).ThenBy(q => q.Id)
                .Select(q => new Option(q.Id, q.RetiredAtUtc == null ? q.Text : q.Text + " (retired)"))
                .ToListAsync(cancellationToken);
            var days = await db.CheckIns.AsNoTracking()
                .Where(c => c.ProgramId == program.Id && c.Kind == CheckInKind.Milestone && c.AnsweredAtUtc != null)
                .Select(c => c.DayNumber).Distinct().OrderBy(d => d)
                .ToListAsync(cancellationToken);
            var departments = await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgramId == program.Id)
                .Select(e => e.Department).Distinct().OrderBy(d => d)
                .Take(200)
                .ToListAsync(cancellationToken);
            string? pairName = null;
            if (query.PairId is { } named)
            {
                pairName = await db.Pairs.AsNoTracking().Where(p => p.Id == named && p.ProgramId == program.Id)
                    .Select(p => p.MentorEnrolment!.User!.DisplayName + " and " + p.MenteeEnrolment!.User!.DisplayName)
                    .SingleOrDefaultAsync(cancellationToken);
            }

            var keep = string.Join('&', new[]
            {
                query.QuestionId is { } q ? $"questionId={q}" : null,
                query.Survey is { } sv ? $"survey={sv}" : null,
                query.Day is { } d ? $"day={d}" : null,
                query.PairId is { } p ? $"pairId={p}" : null,
                string.IsNullOrEmpty(department) ? null : $"department={Uri.EscapeDataString(department)}",
            }.Where(s => s is not null));

            return new Result(program.Id, program.Name, rows, new Pager(page, pageCount, total, "answer", "answers", keep))
            {
                Questions = questions,
                Days = days,
                Departments = departments,
                Anonymous = await AnonymousAsync(program.Id, cancellationToken),
                PairName = pairName,
            };
        }

        /// <summary>Whole-program figures of each anonymous question; no filter applies, so none can be subtracted from another.</summary>
        private async Task<IReadOnlyList<AnonymousAggregate>> AnonymousAsync(int programId, CancellationToken cancellationToken)
        {
            var questions = await db.CheckInQuestions.AsNoTracking()
                .Where(q => q.ProgramId == programId && q.AnonymousToHr)
                .OrderBy(q => q.Survey).ThenBy(q => q.SortOrder).ThenBy(q => q.Id)
                .Select(q => new { q.Id, q.Text, q.Kind, q.Survey })
                .ToListAsync(cancellationToken);
            var result = new List<AnonymousAggregate>();
            foreach (var question in questions)
            {
                var answers = db.CheckInAnswers.AsNoTracking().Where(a => a.QuestionId == question.Id
                    && db.CheckIns.Any(c => c.Id == a.CheckInId && c.AnsweredAtUtc != null));
                var count = await answers.CountAsync(cancellationToken);
                if (count < AnonymousMinimum)
                {
                    result.Add(new AnonymousAggregate(question.Text, question.Kind, count, null, null, null, []) { Survey = question.Survey });
                    continue;
                }

                switch (question.Kind)
                {
                    case CheckInQuestionKind.Rating:
                        var average = await answers.Where(a => a.Rating != null).AverageAsync(a => (double?)a.Rating, cancellationToken);
                        result.Add(new AnonymousAggregate(question.Text, question.Kind, count, average is { } v ? Math.Round(v, 1) : null, null, null, []) { Survey = question.Survey });
                        break;
                    case CheckInQuestionKind.YesNo:
                        var yes = await answers.CountAsync(a => a.YesNo == true, cancellationToken);
                        var no = await answers.CountAsync(a => a.YesNo == false, cancellationToken);
                        result.Add(new AnonymousAggregate(question.Text, question.Kind, count, null, yes, no, []) { Survey = question.Survey });
                        break;
                    default:
                        // The texts alone, in an order that says nothing about who or when.
                        var texts = await answers.Where(a => a.Text != null && a.Text != "").Select(a => a.Text!).ToListAsync(cancellationToken);
                        result.Add(new AnonymousAggregate(question.Text, question.Kind, count, null, null, null,
                            texts.OrderBy(t => t, StringComparer.Ordinal).ToList()) { Survey = question.Survey });
                        break;
                }
            }

            return result;
        }
    }
}
