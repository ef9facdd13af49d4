using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Skills;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class DeleteSkillModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    public DeleteSkill.Summary Skill { get; private set; } = null!;

    [BindProperty]
    public DeleteSkill.Command Data { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Skill = await mediator.Send(new DeleteSkill.Query(Id), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.Id = Id;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect("/Skills");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Skill ??= await mediator.Send(new DeleteSkill.Query(Id), cancellationToken);
}

/// <summary>Removes a skill nobody uses, such as one added by mistake. A skill in use can only be retired.</summary>
public static class DeleteSkill
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Id) : IQuery<Summary>;

    public sealed record Summary(int Id, string Name, int Uses);

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Summary>
    {
        public async ValueTask<Summary> Handle(Query query, CancellationToken cancellationToken)
        {
            var skill = await db.Skills.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.Id, cancellationToken) ?? throw new NotFoundException();
            return new Summary(skill.Id, skill.Name, await UsesAsync(db, skill.Id, cancellationToken));
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var skill = await db.Skills.SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken) ?? throw new NotFoundException();
            if (await UsesAsync(db, skill.Id, cancellationToken) > 0)
            {
                throw RequestValidationException.For(command, "",
                    $"“{skill.Name}” is in use on enrolments or program topics, so it cannot be deleted. Retire it instead to stop offering it.");
            }

            db.Skills.Remove(skill);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>Enrolments and program topics that refer to the skill.</summary>
    private static async Task<int> UsesAsync(AppDbContext db, int skillId, CancellationToken cancellationToken) =>
        await db.EnrolmentSkills.CountAsync(e => e.SkillId == skillId, cancellationToken)
        + await db.ProgramTopics.CountAsync(t => t.SkillId == skillId, cancellationToken);
}
