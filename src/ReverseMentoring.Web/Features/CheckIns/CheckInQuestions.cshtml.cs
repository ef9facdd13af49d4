using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.CheckIns;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class CheckInQuestionsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public AddCheckInQuestion.Command Data { get; set; } = new();

    public ProgramCheckIns.Result List { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        List = await mediator.Send(new ProgramCheckIns.Query(ProgramId, page ?? 1), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        await mediator.Send(Data, cancellationToken);
        Message = $"\"{Data.Text.Trim()}\" was added.";
        return Redirect($"/Programs/{ProgramId}/CheckIns");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        List ??= await mediator.Send(new ProgramCheckIns.Query(ProgramId, 1), cancellationToken);
}

public static class CheckInQuestions
{
    public static string Describe(CheckInQuestionKind kind) => kind switch
    {
        CheckInQuestionKind.Rating => "Rating 1 to 5",
        CheckInQuestionKind.YesNo => "Yes or no",
        _ => "Free text",
    };

    /// <summary>The rules a question's survey and milestone day follow when it is added or edited.</summary>
    public static void SurveyRules<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, CheckInSurvey>> survey,
        System.Linq.Expressions.Expression<Func<T, int?>> milestoneDay)
    {
        ArgumentNullException.ThrowIfNull(validator);
        validator.RuleFor(survey).IsInEnum().WithMessage("Choose the survey the question belongs to.");
        validator.RuleFor(milestoneDay).InclusiveBetween(1, CheckInQuestion.MaxMilestoneDay)
            .WithMessage($"Give the milestone day as a number from 1 to {CheckInQuestion.MaxMilestoneDay}, or leave it empty to ask at every milestone.");
    }

    /// <summary>The rules a question's text follows when it is added or edited.</summary>
    public static void TextRules<T>(IRuleBuilderInitial<T, string> rule) => rule
        .Must(text => !string.IsNullOrWhiteSpace(text)).WithMessage("Write the question.")
        .Must(text => (text?.Trim().Length ?? 0) <= CheckInQuestion.TextMaxLength)
        .WithMessage($"A question has at most {CheckInQuestion.TextMaxLength} characters; shorten it.");

    public const string DuplicateMessage = "This program already asks this question; word it differently or edit the existing one.";

    public const string ArchivedMessage = "This program is archived; its check-in questions can no longer change.";
}

