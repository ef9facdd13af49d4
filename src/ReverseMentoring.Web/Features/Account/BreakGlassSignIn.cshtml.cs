using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

/// <summary>
/// Where single sign-on is the only way in, the coordinators listed as break-glass sign in here with their password when
/// the company's provider is down. Everyone else gets the answer a wrong password gets (SignInWithPassword decides).
/// </summary>
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class BreakGlassSignInModel(IMediator mediator, IOptions<SingleSignOnOptions> singleSignOn) : PageModel
{
    [BindProperty]
    public SignInWithPassword.Command Data { get; set; } = new();

    public IActionResult OnGet() =>
        singleSignOn.Value.PasswordsOnlyForBreakGlass ? Page() : LocalRedirect("/Account/SignIn");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!singleSignOn.Value.PasswordsOnlyForBreakGlass)
        {
            return LocalRedirect("/Account/SignIn");
        }

        Data.RememberMe = false;
        var result = await mediator.Send(Data, cancellationToken);
        if (result.Outcome == SignInWithPassword.Outcome.SignedIn)
        {
            return LocalRedirect(result.HomePage);
        }

        ModelState.AddModelError("", SignInModel.Failure);
        Data.Password = "";
        return Page();
    }
}
