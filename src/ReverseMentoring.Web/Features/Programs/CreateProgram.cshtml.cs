using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class CreateProgramModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [BindProperty]
    public CreateProgram.Command Data { get; set; } = new();

    public IReadOnlyList<ProgramSkillChoices.Choice> Skills { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data.Formats = [SessionFormats.InPerson, SessionFormats.Virtual];
        await ReloadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Programs/{id}");
    }

    // The skill choices and the empty topic rows are not posted, so every showing of the form adds them.
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Skills = await mediator.Send(new ProgramSkillChoices.Query(null), cancellationToken);
        Data.AddBlankTopicRows();
    }
}

/// <summary>HR sets up a new program; it starts as a draft that nobody else sees yet.</summary>
public static class CreateProgram
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ProgramForm, ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db) => Include(new ProgramFormRules<Command>(db, _ => null));
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var creatorId = current.RequireId();
            var program = new MentoringProgram
            {
                Status = ProgramStatus.Draft,
                CreatedAtUtc = now,
                CreatedByUserId = creatorId,
            };
            _ = command.ApplyTo(program);

            // Whoever sets a program up coordinates it until they hand it on.
            program.AddCoordinator(creatorId, now);
            db.Programs.Add(program);
            await db.SaveChangesAsync(cancellationToken);
            return program.Id;
        }
    }
}