/// <summary>HR's view of a program's check-ins: the questions of each survey, when they go out, and how people answer.</summary>
public static class ProgramCheckIns
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page) : IQuery<Result>;

    public sealed record Question(int Id, string Text, CheckInQuestionKind Kind, int SortOrder, bool Retired, int Answers)
    {
        public bool AnonymousToHr { get; init; }

        public CheckInSurvey Survey { get; init; }

        public int? MilestoneDay { get; init; }
    }

    /// <summary>A survey after the end over all pairs: how many people were asked and how many answered.</summary>
    public sealed record AfterEnd(CheckInSurvey Survey, int Sent, int Answered)
    {
        public int ResponseRatePercent => Sent == 0 ? 0 : (int)Math.Round(100.0 * Answered / Sent);
    }

    /// <summary>One milestone (day 30, 90...) over all pairs: how many were asked and answered, and the average rating.</summary>
    public sealed record Milestone(int Day, int Sent, int Answered, double? AverageRating)
    {
        public int ResponseRatePercent => Sent == 0 ? 0 : (int)Math.Round(100.0 * Answered / Sent);
    }

    public sealed record HaveYouMetTotals(int Sent, int Yes, int No, int Unanswered);

    /// <summary>A pair asked "have you met yet?", with each side's answer (null: not answered).</summary>
    public sealed record HaveYouMetPair(int PairId, string MentorName, string MenteeName, bool MentorAsked, bool? MentorMet, bool MenteeAsked, bool? MenteeMet, DateTime SentAtUtc);

    public sealed record Result(
        int ProgramId,
        string ProgramName,
        bool IsArchived,
        IReadOnlyList<Question> Questions,
        IReadOnlyList<Milestone> Milestones,
        HaveYouMetTotals HaveYouMet,
        IReadOnlyList<HaveYouMetPair> HaveYouMetPairs,
        int Page,
        int PageCount,
        int PairTotal)
    {
        /// <summary>When the program's surveys go out.</summary>
        public SurveySettings Surveys { get; init; } = new();

        public IReadOnlyList<AfterEnd> AfterEndSurveys { get; init; } = [];
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name, p.ArchivedAtUtc, p.Surveys })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();

            var questions = await db.CheckInQuestions.AsNoTracking()
                .Where(q => q.ProgramId == program.Id)
                .OrderBy(q => q.Survey).ThenBy(q => q.RetiredAtUtc != null).ThenBy(q => q.SortOrder).ThenBy(q => q.Id)
                .Select(q => new Question(q.Id, q.Text, q.Kind, q.SortOrder, q.RetiredAtUtc != null,
                    db.CheckInAnswers.Count(a => a.QuestionId == q.Id)) { AnonymousToHr = q.AnonymousToHr, Survey = q.Survey, MilestoneDay = q.MilestoneDay })
                .ToListAsync(cancellationToken);

            var checkIns = db.CheckIns.AsNoTracking().Where(c => c.ProgramId == program.Id);
            var counts = await checkIns.Where(c => c.Kind == CheckInKind.Milestone)
                .GroupBy(c => c.DayNumber)
                .Select(g => new { Day = g.Key, Sent = g.Count(), Answered = g.Count(c => c.AnsweredAtUtc != null) })
                .ToListAsync(cancellationToken);
            var averages = await (
                    from answer in db.CheckInAnswers
                    join checkIn in checkIns on answer.CheckInId equals checkIn.Id
                    where checkIn.Kind == CheckInKind.Milestone && answer.Rating != null && !answer.Question!.AnonymousToHr
                    group answer by checkIn.DayNumber into g
                    select new { Day = g.Key, Average = g.Average(a => (double)a.Rating!.Value) })
                .ToDictionaryAsync(a => a.Day, a => a.Average, cancellationToken);
            var milestones = counts.OrderBy(c => c.Day)
                .Select(c => new Milestone(c.Day, c.Sent, c.Answered, averages.TryGetValue(c.Day, out var average) ? average : null))
                .ToList();

            var afterEnd = await checkIns.Where(c => c.Kind == CheckInKind.EndOfPair || c.Kind == CheckInKind.Applied)
                .GroupBy(c => c.Kind)
                .Select(g => new { Kind = g.Key, Sent = g.Count(), Answered = g.Count(c => c.AnsweredAtUtc != null) })
                .ToListAsync(cancellationToken);
            var afterEndSurveys = new[] { CheckInSurvey.EndOfPair, CheckInSurvey.Applied }
                .Select(survey => afterEnd.SingleOrDefault(a => a.Kind == CheckInSurveys.KindOf(survey)) is { } found
                    ? new AfterEnd(survey, found.Sent, found.Answered)
                    : new AfterEnd(survey, 0, 0))
                .ToList();

            var met = checkIns.Where(c => c.Kind == CheckInKind.HaveYouMet);
            var answers = await met.GroupBy(c => c.Met).Select(g => new { Met = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var totals = new HaveYouMetTotals(answers.Sum(a => a.Count), answers.Where(a => a.Met == true).Sum(a => a.Count),
                answers.Where(a => a.Met == false).Sum(a => a.Count), answers.Where(a => a.Met == null).Sum(a => a.Count));

            var pairIds = met.Select(c => c.PairId).Distinct();
            var pairTotal = await pairIds.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, pairTotal, PageSize);
            var pairs = await db.Pairs.AsNoTracking()
                .Where(p => pairIds.Contains(p.Id))
                .OrderBy(p => p.MentorEnrolment!.User!.DisplayName).ThenBy(p => p.Id)
                .Page(page, PageSize)
                .Select(p => new
                {
                    p.Id,
                    Mentor = p.MentorEnrolment!.User!.DisplayName,
                    Mentee = p.MenteeEnrolment!.User!.DisplayName,
                    Asked = met.Where(c => c.PairId == p.Id).Select(c => new { c.Role, c.Met, c.SentAtUtc }).ToList(),
                })
                .ToListAsync(cancellationToken);
            var rows = pairs.Select(p =>
            {
                var mentor = p.Asked.FirstOrDefault(a => a.Role == ParticipantRole.Mentor);
                var mentee = p.Asked.FirstOrDefault(a => a.Role == ParticipantRole.Mentee);
                return new HaveYouMetPair(p.Id, p.Mentor, p.Mentee, mentor is not null, mentor?.Met, mentee is not null, mentee?.Met,
                    p.Asked.Min(a => a.SentAtUtc));
            }).ToList();

            return new Result(program.Id, program.Name, program.ArchivedAtUtc is not null, questions, milestones, totals, rows, page, pageCount, pairTotal)
            {
                Surveys = program.Surveys,
                AfterEndSurveys = afterEndSurveys,
            };
        }
    }
}
