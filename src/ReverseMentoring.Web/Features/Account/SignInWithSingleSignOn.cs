using System.Security.Claims;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

/// <summary>
/// A person comes back from the company's provider with validated claims: their account is found by the provider's
/// login, or by the verified e-mail (and the login linked), or made just in time without a password; their place in
/// the org chart is taken from the claims; and they are signed in. Erased and locked-out accounts are refused.
/// </summary>
public static class SignInWithSingleSignOn
{
    /// <summary>
    /// Error is one of <see cref="SingleSignOnError"/>'s codes when refused. ChoosesRole: the person holds no role yet
    /// and picks mentor or mentee before their first enrolment.
    /// </summary>
    public sealed record Result(string? Error, string HomePage, bool ChoosesRole);

    [AllowAnonymousRequest]
    public sealed class Command : ICommand<Result>
    {
        /// <summary>The provider's subject: what the login is linked by, stable even if the e-mail changes.</summary>
        public string Subject { get; init; } = "";

        public string? Email { get; init; }

        /// <summary>The email_verified claim as sent; null when the provider does not send one.</summary>
        public string? EmailVerified { get; init; }

        public string? Name { get; init; }

        public string? Department { get; init; }

        public string? JobLevel { get; init; }

        public string? ManagerEmail { get; init; }

        public static Command From(ClaimsPrincipal principal, SingleSignOnOptions settings)
        {
            ArgumentNullException.ThrowIfNull(principal);
            ArgumentNullException.ThrowIfNull(settings);
            string? Claim(string? type) => string.IsNullOrWhiteSpace(type) ? null
                : principal.FindFirst(type)?.Value is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            return new Command
            {
                Subject = Claim("sub") ?? "",
                Email = Claim(settings.EmailClaim),
                EmailVerified = Claim("email_verified"),
                Name = Claim(settings.NameClaim),
                Department = Claim(settings.DepartmentClaim),
                JobLevel = Claim(settings.JobLevelClaim),
                ManagerEmail = Claim(settings.ManagerEmailClaim),
            };
        }
    }

    public sealed class Handler(
        AppDbContext db,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn,
        IOptions<SingleSignOnOptions> options,
        AuditAction action,
        TimeProvider clock,
        ILogger<Command> logger)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var settings = options.Value;
            var now = clock.GetUtcNow().UtcDateTime;
            if (command.Email is not { } email || command.Subject.Length == 0 || !email.Contains('@', StringComparison.Ordinal)
                || email.Length > Invitation.EmailMaxLength)
            {
                return Refused(SingleSignOnError.NoEmail, "no usable e-mail");
            }

