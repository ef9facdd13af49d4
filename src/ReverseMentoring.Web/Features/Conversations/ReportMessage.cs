using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Conversations;

/// <summary>
/// Either side shows HR one message of their pair, with an optional reason: HR then reads that message (and only it) on
/// the pair's page and finds it on the to-do list. The partner is not told. A message not in the caller's pair is 404.
/// </summary>
public static class ReportMessage
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand
    {
        public int PairId { get; set; }

        public int MessageId { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason)
                .Must(reason => reason is null || reason.Trim().Length <= MessageReport.ReasonMaxLength)
                .WithMessage($"A reason has at most {MessageReport.ReasonMaxLength:N0} characters.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var sides = await PairMessages.PairOfCallerAsync(db, command.PairId, me, cancellationToken);
            var message = await db.PairMessages.AsNoTracking()
                .SingleOrDefaultAsync(m => m.Id == command.MessageId && m.PairId == sides.Pair.Id, cancellationToken)
                ?? throw new NotFoundException();
            if (await db.MessageReports.AnyAsync(r => r.MessageId == message.Id && r.ReportedByUserId == me, cancellationToken))
            {
                throw RequestValidationException.For(command, nameof(Command.Reason), "You reported this message to HR already.");
            }

            db.MessageReports.Add(MessageReport.Of(message, me, command.Reason, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
