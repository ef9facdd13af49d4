using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Sessions;

/// <summary>
/// The address a calendar subscribes to. Calendars cannot sign in, so the secret in the address is the only key: an
/// unknown, stopped or replaced one gets a plain 404, the same as an address that never existed.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(CalendarFeedRateLimit.Policy)]
public sealed class CalendarFeedFileModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var text = await mediator.Send(new CalendarFeedFile.Query(token), cancellationToken);
        if (text is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(Encoding.UTF8.GetBytes(text), SessionCalendar.ContentType + "; charset=utf-8");
    }
}

public static class CalendarFeedFile
{
    /// <summary>Sessions that started longer ago than this are left out: a calendar keeps what it read before.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(365);

    /// <summary>Cancelled sessions stay in the feed this long, marked cancelled, so calendars remove them.</summary>
    public static readonly TimeSpan CancelledFor = TimeSpan.FromDays(60);

    public const int MaxEvents = 1000;

    [AllowAnonymousRequest]
    public sealed record Query(string Token) : IQuery<string?>;

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, string?>
    {
        public async ValueTask<string?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!CalendarFeed.IsWellFormed(query.Token))
            {
                return null;
            }

            var hash = CalendarFeed.Hash(query.Token);
            var now = clock.GetUtcNow().UtcDateTime;
            var feed = await db.CalendarFeeds.AsNoTracking().Where(f => f.TokenHash == hash)
                .Select(f => new { f.Id, f.UserId })
                .SingleOrDefaultAsync(cancellationToken);
            if (feed is null)
            {
                return null;
            }

            // Compared here, not in SQL: SQLite cannot order DateTimeOffset values.
            var owner = await db.Users.AsNoTracking().Where(u => u.Id == feed.UserId)
                .Select(u => new { u.ErasedAtUtc, u.LockoutEnd }).SingleOrDefaultAsync(cancellationToken);
            if (owner is null || owner.ErasedAtUtc is not null || owner.LockoutEnd > new DateTimeOffset(now, TimeSpan.Zero))
            {
                return null;
            }

            var from = now - History;
            var cancelledFrom = now - CancelledFor;
            var sessions = await db.Sessions.AsNoTracking().OfParticipant(db, feed.UserId)
                .Where(s => s.StartsAtUtc >= from && (s.Status != SessionStatus.Cancelled || s.StartsAtUtc >= cancelledFrom))
                .OrderByDescending(s => s.StartsAtUtc).ThenBy(s => s.Id)
                .Take(MaxEvents)
                .Select(s => new
                {
                    s.Id,
                    s.CalendarSequence,
                    s.Status,
                    s.StartsAtUtc,
                    s.EndsAtUtc,
                    s.Format,
                    s.Location,
                    s.ScheduledByUserId,
                    Program = db.Programs.Where(p => p.Id == s.ProgramId).Select(p => p.Name).Single(),
                    Agenda = s.Topics.Where(t => t.Kind == SessionTopicKind.Agenda)
                        .OrderBy(t => t.ProgramTopic!.SortOrder).ThenBy(t => t.ProgramTopicId).Select(t => t.ProgramTopic!.Title).ToList(),
                    Mentor = new SessionCalendar.Person(s.Pair!.MentorEnrolment!.User!.DisplayName, s.Pair.MentorEnrolment.User.Email!),
                    MentorId = s.Pair.MentorEnrolment.UserId,
                    Mentee = new SessionCalendar.Person(s.Pair.MenteeEnrolment!.User!.DisplayName, s.Pair.MenteeEnrolment.User.Email!),
                })
                .ToListAsync(cancellationToken);

            // Not audited: a read, on every refresh of every subscribed calendar.
            await db.CalendarFeeds.Where(f => f.Id == feed.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.LastReadAtUtc, now), cancellationToken);

            return SessionCalendar.Feed("Reverse mentoring", sessions.OrderBy(s => s.StartsAtUtc).Select(s => new SessionCalendar.Invite(
                s.Id,
                s.CalendarSequence,
                s.Status == SessionStatus.Cancelled,
                s.StartsAtUtc,
                s.EndsAtUtc,
                s.Program,
                s.Format,
                s.Location,
                s.Agenda,
                s.ScheduledByUserId == s.MentorId ? s.Mentor : s.Mentee,
                [s.Mentor, s.Mentee],
                now)));
        }
    }
}
