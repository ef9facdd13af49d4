using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;

using ReverseMentoring.Web.Features.Privacy;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// What ends a session at once: every request checks its sign-in cookie's security stamp against the account's, and
/// signing out, changing the password, a lockout and an erasure all renew the stamp.
/// </summary>
public static class AccountSecurity
{
    private const string FailedCheck = "AccountSecurity.FailedCheck";

    public static IServiceCollection AddAccountSecurity(this IServiceCollection services)
    {
        // Checked on every request rather than every 30 minutes, Identity's default, so that a cookie copied before a
        // sign-out, a password change, a lockout or an erasure stops working at its next request, and a role taken away
        // is gone at the next request too.
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero);

        // Most requests pass that check with one small query (SignInCheck); Identity's own runs for the rest.
        services.AddScoped<SecurityStampValidator<AppUser>>();
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, SignInCheck>());

        // With the database down the check fails. Thrown from here, the failure would be remembered with the sign-in
        // and thrown again when the status-code pages render the friendly 503 page; so it is kept for
        // UseAccountSecurity, and the request goes on signed out.
        services.ConfigureApplicationCookie(cookie =>
        {
            var validate = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                try
                {
                    await validate(context);
                }
                catch (Exception exception) when (DatabaseUnavailable.IsOutage(exception))
                {
                    context.HttpContext.Items[FailedCheck] = ExceptionDispatchInfo.Capture(exception);
                    context.RejectPrincipal();
                }
            };
        });

        // Accounts made by open registration sign in only once their address is confirmed.
        services.AddScoped<IUserConfirmation<AppUser>, AddressConfirmation>();
        return services;
    }

    /// <summary>
    /// After authentication: a page that needs a signed-in person, reached while the sign-in could not be checked
    /// because the database is down, fails as the outage it is (a 503 with the friendly page, see DatabaseUnavailable).
    /// Pages open to anyone, and /health, go on for a signed-out visitor.
    /// </summary>
    public static WebApplication UseAccountSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            if (context.Items.Remove(FailedCheck, out var failure) && failure is ExceptionDispatchInfo outage
                && context.GetEndpoint()?.Metadata is { } metadata
                && metadata.GetMetadata<IAuthorizeData>() is not null && metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                outage.Throw();
            }

            return next(context);
        });
        return app;
    }
}

/// <summary>Identity's user manager, except that locking an account also ends its sessions (a new security stamp).</summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>A failed password that locks the account ends the account's sessions too.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        var result = await base.AccessFailedAsync(user);
        return result.Succeeded && await IsLockedOutAsync(user) ? await UpdateSecurityStampAsync(user) : result;
    }

    public override async Task<IdentityResult> SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd)
    {
        var result = await base.SetLockoutEndDateAsync(user, lockoutEnd);
        return result.Succeeded && lockoutEnd > DateTimeOffset.UtcNow ? await UpdateSecurityStampAsync(user) : result;
    }
}