            // A provider that says whether it verified the address must say it did; one that does not say (Entra ID
            // issues only addresses of its own directory) is trusted for its own.
            if (command.EmailVerified is { } verified && !string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase))
            {
                return Refused(SingleSignOnError.Unverified, "an unverified e-mail");
            }

            var user = await users.FindByLoginAsync(SingleSignOnOptions.Scheme, command.Subject);
            var linked = user is not null;
            var created = false;
            user ??= await users.FindByEmailAsync(email);
            if (user is not null && (user.ErasedAtUtc is not null || await users.IsLockedOutAsync(user)))
            {
                return Refused(SingleSignOnError.Refused, "an erased or locked-out account");
            }

            if (user is null)
            {
                user = new AppUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    DisplayName = Truncate(command.Name ?? email.Split('@')[0], AppUser.DisplayNameMaxLength),
                    CreatedAtUtc = now,
                };
                var outcome = await users.CreateAsync(user);
                if (!outcome.Succeeded)
                {
                    return Refused(SingleSignOnError.Refused, string.Join(" ", outcome.Errors.Select(e => e.Code)));
                }

                created = true;
            }
            else if (await AddressConfirmation.IsAwaitedAsync(users, user))
            {
                // The provider vouches for the address: an open registration that was never confirmed (perhaps by someone
                // else) loses its password, as when an invitation claims it.
                if (user.PasswordHash is not null)
                {
                    StartupData.Check(await users.RemovePasswordAsync(user), "replace an unconfirmed password");
                }

                await AddressConfirmation.EndAsync(users, user);
            }

            if (!linked)
            {
                if ((await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == SingleSignOnOptions.Scheme))
                {
                    // The account is linked to another identity at the provider: the address was given to someone else.
                    return Refused(SingleSignOnError.Refused, "an account linked to another subject");
                }

                StartupData.Check(await users.AddLoginAsync(user, new UserLoginInfo(SingleSignOnOptions.Scheme, command.Subject, settings.DisplayName)),
                    "link the single sign-on login");
            }

            if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                StartupData.Check(await users.UpdateAsync(user), "confirm the address");
            }

            await TakeInvitationAsync(user, now, cancellationToken);
            await PlaceInOrgChartAsync(user.Email!, command, settings, now, cancellationToken);

            Audit(user, created ? "Added" : "Signed in", now, created
                ? new Dictionary<string, object?> { ["Email"] = new { Before = (string?)null, After = user.Email }, ["DisplayName"] = new { Before = (string?)null, After = user.DisplayName }, ["SignIn"] = new { Before = (string?)null, After = "single sign-on" } }
                : new Dictionary<string, object?> { ["SignIn"] = new { Before = (string?)null, After = linked ? "single sign-on" : "single sign-on, linked by e-mail" } });
            await db.SaveChangesAsync(cancellationToken);

            // Open enrolments take the place the claims just gave (read from the saved chart).
            if (await OrgChartSync.ApplyToEnrolmentsAsync(db, [OrgChartEntry.Normalize(user.Email!)], now, cancellationToken) > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: SingleSignOnOptions.Scheme);
            var roles = await users.GetRolesAsync(user);
            return new Result(null, RoleHome.For(roles), roles.Count == 0);
        }

        private Result Refused(string error, string why)
        {
            logger.LogWarning("Single sign-on refused: {Reason}.", why);
            return new Result(error, "/", false);
        }

        /// <summary>A waiting invitation gives its role, as registering from its link does.</summary>
        private async Task TakeInvitationAsync(AppUser user, DateTime now, CancellationToken cancellationToken)
        {
            // The address as typed by HR, whatever its case.
            var sameEmail = LikePattern.Exactly(user.Email!);
            var invitations = await db.Invitations.Where(i => EF.Functions.Like(i.Email.ToLower(), sameEmail, LikePattern.Escape) && i.AcceptedAtUtc == null)
                .OrderByDescending(i => i.InvitedAtUtc).ToListAsync(cancellationToken);
            if (invitations.FirstOrDefault(i => i.IsUsableAt(now)) is not { } invitation)
            {
                return;
            }

            if (!await users.IsInRoleAsync(user, invitation.Role))
            {
                StartupData.Check(await users.AddToRoleAsync(user, invitation.Role), $"give the role {invitation.Role}");
            }

            invitation.AcceptedAtUtc = now;
        }

        private async Task PlaceInOrgChartAsync(string email, Command command, SingleSignOnOptions settings, DateTime now, CancellationToken cancellationToken)
        {
            if (command.Department is null && command.JobLevel is null && command.ManagerEmail is null)
            {
                return;
            }

            var normalized = OrgChartEntry.Normalize(email);
            var entry = await db.OrgChart.SingleOrDefaultAsync(e => e.NormalizedEmail == normalized, cancellationToken);
            if (entry is null)
            {
                entry = OrgChartEntry.For(email);
                db.OrgChart.Add(entry);
            }

            // A claim the provider is not configured to send keeps what the chart holds; one configured but absent clears it.
            var department = string.IsNullOrWhiteSpace(settings.DepartmentClaim) ? entry.Department : command.Department ?? "";
            var jobLevel = string.IsNullOrWhiteSpace(settings.JobLevelClaim) ? entry.JobLevel : command.JobLevel ?? "";
            var manager = string.IsNullOrWhiteSpace(settings.ManagerEmailClaim) ? entry.ManagerEmail : command.ManagerEmail;
            if (manager is not null && OrgChartEntry.Normalize(manager) == normalized)
            {
                manager = null;
            }

            entry.Place(OrgSource.SingleSignOn, Truncate(department, OrgChartEntry.TextMaxLength), Truncate(jobLevel, OrgChartEntry.TextMaxLength),
                manager, entry.EmployeeNumber, now);
        }

        private void Audit(AppUser user, string what, DateTime now, Dictionary<string, object?> changes) =>
            db.AuditEntries.Add(AccountAudit.Entry(user.Id, user.Id, user.Email ?? "", what, action, now, changes));

        private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
    }
}
