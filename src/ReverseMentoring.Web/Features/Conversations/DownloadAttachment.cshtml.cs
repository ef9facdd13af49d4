using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Conversations;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class DownloadAttachmentModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int pairId, int messageId, CancellationToken cancellationToken)
    {
        var file = await mediator.Send(new DownloadAttachment.Query(pairId, messageId), cancellationToken);

        // Always a download, never rendered in the app's origin, whatever the browser would guess from the bytes.
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return PhysicalFile(file.Path, file.ContentType, file.FileName);
    }
}

/// <summary>The file of a message, for the pair's two people only; anyone else (HR too) gets 404.</summary>
public static class DownloadAttachment
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int PairId, int MessageId) : IQuery<Result>;

    public sealed record Result(string Path, string FileName, string ContentType);

    public sealed class Handler(AppDbContext db, CurrentUser current, ResourceFiles files) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var sides = await PairMessages.PairOfCallerAsync(db, query.PairId, current.RequireId(), cancellationToken);
            var message = await db.PairMessages.AsNoTracking()
                .SingleOrDefaultAsync(m => m.Id == query.MessageId && m.PairId == sides.Pair.Id, cancellationToken);
            if (message?.AttachmentStoredName is not { } stored || files.PathOf(stored) is not { } path)
            {
                throw new NotFoundException();
            }

            return new Result(path, message.AttachmentFileName ?? stored, message.AttachmentContentType ?? "application/octet-stream");
        }
    }
}
