using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Pairs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ProgramPairsModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int ProgramId { get; set; }

    public ProgramPairs.Result Data { get; private set; } = null!;

    /// <summary>What the last bulk ending did, row by row.</summary>
    [TempData]
    public string? BulkReport { get; set; }

    /// <summary>Why a bulk ending could not start (nothing chosen, too many); shown by its button.</summary>
    [TempData]
    public string? BulkProblem { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery(Name = "flag")] PairFlagKind? flag, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ProgramPairs.Query(ProgramId, page ?? 1, flag), cancellationToken);

    /// <summary>Every pair with its score, sessions and health, as CSV or (format=xlsx) an Excel workbook.</summary>
    public async Task<IActionResult> OnGetExportAsync([FromQuery] string? format, CancellationToken cancellationToken) =>
        await SpreadsheetExport.FileAsync(await mediator.Send(new ExportPairs.Query(ProgramId), cancellationToken), format, $"pairs-program-{ProgramId}", cancellationToken);
}

/// <summary>
/// HR's overview of a program's pairs: how often they meet, how they rate it, and the ones that need a word (the pair
/// health flags, with their reasons, as on the pair page, the program report and the dashboard).
/// Statuses and counts only; notes stay with the pairs (see <see cref="ProgramPairDetails"/> for shared ones).
/// </summary>
public static class ProgramPairs
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page = 1, PairFlagKind? Flag = null) : IQuery<Result>;

    public sealed class Row
    {
        public int Id { get; init; }

        public string MentorName { get; init; } = "";

        public string MenteeName { get; init; } = "";

        /// <summary>Tells namesakes apart: two pairs can both read "Taylor Jensen / Avery Clarke".</summary>
        public string MentorEmail { get; init; } = "";

        public string MenteeEmail { get; init; } = "";

        public PairStatus Status { get; init; }

        public int Held { get; init; }

        public int Scheduled { get; init; }

        public int Missed { get; init; }

        public DateTime? LastSessionUtc { get; init; }

        public double? AverageRating { get; init; }

        /// <summary>The pair health flags with their reasons; only accepted pairs have any.</summary>
        public IReadOnlyList<PairHealthFlag> Flags { get; set; } = [];
    }

    public sealed record Result(
        int ProgramId, string ProgramName, int SessionCadenceDays, string ViewerTimeZoneId, IReadOnlyList<Row> Pairs, int Page, int PageCount, int Total, PairFlagKind? Flag)
    {
        /// <summary>The program's live groups: who meets together, and how many group sessions they held (never their messages).</summary>
        public IReadOnlyList<GroupRow> Groups { get; init; } = [];
    }

    public sealed record GroupRow(string Name, string MentorName, IReadOnlyList<string> Members, int Held);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking()
                .Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name, p.SessionCadenceDays })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var me = current.RequireId();
            var zone = await db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
            var now = clock.GetUtcNow().UtcDateTime;
            var pairs = db.Pairs.AsNoTracking().Where(p => p.ProgramId == program.Id);

            // Filtering by a flag needs every active pair's health first (worked out in memory from one query's facts);
            // without a filter only the pairs on the page are looked at.
            Dictionary<int, PairHealth>? health = null;
            if (query.Flag is { } flag)
            {
                health = await pairs.HealthByPairAsync(db, now, cancellationToken);
                var flagged = health.Values.Where(h => h.Has(flag)).Select(h => h.PairId).ToList();
                pairs = pairs.Where(p => flagged.Contains(p.Id));
            }

            var rows = pairs
                .Select(p => new Row
                {
                    Id = p.Id,
                    MentorName = p.MentorEnrolment!.User!.DisplayName,
                    MenteeName = p.MenteeEnrolment!.User!.DisplayName,
                    MentorEmail = p.MentorEnrolment.User.Email ?? "",
                    MenteeEmail = p.MenteeEnrolment.User.Email ?? "",
                    Status = p.Status,
                    // A held group session counts for each member pair whose mentee came.
                    Held = db.Sessions.Count(s => s.PairId == p.Id && s.Status == SessionStatus.Held)
                        + db.SessionAttendance.Count(a => a.PairId == p.Id && a.Attended),
                    Scheduled = db.Sessions.Count(s => s.PairId == p.Id && s.Status == SessionStatus.Scheduled),
                    Missed = db.Sessions.Count(s => s.PairId == p.Id && s.Status == SessionStatus.Missed),
                    LastSessionUtc = db.Sessions.Where(s => s.PairId == p.Id && s.Status == SessionStatus.Held).Max(s => (DateTime?)s.StartsAtUtc),
                    AverageRating = db.SessionFeedback.Where(f => f.PairId == p.Id).Average(f => (double?)f.Rating),
                });

            var total = await rows.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            var list = await rows
                .OrderBy(r => r.Status == PairStatus.Accepted ? 0 : r.Status == PairStatus.Proposed ? 1 : 2)
                .ThenBy(r => r.MenteeName).ThenBy(r => r.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize)
                .ToListAsync(cancellationToken);

            if (health is null)
            {
                var shown = list.Select(r => r.Id).ToList();
                health = await db.Pairs.AsNoTracking().Where(p => shown.Contains(p.Id)).HealthByPairAsync(db, now, cancellationToken);
            }

            foreach (var row in list)
            {
                row.Flags = health.GetValueOrDefault(row.Id)?.Flags ?? [];
            }

            var groups = (await db.MentoringGroups.AsNoTracking()
                .Where(g => g.ProgramId == program.Id && g.EndedAtUtc == null)
                .OrderBy(g => g.Name)
                .Select(g => new
                {
                    g.Name,
                    Mentor = g.MentorEnrolment!.User!.DisplayName,
                    Members = g.Members.Select(m => m.Pair!.MenteeEnrolment!.User!.DisplayName).ToList(),
                    Held = db.Sessions.Count(s => s.GroupId == g.Id && s.Status == SessionStatus.Held),
                })
                .ToListAsync(cancellationToken))
                .Select(g => new GroupRow(g.Name, g.Mentor, g.Members.Order(StringComparer.CurrentCulture).ToList(), g.Held))
                .ToList();
            return new Result(program.Id, program.Name, program.SessionCadenceDays, zone, list, page, pageCount, total, query.Flag) { Groups = groups };
        }
    }
}
