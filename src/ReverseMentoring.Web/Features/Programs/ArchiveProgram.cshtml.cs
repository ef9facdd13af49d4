using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ArchiveProgramModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    public ArchiveProgram.Summary Target { get; private set; } = null!;

    [BindProperty]
    public ArchiveProgram.Command Data { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Target = await mediator.Send(new ArchiveProgram.Query(Id), cancellationToken);
        Data.Version = Target.Version;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.Id = Id;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect("/Programs");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Target ??= await mediator.Send(new ArchiveProgram.Query(Id), cancellationToken);
}

/// <summary>Takes a draft or closed program out of the everyday lists; its history stays and it can be restored.</summary>
public static class ArchiveProgram
{
    public static bool IsArchivable(ProgramStatus status) => status is ProgramStatus.Draft or ProgramStatus.Closed;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Id) : IQuery<Summary>;

    public sealed record Summary(int Id, string Name, ProgramStatus Status, bool IsArchived, Guid Version);

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int Id { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Summary>
    {
        public async ValueTask<Summary> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Programs.AsNoTracking()
                .Where(p => p.Id == query.Id)
                .Select(p => new Summary(p.Id, p.Name, p.Status, p.ArchivedAtUtc != null, p.Version))
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken) ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is not null)
            {
                return Unit.Value;
            }

            if (!IsArchivable(program.Status))
            {
                throw RequestValidationException.For(command, "",
                    $"Only draft or closed programs can be archived. This one is {program.Status.ToString().ToLowerInvariant()}: close it first.");
            }

            db.Entry(program).Property(p => p.Version).OriginalValue = command.Version;
            var now = clock.GetUtcNow().UtcDateTime;
            program.ArchivedAtUtc = now;
            program.UpdatedAtUtc = now;
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
