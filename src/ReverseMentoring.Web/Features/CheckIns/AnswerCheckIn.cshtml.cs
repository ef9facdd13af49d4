using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.CheckIns;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class AnswerCheckInModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public AnswerCheckIn.Command Data { get; set; } = new();

    public ViewCheckIn.Details CheckIn { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        CheckIn = await mediator.Send(new ViewCheckIn.Query(Id), cancellationToken);
        if (CheckIn.Kind == CheckInKind.HaveYouMet && CheckIn.AnsweredAtUtc is null)
        {
            return Redirect($"/Participant/CheckIns/{Id}/Met");
        }

        Data = new AnswerCheckIn.Command
        {
            CheckInId = Id,
            Answers = CheckIn.Questions.Select(q => new AnswerCheckIn.Item { QuestionId = q.Id }).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.CheckInId = Id;
        await mediator.Send(Data, cancellationToken);
        Message = "Thank you: your answers were sent to HR.";
        return Redirect("/Participant/CheckIns");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        CheckIn ??= await mediator.Send(new ViewCheckIn.Query(Id), cancellationToken);
}

/// <summary>One of the participant's own check-ins: the questions to answer, or the answers given.</summary>
public static class ViewCheckIn
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int CheckInId) : IQuery<Details>;

    public sealed record Question(int Id, string Text, CheckInQuestionKind Kind, int? Rating, bool? YesNo, string? Answer)
    {
        /// <summary>HR sees this question's answers only in aggregate; the form says so next to it.</summary>
        public bool AnonymousToHr { get; init; }
    }

    public sealed record Details(
        int Id, CheckInKind Kind, int DayNumber, string ProgramName, string PartnerName, DateTime SentAtUtc, DateTime? AnsweredAtUtc, bool? Met,
        IReadOnlyList<Question> Questions);

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Details>
    {
        public async ValueTask<Details> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var checkIn = await db.CheckIns.AsNoTracking()
                .Where(c => c.Id == query.CheckInId && c.UserId == userId)
                .Select(c => new
                {
                    c.Id,
                    c.Kind,
                    c.DayNumber,
                    c.ProgramId,
                    ProgramName = db.Programs.Where(p => p.Id == c.ProgramId).Select(p => p.Name).Single(),
                    PartnerName = c.Role == ParticipantRole.Mentor ? c.Pair!.MenteeEnrolment!.User!.DisplayName : c.Pair!.MentorEnrolment!.User!.DisplayName,
                    c.SentAtUtc,
                    c.AnsweredAtUtc,
                    c.Met,
                })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();

            List<Question> questions;
            if (checkIn.Kind == CheckInKind.HaveYouMet)
            {
                questions = [];
            }
            else if (checkIn.AnsweredAtUtc is not null)
            {
                questions = await db.CheckInAnswers.AsNoTracking()
                    .Where(a => a.CheckInId == checkIn.Id)
                    .OrderBy(a => a.Question!.SortOrder).ThenBy(a => a.QuestionId)
                    .Select(a => new Question(a.QuestionId, a.Question!.Text, a.Question.Kind, a.Rating, a.YesNo, a.Text) { AnonymousToHr = a.Question.AnonymousToHr })
                    .ToListAsync(cancellationToken);
            }
            else
            {
                questions = await AnswerCheckIn.ActiveQuestions(db, checkIn.ProgramId, checkIn.Kind, checkIn.DayNumber)
                    .Select(q => new Question(q.Id, q.Text, q.Kind, null, null, null) { AnonymousToHr = q.AnonymousToHr })
                    .ToListAsync(cancellationToken);
            }

            return new Details(checkIn.Id, checkIn.Kind, checkIn.DayNumber, checkIn.ProgramName, checkIn.PartnerName, checkIn.SentAtUtc,
                checkIn.AnsweredAtUtc, checkIn.Met, questions);
        }
    }
}

/// <summary>
/// A participant answers a milestone check-in, the end-of-pair survey or the "applied?" survey: every rating and yes/no
/// question; free text is optional. Answers are final.
/// </summary>
public static class AnswerCheckIn
{
    public const string AnsweredMessage = "You answered this check-in already; answers cannot change.";

