using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.CheckIns;

/// <summary>HR adds a question to one of the program's surveys; it is asked from the next check-in of that survey on.</summary>
public static class AddCheckInQuestion
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }

        public string Text { get; set; } = "";

        public CheckInQuestionKind Kind { get; set; } = CheckInQuestionKind.Rating;

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
            CheckInQuestions.SurveyRules(this, c => c.Survey, c => c.MilestoneDay);
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", CheckInQuestions.ArchivedMessage);
            }

            var text = command.Text.Trim();
            var existing = await db.CheckInQuestions.Where(q => q.ProgramId == program.Id && q.RetiredAtUtc == null && q.Survey == command.Survey)
                .Select(q => new { q.Text, q.SortOrder })
                .ToListAsync(cancellationToken);
            if (existing.Any(q => string.Equals(q.Text, text, StringComparison.OrdinalIgnoreCase)))
            {
                throw RequestValidationException.For(command, nameof(Command.Text), CheckInQuestions.DuplicateMessage);
            }

            var question = new CheckInQuestion
            {
                ProgramId = program.Id,
                Text = text,
                Kind = command.Kind,
                SortOrder = existing.Count == 0 ? 1 : existing.Max(q => q.SortOrder) + 1,
            };
            question.SetAnonymousToHr(command.AnonymousToHr, hasAnswers: false);
            question.AskIn(command.Survey, command.Survey == CheckInSurvey.Milestone ? command.MilestoneDay : null, hasAnswers: false);
            db.CheckInQuestions.Add(question);
            await db.SaveChangesAsync(cancellationToken);
            return question.Id;
        }
    }
}
