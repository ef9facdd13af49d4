using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

/// <summary>Who coordinates a program, and the HR people who could be added; read for the program's details page.</summary>
public static class ProgramCoordinatorList
{
    public sealed record Person(string UserId, string Name, string Email);

    public sealed record Lists(IReadOnlyList<Person> Coordinators, IReadOnlyList<Person> Candidates);

    public static async Task<Lists> ReadAsync(AppDbContext db, int programId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var coordinatorIds = db.ProgramCoordinators.Where(c => c.ProgramId == programId).Select(c => c.UserId);
        var hr = from userRole in db.UserRoles
                 join role in db.Roles on userRole.RoleId equals role.Id
                 join user in db.Users on userRole.UserId equals user.Id
                 where role.Name == Roles.HrCoordinator
                 select user;
        var coordinators = await db.Users.AsNoTracking().Where(u => coordinatorIds.Contains(u.Id))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new Person(u.Id, u.DisplayName, u.Email ?? ""))
            .ToListAsync(cancellationToken);
        var candidates = await hr.AsNoTracking().Where(u => !coordinatorIds.Contains(u.Id))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new Person(u.Id, u.DisplayName, u.Email ?? ""))
            .ToListAsync(cancellationToken);
        return new Lists(coordinators, candidates);
    }

    /// <summary>Whether the person holds the HR role: only they coordinate programs.</summary>
    public static Task<bool> IsHrAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        (from userRole in db.UserRoles
         join role in db.Roles on userRole.RoleId equals role.Id
         where userRole.UserId == userId && role.Name == Roles.HrCoordinator
         select userRole).AnyAsync(cancellationToken);
}

/// <summary>HR makes another HR person a coordinator of the program.</summary>
public static class AddCoordinator
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public string UserId { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty().WithMessage("Choose the person who should coordinate the program.");
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.Include(p => p.Coordinators)
                .SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken) ?? throw new NotFoundException();
            if (!await ProgramCoordinatorList.IsHrAsync(db, command.UserId, cancellationToken))
            {
                throw new DomainRuleException("Only a person with the HR coordinator role can coordinate a program.");
            }

            program.AddCoordinator(command.UserId, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>HR takes a person off the program's coordinators; the last coordinator cannot be removed.</summary>
public static class RemoveCoordinator
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public string UserId { get; set; } = "";
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.Include(p => p.Coordinators)
                .SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken) ?? throw new NotFoundException();
            program.RemoveCoordinator(command.UserId);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
