using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class MySessionsModel(IMediator mediator) : PageModel
{
    public MySessions.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int page = 1, CancellationToken cancellationToken = default) =>
        Data = await mediator.Send(new MySessions.Query(page), cancellationToken);
}

/// <summary>The caller's sessions across all their pairs, upcoming first, all in the caller's own profile time zone.</summary>
public static class MySessions
{
    public const int PageSize = 20;

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int Page = 1) : IQuery<Result>;

    public sealed record Item(int Id, string ProgramName, string PartnerName, string When, SessionFormats Format, SessionStatus Status, bool IsUpcoming);

    /// <summary>A confirmed pair in a program still going: sessions can be planned for it.</summary>
    public sealed record ActivePair(int PairId, string ProgramName, string PartnerName);

    public sealed record Result(IReadOnlyList<Item> Sessions, Pager Pager, IReadOnlyList<ActivePair> ActivePairs);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var zone = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
            var ids = await db.Enrolments.AsNoTracking().Where(e => e.UserId == userId).Select(e => e.Id).ToListAsync(cancellationToken);

            var pairs = await db.Pairs.AsNoTracking().Active().OfParticipant(userId)
                .Join(db.Programs, p => p.ProgramId, program => program.Id, (p, program) => new { Pair = p, program.Name, program.Status })
                .Where(x => x.Status != ProgramStatus.Closed)
                .OrderBy(x => x.Name).ThenBy(x => x.Pair.Id)
                .Select(x => new
                {
                    x.Pair.Id,
                    x.Name,
                    Partner = ids.Contains(x.Pair.MentorEnrolmentId) ? x.Pair.MenteeEnrolment!.User!.DisplayName : x.Pair.MentorEnrolment!.User!.DisplayName,
                })
                .ToListAsync(cancellationToken);

            var sessions = db.Sessions.AsNoTracking().OfParticipant(db, userId);
            var total = await sessions.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var rows = await sessions
                .OrderBy(s => s.EndsAtUtc > now ? 0 : 1)
                .ThenBy(s => s.EndsAtUtc > now ? s.StartsAtUtc : (DateTime?)null)
                .ThenByDescending(s => s.StartsAtUtc)
                .ThenBy(s => s.Id)
                .Page(page, PageSize)
                .Select(s => new
                {
                    s.Id,
                    s.ProgramId,
                    ProgramName = db.Programs.Where(p => p.Id == s.ProgramId).Select(p => p.Name).Single(),
                    Partner = ids.Contains(s.Pair!.MentorEnrolmentId) ? s.Pair.MenteeEnrolment!.User!.DisplayName : s.Pair.MentorEnrolment!.User!.DisplayName,
                    s.StartsAtUtc,
                    s.EndsAtUtc,
                    s.Format,
                    s.Status,
                })
                .ToListAsync(cancellationToken);

            var items = rows.Select(s =>
                new Item(s.Id, s.ProgramName, s.Partner, SessionTimes.Format(s.StartsAtUtc, s.EndsAtUtc, zone), s.Format, s.Status, s.EndsAtUtc > now)).ToList();
            return new Result(items, new Pager(page, pageCount, total, "session", "sessions"),
                pairs.Select(p => new ActivePair(p.Id, p.Name, p.Partner)).ToList());
        }
    }
}
