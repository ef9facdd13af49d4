using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>The dashboard's figures as tables only, laid out for paper.</summary>
[Authorize(Policy = PagePolicies.DashboardReaders)]
public sealed class PrintModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [BindProperty(SupportsGet = true)]
    public UptakeDashboard.Query Filter { get; set; } = new();

    public UptakeDashboard.Result Data { get; private set; } = null!;

    public IReadOnlyList<FigureTable> Tables { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await FilterCheck.ApplyAsync(mediator, ModelState, Filter, checkProgram: true, cancellationToken);
        Data = await mediator.Send(Filter, cancellationToken);
        Tables = FigureTables.Of(Data);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Data ??= await mediator.Send(new UptakeDashboard.Query(), cancellationToken);
        Tables = FigureTables.Of(Data);
    }
}