    public const string NotAskedMessage = "This question is not part of this check-in; the form now shows the questions it asks.";

    /// <summary>The live questions of the program asked in a check-in of this kind on this day (a milestone's own questions).</summary>
    public static IQueryable<CheckInQuestion> ActiveQuestions(AppDbContext db, int programId, CheckInKind kind, int dayNumber) =>
        db.CheckInQuestions.AsNoTracking()
            .Where(q => q.ProgramId == programId && q.RetiredAtUtc == null)
            .Where(CheckInQuestion.AskedIn(kind, dayNumber))
            .OrderBy(q => q.SortOrder).ThenBy(q => q.Id);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand
    {
        public int CheckInId { get; set; }

        public List<Item> Answers { get; set; } = [];
    }

    public sealed class Item
    {
        public int QuestionId { get; set; }

        public int? Rating { get; set; }

        public bool? YesNo { get; set; }

        public string? Text { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleForEach(c => c.Answers).ChildRules(item =>
            {
                item.RuleFor(i => i.Rating).InclusiveBetween(1, 5).When(i => i.Rating is not null)
                    .WithMessage("Choose a rating from 1 to 5.");
                item.RuleFor(i => i.Text).MaximumLength(CheckInAnswer.TextMaxLength)
                    .WithMessage($"An answer has at most {CheckInAnswer.TextMaxLength} characters; shorten it.");
            });
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var checkIn = await db.CheckIns.SingleOrDefaultAsync(c => c.Id == command.CheckInId && c.UserId == userId, cancellationToken)
                ?? throw new NotFoundException();
            if (checkIn.Kind == CheckInKind.HaveYouMet)
            {
                throw RequestValidationException.For(command, "", "This check-in is answered with yes or no; use its own link.");
            }

            if (checkIn.AnsweredAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", AnsweredMessage);
            }

            var questions = await ActiveQuestions(db, checkIn.ProgramId, checkIn.Kind, checkIn.DayNumber).ToListAsync(cancellationToken);
            if (questions.Count == 0)
            {
                throw RequestValidationException.For(command, "", "HR has withdrawn the questions of this check-in, so there is nothing to answer.");
            }

            // An answer to a question this check-in does not ask (another program's, another survey's, a retired one) is
            // refused rather than dropped, so nobody believes HR got an answer it did not.
            if (command.Answers.Any(given => questions.All(q => q.Id != given.QuestionId)))
            {
                throw RequestValidationException.For(command, "", NotAskedMessage);
            }

            var failures = new List<ValidationFailure>();
            var answers = new List<CheckInAnswer>();
            for (var position = 0; position < questions.Count; position++)
            {
                var question = questions[position];
                var index = command.Answers.FindIndex(a => a.QuestionId == question.Id);
                var given = index < 0 ? new Item() : command.Answers[index];
                var at = $"{nameof(Command.Answers)}[{(index < 0 ? position : index)}]";
                switch (question.Kind)
                {
                    case CheckInQuestionKind.Rating when given.Rating is null:
                        failures.Add(new ValidationFailure($"{at}.{nameof(Item.Rating)}", "Choose a rating from 1 to 5."));
                        continue;
                    case CheckInQuestionKind.YesNo when given.YesNo is null:
                        failures.Add(new ValidationFailure($"{at}.{nameof(Item.YesNo)}", "Choose yes or no."));
                        continue;
                }

                var text = given.Text?.Trim();
                answers.Add(new CheckInAnswer
                {
                    QuestionId = question.Id,
                    Rating = question.Kind == CheckInQuestionKind.Rating ? given.Rating : null,
                    YesNo = question.Kind == CheckInQuestionKind.YesNo ? given.YesNo : null,
                    Text = question.Kind == CheckInQuestionKind.Text && !string.IsNullOrEmpty(text) ? text : null,
                });
            }

            if (failures.Count > 0)
            {
                throw new RequestValidationException(command, failures);
            }

            checkIn.Answers.AddRange(answers);
            checkIn.AnsweredAtUtc = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same form sent twice: the unique (check-in, question) key keeps the first.
                throw RequestValidationException.For(command, "", AnsweredMessage);
            }

            return Unit.Value;
        }
    }
}
