using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

[Authorize]
public sealed class ChooseRoleModel(IMediator mediator) : PageModel
{
    public const string Path = "/Account/ChooseRole";

    [BindProperty]
    public ChooseRole.Command Data { get; set; } = new();

    public IActionResult OnGet() =>
        User.IsInRole(Roles.Mentor) || User.IsInRole(Roles.Mentee) || User.IsInRole(Roles.HrCoordinator) || User.IsInRole(Roles.Leadership)
            ? LocalRedirect(RoleHome.For(User))
            : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect("/Participant");
    }
}

/// <summary>
/// A person whose account single sign-on made, with no invitation to set their role, says whether they join as a mentor or
/// a mentee before their first enrolment: the choice open registration asks for. Once they hold a role it is HR's to change.
/// </summary>
public static class ChooseRole
{
    [AnySignedInUser]
    public sealed class Command : ICommand
    {
        /// <summary>Mentor or Mentee, as at open registration.</summary>
        public string JoiningAs { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.JoiningAs)
                .Must(role => role is Roles.Mentor or Roles.Mentee)
                .WithMessage("Choose whether you join as a mentor (junior) or a mentee (senior).");
        }
    }

    public sealed class Handler(
        AppDbContext db,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn,
        CurrentUser current,
        AuditAction action,
        TimeProvider clock)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireId()) ?? throw new RequestAuthorizationException(signedIn: false);
            if ((await users.GetRolesAsync(user)).Count > 0)
            {
                throw RequestValidationException.For(command, nameof(Command.JoiningAs),
                    "You have a role already. Ask your HR coordinator if it should change.");
            }

            StartupData.Check(await users.AddToRoleAsync(user, command.JoiningAs), $"give the role {command.JoiningAs}");
            db.AuditEntries.Add(AccountAudit.Entry(user.Id, user.Id, current.Name, "Modified", action, clock.GetUtcNow().UtcDateTime,
                new Dictionary<string, object> { ["Role"] = new { Before = "", After = command.JoiningAs } }));
            await db.SaveChangesAsync(cancellationToken);

            // The cookie carries the roles: a fresh one opens the participant pages at once.
            await signIn.RefreshSignInAsync(user);
            return Unit.Value;
        }
    }
}
