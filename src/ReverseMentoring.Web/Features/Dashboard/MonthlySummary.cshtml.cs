using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// Where the monthly summary e-mail's opt-out link leads: the signed-in person stops (or restarts) their own e-mail. The
/// link carries nobody's identity, so nobody can stop someone else's.
/// </summary>
[Authorize]
public sealed class MonthlySummaryModel(IMediator mediator) : PageModel
{
    public bool Receiving { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved = false, CancellationToken cancellationToken = default)
    {
        Receiving = await mediator.Send(new MonthlySummarySetting.Query(), cancellationToken);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync([FromForm] bool receive, CancellationToken cancellationToken)
    {
        // Only the page's own buttons send a choice; anything else changes nothing.
        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, "That choice was not understood. Use one of the buttons below.");
            Receiving = await mediator.Send(new MonthlySummarySetting.Query(), cancellationToken);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        await mediator.Send(new MonthlySummarySetting.Command(receive), cancellationToken);
        return LocalRedirect("/Dashboard/MonthlySummary?saved=true");
    }
}

public static class MonthlySummarySetting
{
    [AnySignedInUser]
    public sealed record Query : IQuery<bool>;

    [AnySignedInUser]
    public sealed record Command(bool Receive) : ICommand;

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, bool>
    {
        public async ValueTask<bool> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = current.RequireId();
            var optedOut = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => (bool?)u.MonthlySummaryOptedOut)
                .SingleOrDefaultAsync(cancellationToken) ?? throw new RequestAuthorizationException(signedIn: false);
            return !optedOut;
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var id = current.RequireId();
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
                ?? throw new RequestAuthorizationException(signedIn: false);
            if (user.ChooseMonthlySummary(command.Receive))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return Unit.Value;
        }
    }
}
