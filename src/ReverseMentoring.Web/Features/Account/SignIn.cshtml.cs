using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SignInModel(IMediator mediator, IOptions<SingleSignOnOptions> singleSignOn) : PageModel
{
    /// <summary>
    /// The one answer to every failed sign-in: a wrong password, an unknown address, a locked or an unconfirmed account
    /// all read the same, so the page never tells whether an account exists.
    /// </summary>
    public const string Failure = "The e-mail address or password is not right. After five failed tries an account is locked for 15 minutes; "
        + "if you registered just now, confirm your address with the link we e-mailed you first.";

    [BindProperty]
    public SignInWithPassword.Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public SingleSignOnOptions SingleSignOn => singleSignOn.Value;

    /// <summary>Why a single sign-on came back here, in words; null when it did not.</summary>
    public string? SingleSignOnProblem { get; private set; }

    public void OnGet(string? error) => SingleSignOnProblem = SingleSignOnError.Describe(error);

    /// <summary>
    /// A link, not a form: the page's Content-Security-Policy (form-action 'self') would stop a form's redirect to the
    /// provider. Starting a sign-in changes nothing here; the provider's answer is bound to this browser by the
    /// correlation cookie and the state.
    /// </summary>
    public IActionResult OnGetSingleSignOn() =>
        SingleSignOn.Enabled
            ? Challenge(SingleSignOnSetup.Challenge(ReturnUrl, Url.IsLocalUrl), SingleSignOnOptions.Scheme)
            : RedirectToPage();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(Data, cancellationToken);
        if (result.Outcome == SignInWithPassword.Outcome.SignedIn)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : result.HomePage);
        }

        ModelState.AddModelError("", Failure);
        Data.Password = "";
        return Page();
    }
}

public static class SignInWithPassword
{
    /// <summary>Failed covers a wrong password, an unknown address and a locked or unconfirmed account alike.</summary>
    public enum Outcome
    {
        SignedIn,
        Failed,
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

    public sealed class Handler(
        SignInManager<AppUser> signIn,
        UserManager<AppUser> users,
        IPasswordHasher<AppUser> hasher,
        IOptions<SingleSignOnOptions> singleSignOn)
        : ICommandHandler<Command, Result>
    {
        private static readonly AppUser Nobody = new();
        private static string? _placeholderHash;

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // Where single sign-on is the way in, a password works only for the break-glass coordinators; anyone else
            // is answered as a wrong password is.
            var user = singleSignOn.Value.AllowsPasswordFor(command.Email) ? await users.FindByEmailAsync(command.Email.Trim()) : null;
            if (user is not null && singleSignOn.Value.PasswordsOnlyForBreakGlass && !await users.IsInRoleAsync(user, Roles.HrCoordinator))
            {
                user = null;
            }

            // Where no password of a real account gets checked (nobody has this address or may use a password here, the account has no
            // password yet, is locked, or waits for its address to be confirmed), one is checked all the same, so the answer takes
            // as long as a wrong password does and its timing does not tell that the account exists.
            if (user is null || user.PasswordHash is null || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
            {
                CheckPlaceholder(command.Password);
                return new Result(Outcome.Failed, "/");
            }

            var outcome = await signIn.PasswordSignInAsync(user, command.Password, command.RememberMe, lockoutOnFailure: true);
            return outcome.Succeeded
                ? new Result(Outcome.SignedIn, RoleHome.For(await users.GetRolesAsync(user)))
                : new Result(Outcome.Failed, "/");
        }

        private void CheckPlaceholder(string password)
        {
            var hash = _placeholderHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
            _ = hasher.VerifyHashedPassword(Nobody, hash, password);
        }
    }
}
