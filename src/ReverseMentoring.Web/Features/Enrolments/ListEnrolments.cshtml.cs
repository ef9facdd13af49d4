using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Enrolments;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ListEnrolmentsModel(IMediator mediator) : PageModel
{
    public ListEnrolments.Result Data { get; private set; } = null!;

    /// <summary>Set by the import after it succeeds.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>What the last bulk decision did, row by row.</summary>
    [TempData]
    public string? BulkReport { get; set; }

    /// <summary>Why a bulk decision could not start (nothing chosen, too many); shown by its buttons.</summary>
    [TempData]
    public string? BulkProblem { get; set; }

    public async Task OnGetAsync(int programId, [FromQuery] EnrolmentStatus? status, [FromQuery] ParticipantRole? role,
        [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ListEnrolments.Query(programId, status, role, page ?? 1), cancellationToken);

    /// <summary>Every enrolment with its profile, as CSV or (format=xlsx) an Excel workbook.</summary>
    public async Task<IActionResult> OnGetExportAsync(int programId, [FromQuery] string? format, CancellationToken cancellationToken) =>
        await SpreadsheetExport.FileAsync(await mediator.Send(new ExportEnrolments.Query(programId), cancellationToken), format, $"enrolments-program-{programId}", cancellationToken);

    /// <summary>A link to another page of the list that keeps the filters.</summary>
    public string PageLink(int page)
    {
        var query = new List<string>();
        if (Data.Status is { } status)
        {
            query.Add($"status={status}");
        }

        if (Data.Role is { } role)
        {
            query.Add($"role={role}");
        }

        query.Add($"page={page}");
        return $"/Programs/{Data.ProgramId}/Enrolments?{string.Join("&", query)}";
    }
}

/// <summary>HR's list of a program's enrolments, to review them.</summary>
public static class ListEnrolments
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, EnrolmentStatus? Status, ParticipantRole? Role, int Page) : IQuery<Result>;

    public sealed record Row(int Id, string Name, string Email, ParticipantRole Role, string Department, string JobLevel, string Skills, EnrolmentStatus Status);

    public sealed record Result(
        int ProgramId,
        string ProgramName,
        EnrolmentStatus? Status,
        ParticipantRole? Role,
        IReadOnlyList<Row> Enrolments,
        int Page,
        int PageCount,
        int Total,
        int ProgramTotal);

    /// <summary>The enrolments the list's filters show, for the list and for "all that match the filter".</summary>
    public static IQueryable<Enrolment> Filter(IQueryable<Enrolment> enrolments, EnrolmentStatus? status, ParticipantRole? role)
    {
        ArgumentNullException.ThrowIfNull(enrolments);
        if (status is { } wanted)
        {
            enrolments = enrolments.Where(e => e.Status == wanted);
        }

        if (role is { } side)
        {
            enrolments = enrolments.Where(e => e.Role == side);
        }

        return enrolments;
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();

            var all = db.Enrolments.AsNoTracking().Where(e => e.ProgramId == program.Id);
            var programTotal = await all.CountAsync(cancellationToken);
            var filtered = Filter(all, query.Status, query.Role);
            var total = await filtered.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var rows = await filtered
                .OrderBy(e => e.Status == EnrolmentStatus.Pending ? 0 : e.Status == EnrolmentStatus.Approved ? 1 : e.Status == EnrolmentStatus.Rejected ? 2 : 3)
                .ThenBy(e => e.User!.DisplayName)
                .ThenBy(e => e.Id)
                .Page(page, PageSize)
                .Select(e => new
                {
                    e.Id,
                    e.User!.DisplayName,
                    e.User.Email,
                    e.Role,
                    e.Department,
                    e.JobLevel,
                    e.Status,
                    Skills = e.Skills.OrderByDescending(s => s.Level).Select(s => new { s.Skill!.Name, s.Level }).ToList(),
                })
                .ToListAsync(cancellationToken);

            return new Result(program.Id, program.Name, query.Status, query.Role,
                rows.Select(r => new Row(r.Id, r.DisplayName, r.Email ?? "", r.Role, r.Department, r.JobLevel,
                    string.Join(", ", r.Skills.Select(s => $"{s.Name} ({s.Level})")), r.Status)).ToList(),
                page, pageCount, total, programTotal);
        }
    }
}
