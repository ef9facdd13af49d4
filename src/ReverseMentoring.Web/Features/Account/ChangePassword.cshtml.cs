using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

[Authorize]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class ChangePasswordModel(IMediator mediator, IOptions<SingleSignOnOptions> singleSignOn) : PageModel
{
    /// <summary>Shown instead of the form where the person signs in only through single sign-on.</summary>
    public string? Refusal => singleSignOn.Value.AllowsPasswordFor(User.Identity?.Name ?? "") ? null : singleSignOn.Value.PasswordsRefused;

    [BindProperty]
    public ChangePassword.Command Data { get; set; } = new();

    public bool Changed { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await mediator.Send(Data, cancellationToken))
        {
            case ChangePassword.Outcome.WrongCurrentPassword:
                // Thrown here, after the command saved the failed attempt, so that it counts towards the lockout.
                throw RequestValidationException.For(Data, nameof(ChangePassword.Command.CurrentPassword), "The current password is not right.");
            case ChangePassword.Outcome.LockedOut:
                // Signed out by the command: the next page is the sign-in page.
                return LocalRedirect("/Account/SignIn");
            default:
                Data = new ChangePassword.Command();
                Changed = true;
                return Page();
        }
    }
}

/// <summary>
/// A person changes their password. A wrong current password counts as a failed sign-in: five lock the account, and a
/// locked account is signed out everywhere. A changed password ends the account's other sessions.
/// </summary>
public static class ChangePassword
{
    public enum Outcome
    {
        Changed,
        WrongCurrentPassword,
        LockedOut,
    }

    [AnySignedInUser]
    public sealed class Command : ICommand<Outcome>
    {
        public string CurrentPassword { get; set; } = "";

        public string NewPassword { get; set; } = "";

        public string ConfirmPassword { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<SingleSignOnOptions> singleSignOn, CurrentUser current)
        {
            // Where single sign-on is the way in, only the break-glass coordinators keep a password.
            RuleFor(c => c.CurrentPassword).Must(_ => singleSignOn.Value.AllowsPasswordFor(current.Name))
                .WithMessage(_ => singleSignOn.Value.PasswordsRefused);
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(200);
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Choose a new password.").MaximumLength(200)
                .NotEqual(c => c.CurrentPassword).WithMessage("Choose a password different from the current one.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage("The two new passwords are not the same.");
        }
    }

    public sealed class Handler(UserManager<AppUser> users, SignInManager<AppUser> signIn, CurrentUser current) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireId()) ?? throw new RequestAuthorizationException(signedIn: false);
            if (await users.IsLockedOutAsync(user))
            {
                await signIn.SignOutAsync();
                return Outcome.LockedOut;
            }

            if (!await users.CheckPasswordAsync(user, command.CurrentPassword))
            {
                // Locking also renews the security stamp, which ends the account's sessions everywhere.
                await users.AccessFailedAsync(user);
                if (await users.IsLockedOutAsync(user))
                {
                    await signIn.SignOutAsync();
                    return Outcome.LockedOut;
                }

                return Outcome.WrongCurrentPassword;
            }

            // Changing the password renews the security stamp: the account's other sessions end at their next request.
            var changed = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
            if (!changed.Succeeded)
            {
                throw new RequestValidationException(command, changed.Errors
                    .Select(e => new ValidationFailure(
                        e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(Command.CurrentPassword) : nameof(Command.NewPassword),
                        e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "The current password is not right." : e.Description))
                    .ToList());
            }

            await users.ResetAccessFailedCountAsync(user);

            // This browser gets a cookie with the new stamp and stays signed in.
            await signIn.RefreshSignInAsync(user);
            return Outcome.Changed;
        }
    }
}
