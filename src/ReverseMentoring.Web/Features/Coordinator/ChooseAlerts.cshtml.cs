using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Coordinator;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ChooseAlertsModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public ChooseAlerts.Command Data { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ChooseAlerts.Query(), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Data, cancellationToken);
        Saved = ChooseAlerts.Describe(Data.Delivery!.Value);
        return LocalRedirect(CoordinatorAlerts.SettingsPath);
    }
}

/// <summary>
/// A coordinator chooses how they hear about declines, new enrolments and pairs newly at risk in their programs: one
/// daily digest (the default), an e-mail for each as it happens, or no e-mail (the home page only).
/// </summary>
public static class ChooseAlerts
{
    public static IReadOnlyList<AlertDelivery> Choices { get; } = [AlertDelivery.Digest, AlertDelivery.AtOnce, AlertDelivery.None];

    public static string Label(AlertDelivery delivery) => delivery switch
    {
        AlertDelivery.Digest => "One daily digest",
        AlertDelivery.AtOnce => "At once",
        AlertDelivery.None => "No e-mail",
        _ => delivery.ToString(),
    };

    public static string Describe(AlertDelivery delivery) => delivery switch
    {
        AlertDelivery.Digest => "One e-mail a day with what happened since the last one and what is still to do; none on a day with nothing.",
        AlertDelivery.AtOnce => "An e-mail for each decline, new enrolment and pair newly at risk, as it happens.",
        AlertDelivery.None => "No e-mail: your to-do list on the home page shows everything.",
        _ => delivery.ToString(),
    };

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query : IQuery<Command>;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public AlertDelivery? Delivery { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Delivery)
                .NotNull().WithMessage("Choose how you want to hear about things that need you.")
                .IsInEnum().WithMessage("Choose one of the options shown.");
        }
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var delivery = await db.Users.Where(u => u.Id == userId).Select(u => u.CoordinatorAlerts).SingleAsync(cancellationToken);
            return new Command { Delivery = delivery };
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
            user.ChooseAlerts(command.Delivery!.Value, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
