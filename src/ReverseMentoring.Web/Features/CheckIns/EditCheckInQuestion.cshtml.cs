using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.CheckIns;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class EditCheckInQuestionModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public EditCheckInQuestion.Command Data { get; set; } = new();

    public EditCheckInQuestion.Details Question { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Question = await mediator.Send(new EditCheckInQuestion.Query(ProgramId, Id), cancellationToken);
        Data = new EditCheckInQuestion.Command
        {
            Text = Question.Text, Kind = Question.Kind, SortOrder = Question.SortOrder, AnonymousToHr = Question.AnonymousToHr,
            Survey = Question.Survey, MilestoneDay = Question.MilestoneDay,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        Data.QuestionId = Id;
        await mediator.Send(Data, cancellationToken);
        Message = $"\"{Data.Text.Trim()}\" was saved.";
        return Redirect($"/Programs/{ProgramId}/CheckIns");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Question ??= await mediator.Send(new EditCheckInQuestion.Query(ProgramId, Id), cancellationToken);
}

/// <summary>
/// HR rewords a check-in question, moves it in the order or to one milestone day, or changes its kind or survey while
/// nobody has answered it.
/// </summary>
public static class EditCheckInQuestion
{
    public const int MaxSortOrder = 999;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int QuestionId) : IQuery<Details>;

    public sealed record Details(int Id, int ProgramId, string ProgramName, string Text, CheckInQuestionKind Kind, int SortOrder, int Answers)
    {
        public bool AnonymousToHr { get; init; }

        public CheckInSurvey Survey { get; init; }

        public int? MilestoneDay { get; init; }
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int QuestionId { get; set; }

        public string Text { get; set; } = "";

        public CheckInQuestionKind Kind { get; set; }

        public int SortOrder { get; set; } = 1;

        /// <summary>HR sees the answers only in aggregate.</summary>
        public bool AnonymousToHr { get; set; }

        public CheckInSurvey Survey { get; set; } = CheckInSurvey.Milestone;

        /// <summary>For a milestone question, the one day it is asked at; empty asks it at every milestone.</summary>
        public int? MilestoneDay { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            CheckInQuestions.TextRules(RuleFor(c => c.Text));
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose how people answer: a rating, yes or no, or free text.");
            RuleFor(c => c.SortOrder).InclusiveBetween(1, MaxSortOrder)
                .WithMessage($"Give the question's place in the order as a number from 1 to {MaxSortOrder}.");
            CheckInQuestions.SurveyRules(this, c => c.Survey, c => c.MilestoneDay);
        }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Details>
    {
        public async ValueTask<Details> Handle(Query query, CancellationToken cancellationToken) =>
            await db.CheckInQuestions.AsNoTracking()
                .Where(q => q.Id == query.QuestionId && q.ProgramId == query.ProgramId && q.RetiredAtUtc == null)
                .Select(q => new Details(q.Id, q.ProgramId, db.Programs.Where(p => p.Id == q.ProgramId).Select(p => p.Name).Single(),
                    q.Text, q.Kind, q.SortOrder, db.CheckInAnswers.Count(a => a.QuestionId == q.Id))
                {
                    AnonymousToHr = q.AnonymousToHr, Survey = q.Survey, MilestoneDay = q.MilestoneDay,
                })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException();
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var question = await db.CheckInQuestions
                .SingleOrDefaultAsync(q => q.Id == command.QuestionId && q.ProgramId == command.ProgramId && q.RetiredAtUtc == null, cancellationToken)
                ?? throw new NotFoundException();
            if (await db.Programs.AnyAsync(p => p.Id == command.ProgramId && p.ArchivedAtUtc != null, cancellationToken))
            {
                throw RequestValidationException.For(command, "", CheckInQuestions.ArchivedMessage);
            }

            var text = command.Text.Trim();
            var others = await db.CheckInQuestions
                .Where(q => q.ProgramId == command.ProgramId && q.RetiredAtUtc == null && q.Id != question.Id && q.Survey == command.Survey)
                .Select(q => q.Text)
                .ToListAsync(cancellationToken);
            if (others.Any(other => string.Equals(other, text, StringComparison.OrdinalIgnoreCase)))
            {
                throw RequestValidationException.For(command, nameof(Command.Text), CheckInQuestions.DuplicateMessage);
            }

            var answered = await db.CheckInAnswers.AnyAsync(a => a.QuestionId == question.Id, cancellationToken);
            if (command.Kind != question.Kind && answered)
            {
                throw RequestValidationException.For(command, nameof(Command.Kind),
                    "People have answered this question already, so how they answer cannot change. Retire it and add a new question instead.");
            }

            if (command.Survey != question.Survey && answered)
            {
                throw RequestValidationException.For(command, nameof(Command.Survey), CheckInQuestion.SurveyFixedMessage);
            }

            question.SetAnonymousToHr(command.AnonymousToHr, answered);
            question.AskIn(command.Survey, command.Survey == CheckInSurvey.Milestone ? command.MilestoneDay : null, answered);
            question.Text = text;
            question.Kind = command.Kind;
            question.SortOrder = command.SortOrder;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
