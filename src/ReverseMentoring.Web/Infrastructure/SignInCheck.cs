using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// The check of a sign-in cookie on every request (<see cref="AccountSecurity"/>), in one small query: when the account
/// still has the cookie's security stamp and exactly the roles the cookie holds, the cookie stands as it is. Anything
/// else (a renewed stamp, a role given or taken, an account gone) goes to Identity's own check, which signs the request
/// out or issues a cookie with the roles as they are now. Identity's check alone reads the account, its claims, its
/// roles and their claims and re-issues the cookie on every request: most of the cost of a small page at scale.
/// The app keeps no claims of its own on accounts or roles, so the stamp and the roles are all a cookie holds that can go stale.
/// Where the database can tell that nothing was committed since the account was last read (<see cref="DatabaseChanges"/>),
/// that read is reused: any change of stamp or roles is a commit, so it is seen at the next request all the same.
/// </summary>
public sealed class SignInCheck(
    AppDbContext db, IOptions<IdentityOptions> identity, SecurityStampValidator<AppUser> full, DatabaseChanges changes, IMemoryCache cache) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claims = identity.Value.ClaimsIdentity;
        var principal = context.Principal;
        var id = principal?.FindFirst(claims.UserIdClaimType)?.Value;
        var stamp = principal?.FindFirst(claims.SecurityStampClaimType)?.Value;
        if (principal is not null && id is not null && stamp is not null)
        {
            var rows = await changes.ReadAsync(cache, (nameof(SignInCheck), id), () => (
                    from user in db.Users
                    where user.Id == id
                    join userRole in db.UserRoles on user.Id equals userRole.UserId into userRoles
                    from userRole in userRoles.DefaultIfEmpty()
                    join role in db.Roles on userRole.RoleId equals role.Id into roles
                    from role in roles.DefaultIfEmpty()
                    select new Account(user.SecurityStamp, (string?)role.Name))
                .AsNoTracking()
                .ToListAsync(context.HttpContext.RequestAborted));
            if (rows.Count > 0 && string.Equals(rows[0].SecurityStamp, stamp, StringComparison.Ordinal))
            {
                var held = principal.FindAll(claims.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
                var current = rows.Where(r => r.Role is not null).Select(r => r.Role!).ToHashSet(StringComparer.Ordinal);
                if (held.SetEquals(current))
                {
                    return;
                }
            }
        }

        await full.ValidateAsync(context);
    }

    private sealed record Account(string? SecurityStamp, string? Role);
}
