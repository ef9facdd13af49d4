using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Journal;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class MyJournalModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<MyJournal.Entry> Entries { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await mediator.Send(new MyJournal.Query(), cancellationToken);
}

/// <summary>A person's own reflections, newest first. Nobody else reads them: not the partner, not HR.</summary>
public static class MyJournal
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query : IQuery<IReadOnlyList<Entry>>;

    /// <param name="Session">The session reflected on, as the author reads it ("with Sam, Tue 3 Mar 2026 10:00"), if any.</param>
    public sealed record Entry(int Id, string Written, string? Session, string Learned, string WillTry, string Thoughts);

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, IReadOnlyList<Entry>>
    {
        public async ValueTask<IReadOnlyList<Entry>> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var zone = await db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
            var entries = await db.JournalEntries.AsNoTracking()
                .Where(j => j.AuthorUserId == me)
                .OrderByDescending(j => j.CreatedAtUtc).ThenByDescending(j => j.Id)
                .Select(j => new { j.Id, j.CreatedAtUtc, j.SessionId, j.Learned, j.WillTry, j.Thoughts })
                .ToListAsync(cancellationToken);
            var sessionIds = entries.Where(e => e.SessionId is not null).Select(e => e.SessionId!.Value).Distinct().ToList();
            var sessions = await JournalSessions.LabelsAsync(db, me, sessionIds, zone, cancellationToken);
            return entries.Select(e => new Entry(
                    e.Id,
                    SessionTimes.Format(e.CreatedAtUtc, zone),
                    e.SessionId is { } id && sessions.TryGetValue(id, out var label) ? label : null,
                    e.Learned,
                    e.WillTry,
                    e.Thoughts))
                .ToList();
        }
    }
}

/// <summary>How a journal names the sessions reflected on: only the author's own sessions are ever found.</summary>
internal static class JournalSessions
{
    public static async Task<Dictionary<int, string>> LabelsAsync(AppDbContext db, string userId, IReadOnlyCollection<int> sessionIds, string zone, CancellationToken ct)
    {
        var sessions = await db.Sessions.AsNoTracking().OfParticipant(db, userId)
            .Where(s => sessionIds.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.StartsAtUtc,
                Partner = s.Pair!.MentorEnrolment!.UserId == userId ? s.Pair.MenteeEnrolment!.User!.DisplayName : s.Pair.MentorEnrolment.User!.DisplayName,
            })
            .ToListAsync(ct);
        return sessions.ToDictionary(s => s.Id, s => $"with {s.Partner}, {SessionTimes.Format(s.StartsAtUtc, zone)}");
    }
}
