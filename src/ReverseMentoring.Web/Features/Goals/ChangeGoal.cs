using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Agreements;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Goals;

/// <summary>The owner of a goal rewrites it or moves its status; the other side reads it but cannot change it.</summary>
public static class ChangeGoal
{
    public const string ChangedMeanwhileMessage = "This goal was changed meanwhile. Read it again; your changes were not saved.";

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand
    {
        public int PairId { get; set; }

        public int GoalId { get; set; }

        public string? Title { get; set; }

        public int? TopicId { get; set; }

        public GoalStatus Status { get; set; }

        public string? Notes { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the goal a title.")
                .MaximumLength(PairGoal.TitleMaxLength).WithMessage($"A title has at most {PairGoal.TitleMaxLength} characters; shorten it.");
            RuleFor(c => c.Notes).MaximumLength(PairGoal.NotesMaxLength).WithMessage($"Notes have at most {PairGoal.NotesMaxLength:N0} characters; shorten them.");
            RuleFor(c => c.Status).IsInEnum().WithMessage("Choose one of the statuses.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var (pair, _) = await PairAgreements.MyStartedPairAsync(db, command.PairId, me, tracked: true, cancellationToken);

            // A goal of another pair is not found, as if it did not exist.
            var goal = await db.PairGoals.SingleOrDefaultAsync(g => g.Id == command.GoalId && g.PairId == pair.Id, cancellationToken)
                ?? throw new NotFoundException();
            await GoalTopics.RequireOfProgramAsync(db, command, pair.ProgramId, command.TopicId, cancellationToken);
            db.Entry(goal).Property(g => g.Version).OriginalValue = command.Version;
            goal.Change(me, command.Title!, command.TopicId, command.Status, command.Notes, clock.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", ChangedMeanwhileMessage);
            }

            return Unit.Value;
        }
    }
}
