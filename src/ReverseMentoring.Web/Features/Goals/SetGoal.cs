using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Agreements;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Goals;

/// <summary>Either side of an active pair sets one of its own goals, perhaps about one of the program's topics.</summary>
public static class SetGoal
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int PairId { get; set; }

        public string? Title { get; set; }

        public int? TopicId { get; set; }

        public string? Notes { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the goal a title.")
                .MaximumLength(PairGoal.TitleMaxLength).WithMessage($"A title has at most {PairGoal.TitleMaxLength} characters; shorten it.");
            RuleFor(c => c.Notes).MaximumLength(PairGoal.NotesMaxLength).WithMessage($"Notes have at most {PairGoal.NotesMaxLength:N0} characters; shorten them.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var (pair, side) = await PairAgreements.MyStartedPairAsync(db, command.PairId, me, tracked: true, cancellationToken);
            await GoalTopics.RequireOfProgramAsync(db, command, pair.ProgramId, command.TopicId, cancellationToken);
            var goal = PairGoal.Set(pair, me, side, command.Title!, command.TopicId, command.Notes, clock.GetUtcNow().UtcDateTime);
            db.PairGoals.Add(goal);
            await db.SaveChangesAsync(cancellationToken);
            return goal.Id;
        }
    }
}

/// <summary>A goal's topic must be one of its program's.</summary>
internal static class GoalTopics
{
    public const string Field = "TopicId";

    public static async Task RequireOfProgramAsync(AppDbContext db, object request, int programId, int? topicId, CancellationToken ct)
    {
        if (topicId is { } id && !await db.ProgramTopics.AnyAsync(t => t.Id == id && t.ProgramId == programId, ct))
        {
            throw RequestValidationException.For(request, Field, "Choose one of the program's topics, or none.");
        }
    }
}
