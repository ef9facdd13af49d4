using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

[Authorize]
public sealed class ProfileModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public Profile.Command Data { get; set; } = new();

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved = false, CancellationToken cancellationToken = default)
    {
        var mine = await mediator.Send(new Profile.Query(), cancellationToken);
        Data = new Profile.Command { DisplayName = mine.DisplayName, TimeZoneId = mine.TimeZoneId, MonthlySummary = mine.MonthlySummary };
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect("/Account/Profile?saved=true");
    }
}

/// <summary>
/// A person's own name and time zone. Every time the app shows them, on every page and in every e-mail, is in this
/// zone, whatever the zone of their enrolments' weekly availability; the change is written to the audit log.
/// </summary>
public static class Profile
{
    [AnySignedInUser]
    public sealed record Query : IQuery<Result>;

    /// <summary>MonthlySummary: whether a leader or coordinator receives the monthly summary e-mail; null for others.</summary>
    public sealed record Result(string DisplayName, string TimeZoneId, bool? MonthlySummary = null);

    [AnySignedInUser]
    public sealed class Command : ICommand
    {
        public string DisplayName { get; set; } = "";

        public string TimeZoneId { get; set; } = "";

        /// <summary>Leaders and coordinators only: receive the monthly summary e-mail; null leaves the choice as it is.</summary>
        public bool? MonthlySummary { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DisplayName)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter your name as colleagues know it.")
                .MaximumLength(AppUser.DisplayNameMaxLength).WithMessage("A name has at most 100 characters.");
            RuleFor(c => c.TimeZoneId).Must(TimeZones.IsKnown).WithMessage(TimeZones.UnknownMessage);
        }
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = current.RequireId();
            var reader = current.IsInRole(Roles.Leadership) || current.IsInRole(Roles.HrCoordinator);
            return await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new Result(u.DisplayName, u.TimeZoneId, reader ? !u.MonthlySummaryOptedOut : null))
                .SingleOrDefaultAsync(cancellationToken) ?? throw new RequestAuthorizationException(signedIn: false);
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, AuditAction action, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var id = current.RequireId();
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
                ?? throw new RequestAuthorizationException(signedIn: false);
            var changes = user.ChangeProfile(command.DisplayName.Trim(), command.TimeZoneId).ToList();
            if (command.MonthlySummary is { } receive && (current.IsInRole(Roles.Leadership) || current.IsInRole(Roles.HrCoordinator))
                && user.ChooseMonthlySummary(receive))
            {
                changes.Add((nameof(AppUser.MonthlySummaryOptedOut), (!user.MonthlySummaryOptedOut).ToString(), user.MonthlySummaryOptedOut.ToString()));
            }

            if (changes.Count == 0)
            {
                return Unit.Value;
            }

            db.AuditEntries.Add(AccountAudit.Entry(id, id, current.Name, "Modified", action, clock.GetUtcNow().UtcDateTime,
                changes.ToDictionary(c => c.Field, c => new { c.Before, c.After })));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
