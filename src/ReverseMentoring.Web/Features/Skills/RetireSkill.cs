using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Skills;

/// <summary>Stops offering a skill; enrolments and topics that have it keep it.</summary>
public static class RetireSkill
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var skill = await db.Skills.SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken) ?? throw new NotFoundException();
            skill.IsRetired = true;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
