using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class EditProgramModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public EditProgram.Command Data { get; set; } = new();

    public IReadOnlyList<ProgramSkillChoices.Choice> Skills { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new EditProgram.Query(Id), cancellationToken);
        await ReloadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.Id = Id;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Programs/{Id}");
    }

    // The skill choices, the empty topic rows and the id the links use are not posted, so every showing of the form sets them.
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Data.Id = Id;
        Skills = await mediator.Send(new ProgramSkillChoices.Query(Id), cancellationToken);
        Data.AddBlankTopicRows();
    }
}

/// <summary>HR changes a program's settings and its recommended topics, all in one save.</summary>
public static class EditProgram
{
    public const string ConflictMessage = "Someone else changed this program while you were editing. Reload to see their changes; yours were not saved.";

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Id) : IQuery<Command>;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ProgramForm, ICommand
    {
        public int Id { get; set; }

        /// <summary>The version the form was filled from; a save over a newer one is refused.</summary>
        public Guid Version { get; set; }

        public static Command From(MentoringProgram program)
        {
            var command = new Command { Id = program.Id, Version = program.Version };
            command.CopyFrom(program);
            return command;
        }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Include(p => p.Topics)
                .SingleOrDefaultAsync(p => p.Id == query.Id, cancellationToken) ?? throw new NotFoundException();
            return Command.From(program);
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db) => Include(new ProgramFormRules<Command>(db, c => c.Id));
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.Include(p => p.Topics)
                .SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken) ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", "This program is archived. Restore it before changing it.");
            }

            db.Entry(program).Property(p => p.Version).OriginalValue = command.Version;
            var removed = command.ApplyTo(program);
            var removedIds = removed.Select(t => t.Id).ToList();
            var inUse = await db.SessionTopics.Where(t => removedIds.Contains(t.ProgramTopicId)).Select(t => t.ProgramTopicId).Distinct().ToListAsync(cancellationToken);
            if (inUse.Count > 0)
            {
                var titles = string.Join(", ", removed.Where(t => inUse.Contains(t.Id)).Select(t => $"\"{t.Title}\""));
                throw RequestValidationException.For(command, "",
                    $"Sessions have {titles} on their agenda, so it can't be removed. Keep the row; you can rename it.");
            }

            db.ProgramTopics.RemoveRange(removed);

            // Always a change to the program row, so the version check runs even when only topics changed.
            program.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", ConflictMessage);
            }

            return Unit.Value;
        }
    }
}
