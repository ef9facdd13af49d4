using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

/// <summary>
/// After an open registration: "check your e-mail" without a link's values; with them, the button that confirms the
/// address (a button, not the link itself, so mail scanners that open links confirm nothing).
/// </summary>
public sealed class ConfirmEmailModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "code")]
    public string? Code { get; set; }

    public bool Confirmed { get; private set; }

    public bool HasLink => !string.IsNullOrEmpty(UserId) && !string.IsNullOrEmpty(Code);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new ConfirmAddress.Command { UserId = UserId ?? "", Code = Code ?? "" }, cancellationToken);
        Confirmed = true;
        return Page();
    }
}

public static class ConfirmAddress
{
    [AllowAnonymousRequest]
    public sealed class Command : ICommand
    {
        public string UserId { get; set; } = "";

        public string Code { get; set; } = "";
    }

    public sealed class Handler(UserManager<AppUser> users) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = command.UserId.Length is > 0 and <= 450 ? await users.FindByIdAsync(command.UserId) : null;
            if (user is null || command.Code.Length == 0 || !await AddressConfirmation.IsAwaitedAsync(users, user) || !(await users.ConfirmEmailAsync(user, command.Code)).Succeeded)
            {
                throw RequestValidationException.For(command, "", AddressConfirmation.Unusable);
            }

            await AddressConfirmation.EndAsync(users, user);
            return Unit.Value;
        }
    }
}

/// <summary>
/// An account made by open registration cannot be signed into until its address is confirmed: it carries a marker
/// (an Identity user token) until then. Accounts made any other way (HR's import, an invitation, the first
/// coordinator, demo data) never carry it, so they are confirmed as far as signing in goes.
/// </summary>
public sealed class AddressConfirmation : IUserConfirmation<AppUser>
{
    public const string SentPage = "/Account/ConfirmEmail";

    public const string Unusable = "This confirmation link has expired or was used already. If you confirmed your address, sign in; otherwise register again for a new link.";

    private const string Provider = "ReverseMentoring";
    private const string Marker = "AddressUnconfirmed";

    public async Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => !await IsAwaitedAsync(manager, user);

    public static async Task<bool> IsAwaitedAsync(UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return await users.GetAuthenticationTokenAsync(user, Provider, Marker) is not null;
    }

    public static async Task AwaitAsync(UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        StartupData.Check(await users.SetAuthenticationTokenAsync(user, Provider, Marker, "1"), "mark the address as unconfirmed");
    }

    public static async Task EndAsync(UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        StartupData.Check(await users.RemoveAuthenticationTokenAsync(user, Provider, Marker), "mark the address as confirmed");
    }

    public static string LinkPath(string userId, string code) => $"{SentPage}?user={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(code)}";

    public static string ConfirmationKey(string userId, DateTime nowUtc) => $"address-confirmation:{userId}:{Stamp(nowUtc)}";

    public static string AttemptKey(string userId, DateTime nowUtc) => $"registration-attempt:{userId}:{Stamp(nowUtc)}";

    private static string Stamp(DateTime nowUtc) => nowUtc.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture);
}
