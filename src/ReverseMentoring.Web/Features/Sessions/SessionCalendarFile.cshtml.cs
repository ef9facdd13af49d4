using Microsoft.AspNetCore.Authorization;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class SessionCalendarFileModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var file = await mediator.Send(new SessionCalendarFile.Query(id), cancellationToken);
        return File(Encoding.UTF8.GetBytes(file.Text), SessionCalendar.ContentType, file.FileName);
    }
}

/// <summary>The session's calendar file, to add it to (or, once cancelled, remove it from) the caller's calendar.</summary>
public static class SessionCalendarFile
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int SessionId) : IQuery<Result>;

    public sealed record Result(string FileName, string Text);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (session, sides) = await SessionRules.SessionAsync(db, query.SessionId, current.RequireId(), track: false, cancellationToken)
                ?? throw new NotFoundException();
            var invite = SessionMail.Invite(session, sides, SessionRules.Agenda(session, sides.Program), clock.GetUtcNow().UtcDateTime);
            return new Result(SessionCalendar.FileName(session.Id), SessionCalendar.Text(invite));
        }
    }
}
