using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

/// <summary>
/// Moves a program one step along draft → enrolling → matching → running → closed, or takes enrolment back to
/// draft while nobody has enrolled. Each step checks that the program is ready for it.
/// </summary>
public static class ChangeProgramStatus
{
    public const string ConflictMessage = "Someone else changed this program while you were looking at it. Reload to see its current status, then try again.";

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public ProgramStatus To { get; set; }

        public Guid Version { get; set; }
    }

    public static IReadOnlyList<ProgramStatus> MovesFrom(ProgramStatus status) => status switch
    {
        ProgramStatus.Draft => [ProgramStatus.Enrolling],
        ProgramStatus.Enrolling => [ProgramStatus.Matching, ProgramStatus.Draft],
        ProgramStatus.Matching => [ProgramStatus.Running],
        ProgramStatus.Running => [ProgramStatus.Closed],
        _ => [],
    };

    /// <summary>What the button for a move says.</summary>
    public static string Describe(ProgramStatus from, ProgramStatus to) => (from, to) switch
    {
        (ProgramStatus.Enrolling, ProgramStatus.Draft) => "Take back to draft",
        (_, ProgramStatus.Enrolling) => "Open enrolment",
        (_, ProgramStatus.Matching) => "Close enrolment and start matching",
        (_, ProgramStatus.Running) => "Start running the program",
        (_, ProgramStatus.Closed) => "Close the program",
        _ => $"Move to {to}",
    };

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.To).IsInEnum().WithMessage("Choose one of the moves offered.");
    }

    public sealed class Handler(AppDbContext db, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken) ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is not null)
            {
                throw Refused(command, "This program is archived. Restore it before changing its status.");
            }

            if (!MovesFrom(program.Status).Contains(command.To))
            {
                throw Refused(command, $"A program that is {program.Status.ToString().ToLowerInvariant()} cannot move to {command.To.ToString().ToLowerInvariant()}. It moves one step at a time.");
            }

            await CheckReadyAsync(program, command, cancellationToken);

            db.Entry(program).Property(p => p.Version).OriginalValue = command.Version;
            var now = clock.GetUtcNow().UtcDateTime;
            program.Status = command.To;
            program.UpdatedAtUtc = now;
            if (command.To == ProgramStatus.Enrolling
                && Chat.ChatAnnouncements.EnrolmentOpened(program, links.To($"/Participant/Programs/{program.Id}/Enrol")) is { } announcement)
            {
                await outbox.QueueAsync(announcement, cancellationToken);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Refused(command, ConflictMessage);
            }

            return Unit.Value;
        }

        private async Task CheckReadyAsync(MentoringProgram program, Command command, CancellationToken cancellationToken)
        {
            switch (command.To)
            {
                case ProgramStatus.Enrolling when program.EnrolmentOpensOn is null || program.EnrolmentClosesOn is null:
                    throw Refused(command, "Set the enrolment window (the dates enrolment opens and closes) before opening enrolment.");
                case ProgramStatus.Enrolling when program.EnrolmentClosesOn < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime):
                    throw Refused(command, $"The enrolment window closed on {program.EnrolmentClosesOn:d MMM yyyy}. Edit the program to set a closing date from today on, then open enrolment.");
                case ProgramStatus.Draft when await db.Enrolments.AnyAsync(e => e.ProgramId == program.Id && EF.Constant(Enrolment.InProgramStatuses).Contains(e.Status), cancellationToken):
                    throw Refused(command, "People have enrolled already, so the program cannot go back to draft.");

                case ProgramStatus.Running when !await db.Pairs.Active().AnyAsync(p => p.ProgramId == program.Id, cancellationToken):
                    throw Refused(command, "Publish pairs and have at least one pair accepted before you start running the program.");
                case ProgramStatus.Matching:
                    var approved = await db.Enrolments
                        .Where(e => e.ProgramId == program.Id && e.Status == EnrolmentStatus.Approved)
                        .Select(e => e.Role).Distinct().ToListAsync(cancellationToken);
                    if (!approved.Contains(ParticipantRole.Mentor) || !approved.Contains(ParticipantRole.Mentee))
                    {
                        throw Refused(command, "Approve at least one mentor and one mentee before you start matching.");
                    }

                    break;
            }
        }
    }

    private static RequestValidationException Refused(Command command, string message) => RequestValidationException.For(command, "", message);
}

/// <summary>Brings an archived program back to the everyday lists, as it was.</summary>
public static class RestoreProgram
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken) ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is null)
            {
                return Unit.Value;
            }

            if (await ProgramNames.IsTakenAsync(db, program.Name, program.Id, cancellationToken))
            {
                throw RequestValidationException.For(command, "",
                    $"Another program is called \"{program.Name}\" now. Rename that one first, then restore this one.");
            }

            db.Entry(program).Property(p => p.Version).OriginalValue = command.Version;
            program.ArchivedAtUtc = null;
            program.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", ChangeProgramStatus.ConflictMessage);
            }

            return Unit.Value;
        }
    }
}
