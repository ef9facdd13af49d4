using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Resources;

public sealed class DownloadResourceModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var file = await mediator.Send(new DownloadResource.Query(id), cancellationToken);

        // Always a download, never rendered in the app's origin, whatever the browser would guess from the bytes.
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return PhysicalFile(file.Path, file.ContentType, file.FileName);
    }
}

/// <summary>
/// A resource file, for HR or for a participant of its program whose side it is meant for. Anyone else gets 404,
/// as if it did not exist.
/// </summary>
public static class DownloadResource
{
    [AnySignedInUser]
    public sealed record Query(int Id) : IQuery<Result>;

    public sealed record Result(string Path, string FileName, string ContentType);

    public sealed class Handler(AppDbContext db, CurrentUser current, ResourceFiles files) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var resource = await db.Resources.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken);
            if (resource?.StoredFileName is null)
            {
                throw new NotFoundException();
            }

            if (!current.IsInRole(Roles.HrCoordinator))
            {
                var role = await db.Enrolments.AsNoTracking().GivingAccess(resource.ProgramId, current.RequireId())
                    .Select(e => (ParticipantRole?)e.Role)
                    .FirstOrDefaultAsync(cancellationToken);
                if (role is null || !ResourceAudiences.VisibleTo(role.Value).Contains(resource.Audience))
                {
                    throw new NotFoundException();
                }
            }

            var path = files.PathOf(resource.StoredFileName) ?? throw new NotFoundException();
            return new Result(path, resource.FileName ?? resource.StoredFileName, resource.ContentType ?? "application/octet-stream");
        }
    }
}
