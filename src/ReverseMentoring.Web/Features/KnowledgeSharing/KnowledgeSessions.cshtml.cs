using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class KnowledgeSessionsModel(IMediator mediator) : PageModel
{
    public KnowledgeSessions.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new KnowledgeSessions.Query(), cancellationToken);
}

/// <summary>
/// A participant's knowledge-sharing sessions: the upcoming ones of the programs they are approved in, with seats left
/// and their own seat or place in line; those they host; and those past that wait for them (attendance, feedback).
/// </summary>
public static class KnowledgeSessions
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query : IQuery<Result>;

    public sealed record Row(int Id, string Title, string ProgramName, string HostName, string When, int SeatsLeft, int Capacity, int WaitListed,
        KnowledgeSeatState? MyState, int? MyPlace, bool IAmHost);

    public sealed record ToDo(int Id, string Title, string Text, string Link);

    public sealed record Result(IReadOnlyList<Row> Upcoming, IReadOnlyList<ToDo> ToDos, bool MayOffer);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var zone = await KnowledgeRules.ZoneAsync(db, userId, cancellationToken);
            var enrolments = await db.Enrolments.AsNoTracking()
                .Where(e => e.UserId == userId && e.Status == EnrolmentStatus.Approved)
                .Select(e => new { e.ProgramId, e.Role }).ToListAsync(cancellationToken);
            var programIds = enrolments.Select(e => e.ProgramId).Distinct().ToList();

            var upcoming = await db.KnowledgeSessions.AsNoTracking()
                .Include(k => k.Program).Include(k => k.Host).Include(k => k.Seats).AsSplitQuery()
                .Where(k => (programIds.Contains(k.ProgramId) || k.HostUserId == userId) && k.Status == KnowledgeSessionStatus.Open && k.StartsAtUtc > now)
                .OrderBy(k => k.StartsAtUtc).Take(100)
                .ToListAsync(cancellationToken);

            // Past sessions waiting for this person: hosts record who came, attendees give feedback.
            var past = await db.KnowledgeSessions.AsNoTracking()
                .Include(k => k.Seats).AsSplitQuery()
                .Where(k => k.Status != KnowledgeSessionStatus.Cancelled && k.StartsAtUtc <= now && k.StartsAtUtc > now.AddDays(-60)
                    && (k.HostUserId == userId || k.Seats.Any(s => s.UserId == userId && s.State == KnowledgeSeatState.Booked)))
                .OrderByDescending(k => k.StartsAtUtc).Take(50)
                .ToListAsync(cancellationToken);
            var toDos = new List<ToDo>();
            foreach (var session in past)
            {
                if (session.HostUserId == userId && session.Status == KnowledgeSessionStatus.Open)
                {
                    toDos.Add(new ToDo(session.Id, session.Title, "Record who came", $"/Knowledge/{session.Id}/Attendance"));
                }
                else if (session.Status == KnowledgeSessionStatus.Held && session.ActiveSeatOf(userId) is { Attended: true, Rating: null })
                {
                    toDos.Add(new ToDo(session.Id, session.Title, "Give feedback", $"/Knowledge/{session.Id}/Feedback"));
                }
            }

            var rows = upcoming.Select(k => new Row(
                k.Id, k.Title, k.Program!.Name, k.Host?.DisplayName ?? "", KnowledgeRules.When(k, zone), k.SeatsLeft, k.Capacity,
                k.Seats.Count(s => s.State == KnowledgeSeatState.WaitListed), k.ActiveSeatOf(userId)?.State, k.WaitListPlace(userId), k.HostUserId == userId)).ToList();
            return new Result(rows, toDos, current.IsInRole(Roles.Mentor) && enrolments.Any(e => e.Role == ParticipantRole.Mentor));
        }
    }
}
