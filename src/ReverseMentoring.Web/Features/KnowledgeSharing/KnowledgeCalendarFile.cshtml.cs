using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

[Authorize(Policy = PagePolicies.ProgramPeople)]
public sealed class KnowledgeCalendarFileModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var file = await mediator.Send(new KnowledgeCalendarFile.Query(id), cancellationToken);
        return File(Encoding.UTF8.GetBytes(file.Text), SessionCalendar.ContentType, file.FileName);
    }
}

/// <summary>The calendar file of a knowledge session, for a person with a booked seat and for its host; 404 for anyone else.</summary>
public static class KnowledgeCalendarFile
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee, Roles.HrCoordinator)]
    public sealed record Query(int SessionId) : IQuery<Result>;

    public sealed record Result(string FileName, string Text);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var (session, _) = await KnowledgeRules.SessionAsync(db, current, query.SessionId, track: false, cancellationToken);
            var seat = session.ActiveSeatOf(userId);
            if (session.HostUserId != userId && seat is not { State: KnowledgeSeatState.Booked })
            {
                throw new NotFoundException();
            }

            var me = seat?.User ?? session.Host ?? throw new NotFoundException();
            return new Result(KnowledgeCalendar.FileName(session.Id), KnowledgeCalendar.Text(session, me, clock.GetUtcNow().UtcDateTime));
        }
    }
}
