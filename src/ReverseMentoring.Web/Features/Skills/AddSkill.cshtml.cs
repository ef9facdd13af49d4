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
public sealed class AddSkillModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public AddSkill.Command Data { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect("/Skills");
    }
}

/// <summary>HR adds a skill that people may then offer to teach or ask to learn.</summary>
public static class AddSkill
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<int>, ISkillFields
    {
        public string? Name { get; set; }

        public string? Description { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Name).SkillName(db, _ => null);
            RuleFor(c => c.Description).SkillDescription();
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var skill = new Skill { Name = command.Name!.Trim(), Description = (command.Description ?? "").Trim() };
            db.Skills.Add(skill);
            await db.SaveChangesAsync(cancellationToken);
            return skill.Id;
        }
    }
}

/// <summary>What the add and edit forms of a skill share.</summary>
public interface ISkillFields
{
    string? Name { get; set; }

    string? Description { get; set; }
}

/// <summary>The rules a skill's name and description keep, when added and when edited.</summary>
public static class SkillRules
{
    public static IRuleBuilderOptions<T, string?> SkillName<T>(this IRuleBuilderInitial<T, string?> rule, AppDbContext db, Func<T, int?> skillId) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a name for the skill.")
            .MaximumLength(Skill.NameMaxLength).WithMessage($"A skill name has at most {Skill.NameMaxLength} characters.")
            .MustAsync(async (command, name, context, ct) =>
            {
                var existing = await FindByNameAsync(db, name!, skillId(command), ct);
                if (existing is not null)
                {
                    context.MessageFormatter.AppendArgument("Existing", existing.Name);
                    context.MessageFormatter.AppendArgument("Retired", existing.IsRetired ? " (retired: un-retire it instead of adding it again)" : "");
                }

                return existing is null;
            })
            .WithMessage("The catalogue has a skill called “{Existing}” already{Retired}. Choose a different name.");

    public static IRuleBuilderOptions<T, string?> SkillDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Skill.DescriptionMaxLength).WithMessage($"A description has at most {Skill.DescriptionMaxLength} characters.");

    private static Task<Skill?> FindByNameAsync(AppDbContext db, string name, int? exceptSkillId, CancellationToken cancellationToken)
    {
        var wanted = name.Trim().ToLowerInvariant();

        // EF translates ToLower() to SQL; string.Equals with a StringComparison it cannot translate.
#pragma warning disable CA1862
        return db.Skills.AsNoTracking().FirstOrDefaultAsync(s => s.Id != exceptSkillId && s.Name.ToLower() == wanted, cancellationToken);
#pragma warning restore CA1862
    }
}
