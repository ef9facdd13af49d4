using ReverseMentoring.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>One dashboard table as a CSV file, with the same filters and the same hidden cells as the page.</summary>
[Authorize(Policy = PagePolicies.DashboardReaders)]
public sealed class ExportModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public UptakeDashboard.Query Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "table")] string? table, CancellationToken cancellationToken)
    {
        // A file cannot carry the messages, so filters that name nothing are refused here rather than left out.
        var usable = await FilterCheck.ApplyAsync(mediator, ModelState, Filter, checkProgram: true, cancellationToken);
        if (!usable || !ModelState.IsValid)
        {
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var result = await mediator.Send(Filter, cancellationToken);
        var chosen = FigureTables.Of(result).SingleOrDefault(t => string.Equals(t.Key, table, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            return NotFound();
        }

        return CsvExport.File(await chosen.ToCsvAsync(cancellationToken), FigureTables.FileName("uptake", chosen.Key, clock.GetUtcNow().UtcDateTime));
    }
}
