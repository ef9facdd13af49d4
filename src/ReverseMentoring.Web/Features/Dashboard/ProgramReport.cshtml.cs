using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using CsvHelper;
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
        Filter.ProgramId = ProgramId;
        Data = await mediator.Send(Filter, cancellationToken);
        Tables = FigureTables.Of(Data);
    }

    /// <summary>Every pair at risk in the program, by name, as a CSV file.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new ProgramReport.Query(ProgramId, 1, All: true), cancellationToken);
        var stream = new MemoryStream();
        await using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default, leaveOpen: true))
        {
            await csv.WriteRecordAsync(["Pair", "Mentor", "Mentee", "Accepted on", "Last held session", "Recent average rating", "Reasons"], cancellationToken);
            foreach (var row in report.AtRisk)
            {
                await csv.WriteRecordAsync(
                [
                    row.PairId.ToString(CultureInfo.InvariantCulture),
                    row.MentorName,
                    row.MenteeName,
                    row.AcceptedOn,
                    row.LastHeld,
                    row.RecentRating?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
                    string.Join("; ", row.Reasons),
                ], cancellationToken);
            }
        }

        stream.Position = 0;
        return File(stream, "text/csv; charset=utf-8", FigureTables.FileName($"program-{ProgramId}", "pairs-at-risk", clock.GetUtcNow().UtcDateTime));
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Report ??= await mediator.Send(new ProgramReport.Query(ProgramId, 1), cancellationToken);
        Data ??= await mediator.Send(new UptakeDashboard.Query { ProgramId = ProgramId }, cancellationToken);
        Tables = FigureTables.Of(Data);
    }
}

/// <summary>HR's list of one program's pairs at risk, by name, with the reasons (the dashboard only counts them).</summary>
public static class ProgramReport
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page = 1, bool All = false) : IQuery<Result>;

    public sealed record Row(
        int PairId, string MentorName, string MenteeName, DateTime AcceptedAtUtc, DateTime? LastHeldUtc, double? RecentRating,
        bool NoRecentSession, bool LowRatings, bool UnansweredHaveYouMet)
    {
        public string AcceptedOn => AcceptedAtUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public string LastHeld => LastHeldUtc is { } held && held != AcceptedAtUtc ? held.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none yet";

        public IReadOnlyList<string> Reasons =>
        [
            .. NoRecentSession ? ["No session for longer than the cadence"] : Array.Empty<string>(),
            .. LowRatings ? [$"Average rating below {UptakeDashboard.LowRating} over the last {UptakeDashboard.RecentFeedback} ratings"] : Array.Empty<string>(),
            .. UnansweredHaveYouMet ? ["\"Have you met yet?\" unanswered"] : Array.Empty<string>(),
        ];
    }

    public sealed record Result(int ProgramId, string ProgramName, IReadOnlyList<Row> AtRisk, int Page, int PageCount, int Total);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Programs.Where(p => p.Id == query.ProgramId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;
            var risky = UptakeDashboard.AtRisk(db, db.Pairs.AsNoTracking().Where(p => p.ProgramId == query.ProgramId), now)
                .Where(r => r.Quiet || r.LowRatings || r.Unanswered);
            var total = await risky.CountAsync(cancellationToken);
            var (page, pageCount) = query.All ? (1, 1) : Paging.Clamp(query.Page, total, PageSize);
            var named =
                from r in risky
                join p in db.Pairs on r.PairId equals p.Id
                orderby p.MenteeEnrolment!.User!.DisplayName, p.Id
                select new Row(
                    p.Id,
                    p.MentorEnrolment!.User!.DisplayName,
                    p.MenteeEnrolment!.User!.DisplayName,
                    p.AcceptedAtUtc!.Value,
                    r.LastHeldUtc,
                    r.RecentRating,
                    r.Quiet,
                    r.LowRatings,
                    r.Unanswered);
            var rows = query.All
                ? await named.ToListAsync(cancellationToken)
                : await named.Page(page, PageSize).ToListAsync(cancellationToken);
            return new Result(query.ProgramId, name, rows, page, pageCount, total);
        }
    }
}
