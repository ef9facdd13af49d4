using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class ChangePasswordModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public ChangePassword.Command Data { get; set; } = new();

    public bool Changed { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Data, cancellationToken);
        Data = new ChangePassword.Command();
        Changed = true;
        return Page();
    }
}

public static class ChangePassword
{
    [AnySignedInUser]
    public sealed class Command : ICommand
    {
        public string CurrentPassword { get; set; } = "";

        public string NewPassword { get; set; } = "";

        public string ConfirmPassword { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(200);
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Choose a new password.").MaximumLength(200)
                .NotEqual(c => c.CurrentPassword).WithMessage("Choose a password different from the current one.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage("The two new passwords are not the same.");
        }
    }

    public sealed class Handler(UserManager<AppUser> users, SignInManager<AppUser> signIn, CurrentUser current) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(current.RequireId()) ?? throw new RequestAuthorizationException(signedIn: false);
            var changed = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
            if (!changed.Succeeded)
            {
                throw new RequestValidationException(command, changed.Errors
                    .Select(e => new ValidationFailure(
                        e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(Command.CurrentPassword) : nameof(Command.NewPassword),
                        e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "The current password is not right." : e.Description))
                    .ToList());
            }

            await signIn.RefreshSignInAsync(user);
            return Unit.Value;
        }
    }
}
