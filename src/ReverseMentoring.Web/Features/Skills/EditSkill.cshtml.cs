using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Skills;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class EditSkillModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public EditSkill.Command Data { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new EditSkill.Query(id), cancellationToken);

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Data.Id = id;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect("/Skills");
    }
}

/// <summary>HR renames a skill or rewords its description; everyone who chose it sees the new wording.</summary>
public static class EditSkill
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Id) : IQuery<Command>;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand, ISkillFields
    {
        public int Id { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Skills.AsNoTracking()
                .Where(s => s.Id == query.Id)
                .Select(s => new Command { Id = s.Id, Name = s.Name, Description = s.Description })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Name).SkillName(db, c => c.Id);
            RuleFor(c => c.Description).SkillDescription();
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var skill = await db.Skills.SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken) ?? throw new NotFoundException();
            skill.Name = command.Name!.Trim();
            skill.Description = (command.Description ?? "").Trim();
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
