using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SignInModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SignInWithPassword.Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(Data, cancellationToken);
        switch (result.Outcome)
        {
            case SignInWithPassword.Outcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : result.HomePage);
            case SignInWithPassword.Outcome.LockedOut:
                ModelState.AddModelError("", "This account is locked after too many failed sign-ins. Try again in 15 minutes, or ask your HR coordinator.");
                break;
            default:
                ModelState.AddModelError("", "The e-mail address or password is not right.");
                break;
        }

        Data.Password = "";
        return Page();
    }
}

public static class SignInWithPassword
{
    public enum Outcome
    {
        SignedIn,
        Failed,
        LockedOut,
    }

    public sealed record Result(Outcome Outcome, string HomePage);

    [AllowAnonymousRequest]
    public sealed class Command : ICommand<Result>
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your e-mail address.")
                .MaximumLength(Invitation.EmailMaxLength);
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.")
                .MaximumLength(200);
        }
    }

    public sealed class Handler(SignInManager<AppUser> signIn, UserManager<AppUser> users) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByEmailAsync(command.Email.Trim());
            if (user is null)
            {
                return new Result(Outcome.Failed, "/");
            }

            var outcome = await signIn.PasswordSignInAsync(user, command.Password, command.RememberMe, lockoutOnFailure: true);
            if (outcome.IsLockedOut)
            {
                return new Result(Outcome.LockedOut, "/");
            }

            if (!outcome.Succeeded)
            {
                return new Result(Outcome.Failed, "/");
            }

            return new Result(Outcome.SignedIn, RoleHome.For(await users.GetRolesAsync(user)));
        }
    }
}
