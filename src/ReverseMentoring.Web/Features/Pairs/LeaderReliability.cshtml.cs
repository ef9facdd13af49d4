using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class LeaderReliabilityModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int ProgramId { get; set; }

    public LeaderReliability.Result Data { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new LeaderReliability.Query(ProgramId, page ?? 1), cancellationToken);

    /// <summary>Every senior's figures, as CSV or (format=xlsx) an Excel workbook.</summary>
    public async Task<IActionResult> OnGetExportAsync([FromQuery] string? format, CancellationToken cancellationToken)
    {
        var all = await mediator.Send(new LeaderReliability.Query(ProgramId, 1, All: true), cancellationToken);
        return await SpreadsheetExport.FileAsync(LeaderReliability.Table(all), format, $"leader-reliability-program-{ProgramId}", cancellationToken);
    }
}

/// <summary>
/// How each senior of a program keeps their side of the pair: sessions held, moved and cancelled by them, missed, and
/// feedback given. For HR to talk to a leader who keeps moving sessions; leadership never sees it (it names people).
/// </summary>
public static class LeaderReliability
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page = 1, bool All = false) : IQuery<Result>;

    public sealed record Row(
        string Name, string? Email, string Department, int Pairs, int Held, int MovedByThem, int CancelledByThem, int Missed, int FeedbackGiven)
    {
        /// <summary>Sessions this senior moved or called off: the figure HR sorts by.</summary>
        public int Unsettled => MovedByThem + CancelledByThem;
    }

    public sealed record Result(int ProgramId, string ProgramName, IReadOnlyList<Row> Rows, int Page, int PageCount, int Total);

    public static readonly IReadOnlyList<string> Header =
    [
        "Senior", "E-mail", "Department", "Pairs", "Sessions held", "Moved by them", "Cancelled by them", "Missed", "Feedback given",
    ];

    public static ExportTable Table(Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
        return new ExportTable("Leader reliability", Header, result.Rows.Select(r => (IReadOnlyList<string>)
        [
            r.Name, r.Email ?? "", r.Department, Number(r.Pairs), Number(r.Held), Number(r.MovedByThem), Number(r.CancelledByThem),
            Number(r.Missed), Number(r.FeedbackGiven),
        ]).ToList());
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => p.Name)
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();

            // Seniors who accepted at least one pair; a few grouped queries, then joined in memory by person.
            var pairs = await db.Pairs.AsNoTracking()
                .Where(p => p.ProgramId == query.ProgramId && p.AcceptedAtUtc != null)
                .Select(p => new
                {
                    PairId = p.Id,
                    p.MenteeEnrolment!.UserId,
                    p.MenteeEnrolment.User!.DisplayName,
                    p.MenteeEnrolment.User.Email,
                    p.MenteeEnrolment.Department,
                })
                .ToListAsync(cancellationToken);
            var pairIds = pairs.Select(p => p.PairId).ToList();
            var sessions = await db.Sessions.AsNoTracking()
                .Where(s => s.ProgramId == query.ProgramId && pairIds.Contains(s.PairId!.Value))
                .GroupBy(s => new { PairId = s.PairId!.Value, s.Status })
                .Select(g => new { g.Key.PairId, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var moved = await db.SessionMoves.AsNoTracking()
                .Where(m => db.Sessions.Any(s => s.Id == m.SessionId && s.ProgramId == query.ProgramId))
                .GroupBy(m => m.ByUserId)
                .Select(g => new { UserId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
            var cancelled = await db.Sessions.AsNoTracking()
                .Where(s => s.ProgramId == query.ProgramId && s.Status == SessionStatus.Cancelled && s.CancelledByUserId != null)
                .GroupBy(s => s.CancelledByUserId!)
                .Select(g => new { UserId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
            var feedback = await db.SessionFeedback.AsNoTracking()
                .Where(f => f.ProgramId == query.ProgramId && f.Role == ParticipantRole.Mentee)
                .GroupBy(f => f.ByUserId)
                .Select(g => new { UserId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);

            int Sessions(IEnumerable<int> ofPairs, SessionStatus status) =>
                sessions.Where(s => s.Status == status && ofPairs.Contains(s.PairId)).Sum(s => s.Count);
            var rows = pairs
                .GroupBy(p => p.UserId)
                .Select(g =>
                {
                    var first = g.First();
                    var ids = g.Select(p => p.PairId).ToHashSet();
                    return new Row(
                        first.DisplayName, first.Email, first.Department, ids.Count,
                        Sessions(ids, SessionStatus.Held), moved.GetValueOrDefault(g.Key), cancelled.GetValueOrDefault(g.Key),
                        Sessions(ids, SessionStatus.Missed), feedback.GetValueOrDefault(g.Key));
                })
                .OrderByDescending(r => r.Unsettled).ThenByDescending(r => r.Missed).ThenBy(r => r.Name, StringComparer.CurrentCulture)
                .ToList();

            var (page, pageCount) = query.All ? (1, 1) : Paging.Clamp(query.Page, rows.Count, PageSize);
            return new Result(query.ProgramId, name, query.All ? rows : rows.Page(page, PageSize).ToList(), page, pageCount, rows.Count);
        }
    }
}
