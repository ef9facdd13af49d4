using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Groups;

/// <summary>The group's calendar file: one event, every attendee named, for the mentor and each member alike.</summary>
public static class GroupSessionCalendarFile
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int SessionId) : IQuery<SessionCalendarFile.Result>;

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, SessionCalendarFile.Result>
    {
        public async ValueTask<SessionCalendarFile.Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (session, sides) = await GroupRules.SessionAsync(db, query.SessionId, current.RequireId(), track: false, cancellationToken)
                ?? throw new NotFoundException();
            var invite = GroupRules.Invite(session, sides, clock.GetUtcNow().UtcDateTime);
            return new SessionCalendarFile.Result(SessionCalendar.FileName(session.Id), SessionCalendar.Text(invite));
        }
    }
}

[Authorize(Policy = PagePolicies.Participants)]
public sealed class GroupSessionCalendarFileModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var file = await mediator.Send(new GroupSessionCalendarFile.Query(id), cancellationToken);
        return File(Encoding.UTF8.GetBytes(file.Text), SessionCalendar.ContentType, file.FileName);
    }
}
