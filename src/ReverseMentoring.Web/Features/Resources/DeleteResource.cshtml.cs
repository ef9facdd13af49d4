using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Resources;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class DeleteResourceModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromRoute]
    public int Id { get; set; }

    public DeleteResource.Details Resource { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Resource = await mediator.Send(new DeleteResource.Query(ProgramId, Id), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var title = await mediator.Send(new DeleteResource.Command(ProgramId, Id), cancellationToken);
        Message = $"\"{title}\" was deleted.";
        return Redirect($"/Programs/{ProgramId}/Resources");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Resource ??= await mediator.Send(new DeleteResource.Query(ProgramId, Id), cancellationToken);
}

/// <summary>HR removes a resource from a program's library, and its stored file with it.</summary>
public static class DeleteResource
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int ResourceId) : IQuery<Details>;

    public sealed record Details(int Id, int ProgramId, string ProgramName, string Title, string? FileName);

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Command(int ProgramId, int ResourceId) : ICommand<string>;

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Details>
    {
        public async ValueTask<Details> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Resources.AsNoTracking()
                .Where(r => r.Id == query.ResourceId && r.ProgramId == query.ProgramId)
                .Select(r => new Details(r.Id, r.ProgramId, r.Program!.Name, r.Title, r.FileName))
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException();
    }

    public sealed class Handler(AppDbContext db, ResourceFiles files) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var resource = await db.Resources.Include(r => r.Program)
                .SingleOrDefaultAsync(r => r.Id == command.ResourceId && r.ProgramId == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (resource.Program!.ArchivedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", "This program is archived; its resources can no longer change.");
            }

            db.Resources.Remove(resource);
            await db.SaveChangesAsync(cancellationToken);

            // After the row is gone: a failed delete of the row must not lose the file it still points to.
            if (resource.StoredFileName is not null)
            {
                files.Delete(resource.StoredFileName);
            }

            return resource.Title;
        }
    }
}
