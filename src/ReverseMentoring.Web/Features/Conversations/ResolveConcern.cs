using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Conversations;

/// <summary>HR closes a concern about a pair with a note of what was done; the pair's "Concern raised" flag goes with the last open one.</summary>
public static class ResolveConcern
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int PairId { get; set; }

        public int ConcernId { get; set; }

        public string Note { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Note).Cascade(CascadeMode.Stop)
                .Must(note => !string.IsNullOrWhiteSpace(note)).WithMessage("Say how the concern was resolved.")
                .Must(note => note.Trim().Length <= Concern.NoteMaxLength).WithMessage($"A note has at most {Concern.NoteMaxLength:N0} characters.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var concern = await db.Concerns.SingleOrDefaultAsync(
                c => c.Id == command.ConcernId && c.PairId == command.PairId && c.ProgramId == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (!concern.IsOpen)
            {
                throw RequestValidationException.For(command, nameof(Command.Note), "This concern was resolved already.");
            }

            concern.Resolve(current.RequireId(), command.Note, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>HR has taken note of a reported message: it leaves the to-do list, and stays readable on the pair's page.</summary>
public static class HandleMessageReport
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Command(int ProgramId, int PairId, int ReportId) : ICommand;

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var report = await db.MessageReports.SingleOrDefaultAsync(
                r => r.Id == command.ReportId && r.PairId == command.PairId && r.ProgramId == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (report.HandledAtUtc is null)
            {
                report.MarkHandled(current.RequireId(), clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken);
            }

            return Unit.Value;
        }
    }
}
