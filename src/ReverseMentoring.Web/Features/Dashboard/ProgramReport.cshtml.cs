using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ProgramReportModel(IMediator mediator, TimeProvider clock) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public UptakeDashboard.Query Filter { get; set; } = new();

    public ProgramReport.Result Report { get; private set; } = null!;

    public UptakeDashboard.Result Data { get; private set; } = null!;

    public IReadOnlyList<FigureTable> Tables { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        Report = await mediator.Send(new ProgramReport.Query(ProgramId, page ?? 1), cancellationToken);
        await FilterCheck.ApplyAsync(mediator, ModelState, Filter, checkProgram: false, cancellationToken);
        Filter.ProgramId = ProgramId;
        Data = await mediator.Send(Filter, cancellationToken);
        Tables = FigureTables.Of(Data);
    }

    /// <summary>Every pair at risk in the program, by name, as a CSV file.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new ProgramReport.Query(ProgramId, 1, All: true), cancellationToken);
        var csv = await CsvExport.WriteAsync(
            ["Pair", "Mentor", "Mentee", "Accepted on", "Last held session", "Recent average rating", "Reasons"],
            report.AtRisk.Select(row => (IReadOnlyList<string>)
            [
                row.PairId.ToString(CultureInfo.InvariantCulture),
                row.MentorName,
                row.MenteeName,
                row.AcceptedOn,
                row.LastHeld,
                row.RecentRating?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
                string.Join("; ", row.Reasons),
            ]),
            cancellationToken);
        return CsvExport.File(csv, FigureTables.FileName($"program-{ProgramId}", "pairs-at-risk", clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>
    /// One of HR's tables of the program, by name, as CSV or (format=xlsx) an Excel workbook: sessions, feedback with its
    /// comments, or check-in answers.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync([FromQuery] string? table, [FromQuery] string? format, CancellationToken cancellationToken)
    {
        IQuery<ExportTable>? query = table switch
        {
            "sessions" => new Sessions.ExportSessions.Query(ProgramId),
            "feedback" => new SessionFeedback.ExportFeedback.Query(ProgramId),
            "check-ins" => new CheckIns.ExportCheckInAnswers.Query(ProgramId),
            _ => null,
        };
        if (query is null)
        {
            return NotFound();
        }

        var export = await mediator.Send(query, cancellationToken);
        return await SpreadsheetExport.FileAsync(export, format, $"{table}-program-{ProgramId}", cancellationToken);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Report ??= await mediator.Send(new ProgramReport.Query(ProgramId, 1), cancellationToken);
        Data ??= await mediator.Send(new UptakeDashboard.Query { ProgramId = ProgramId }, cancellationToken);
        Tables = FigureTables.Of(Data);
    }
}

/// <summary>
/// HR's list of one program's pairs at risk, by name, with the reasons (the dashboard only counts them): the pairs the
/// pair health rule flags, from the same facts as the dashboard, the pairs list and the pair page.
/// </summary>
public static class ProgramReport
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page = 1, bool All = false) : IQuery<Result>;

    public sealed record Row(
        int PairId, string MentorName, string MenteeName, DateTime AcceptedAtUtc, DateTime? LastHeldUtc, double? RecentRating, PairHealth Health)
    {
        public string AcceptedOn => AcceptedAtUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public string LastHeld => LastHeldUtc is { } held ? held.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none yet";

        public IReadOnlyList<string> Reasons => [.. Health.Reasons];
    }

    public sealed record Result(int ProgramId, string ProgramName, IReadOnlyList<Row> AtRisk, int Page, int PageCount, int Total)
    {
        /// <summary>How many people said what they applied at work after their pair, and the latest of those answers.</summary>
        public int AppliedPeople { get; init; }

        public IReadOnlyList<CheckIns.AppliedAnswers.ProgramAnswer> AppliedLatest { get; init; } = [];
    }

    public const int AppliedShown = 5;

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Programs.Where(p => p.Id == query.ProgramId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;

            // The flags are worked out in memory from one query's facts, so the names are read for the flagged pairs only.
            var facts = await db.Pairs.AsNoTracking().Where(p => p.ProgramId == query.ProgramId).HealthFacts(db, now).ToListAsync(cancellationToken);
            var risky = facts
                .Select(f => (Facts: f, Health: PairHealth.Of(f)))
                .Where(x => x.Health.AtRisk)
                .ToDictionary(x => x.Facts.PairId);
            var total = risky.Count;
            var pageCount = query.All ? 1 : Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            var ids = risky.Keys.ToList();
            var named = db.Pairs.AsNoTracking()
                .Where(p => ids.Contains(p.Id))
                .OrderBy(p => p.MenteeEnrolment!.User!.DisplayName).ThenBy(p => p.Id)
                .Select(p => new { p.Id, MentorName = p.MentorEnrolment!.User!.DisplayName, MenteeName = p.MenteeEnrolment!.User!.DisplayName });
            var names = total == 0 ? []
                : query.All ? await named.ToListAsync(cancellationToken)
                : await named.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
            var rows = names.Select(n =>
            {
                var (pair, health) = risky[n.Id];
                return new Row(
                    n.Id, n.MentorName, n.MenteeName, pair.AcceptedAtUtc, pair.LastHeldUtc,
                    pair.RecentRatings.Count == 0 ? null : pair.RecentRatings.Average(), health);
            }).ToList();
            var (appliedPeople, appliedLatest) = await CheckIns.AppliedAnswers.ForProgramAsync(db, query.ProgramId, AppliedShown, cancellationToken);
            return new Result(query.ProgramId, name, rows, page, pageCount, total) { AppliedPeople = appliedPeople, AppliedLatest = appliedLatest };
        }
    }
}
