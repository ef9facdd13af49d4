using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Account;

public enum RegistrationMode
{
    /// <summary>Only people holding an invitation link from HR may register.</summary>
    Invitation,

    /// <summary>Anyone may register as a mentor or a mentee; an invitation link still sets the role.</summary>
    Open,
}

public sealed class RegistrationOptions
{
    public const string Section = "Registration";

    public RegistrationMode Mode { get; set; } = RegistrationMode.Invitation;
}

[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class RegisterModel(IMediator mediator, IOptions<RegistrationOptions> options, IOptions<SingleSignOnOptions> singleSignOn)
    : PageModel, IReloadAfterRejection
{
    /// <summary>Where single sign-on is the only way in, registration is refused with this, before any field is filled.</summary>
    public string? Refusal => singleSignOn.Value.PasswordsOnlyForBreakGlass ? singleSignOn.Value.PasswordsRefused : null;

    [BindProperty]
    public Register.Command Data { get; set; } = new();

    public Register.Invite? Invite { get; private set; }

    public bool IsOpen => options.Value.Mode == RegistrationMode.Open;

    public async Task OnGetAsync(string? invitation, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(invitation))
        {
            Invite = await mediator.Send(new Register.InviteQuery(invitation), cancellationToken);
            if (Invite is not null)
            {
                Data.InvitationToken = invitation;
                Data.Email = Invite.Email;
            }
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(Data, cancellationToken);
        return LocalRedirect(result.HomePage);
    }

    // When the form comes back with errors, the invitation banner must still show.
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (Invite is null && !string.IsNullOrEmpty(Data.InvitationToken))
        {
            Invite = await mediator.Send(new Register.InviteQuery(Data.InvitationToken), cancellationToken);
        }
    }
}

public static class Register
{
    public sealed record Invite(string Email, string Role, string? ProgramName);

    public sealed record Result(string HomePage);

    /// <summary>Reads an invitation by its token, to greet the person and fill in their e-mail.</summary>
    [AllowAnonymousRequest]
    public sealed record InviteQuery(string Token) : IQuery<Invite?>;

    public sealed class InviteHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<InviteQuery, Invite?>
    {
        public async ValueTask<Invite?> Handle(InviteQuery query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var tokenHash = Invitation.HashOf(query.Token);
            var invitation = await db.Invitations.AsNoTracking().Include(i => i.Program)
                .FirstOrDefaultAsync(i => i.TokenHash == tokenHash, cancellationToken);
            return invitation is not null && invitation.IsUsableAt(now)
                ? new Invite(invitation.Email, invitation.Role, invitation.Program?.Name)
                : null;
        }
    }

    [AllowAnonymousRequest]
    public sealed class Command : ICommand<Result>
    {
        public string Email { get; set; } = "";

        public string DisplayName { get; set; } = "";

        /// <summary>Empty until chosen: the page fills in the browser's zone, so nobody lands in UTC by default.</summary>
        public string TimeZoneId { get; set; } = "";

        /// <summary>Mentor or Mentee; ignored when an invitation sets the role.</summary>
        public string JoiningAs { get; set; } = "";

        public string Password { get; set; } = "";

        public string ConfirmPassword { get; set; } = "";

        public string? InvitationToken { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(
            AppDbContext db,
            UserManager<AppUser> users,
            IOptions<RegistrationOptions> options,
            IOptions<SingleSignOnOptions> singleSignOn,
            TimeProvider clock)
        {
            // Where single sign-on is the only way in, accounts are made when people first sign in with it.
            RuleFor(c => c.Email).Must(_ => !singleSignOn.Value.PasswordsOnlyForBreakGlass)
                .WithMessage(_ => singleSignOn.Value.PasswordsRefused);

            RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter your work e-mail address.")
                .MaximumLength(Invitation.EmailMaxLength).WithMessage("An e-mail address has at most 256 characters.")
                .MustBeDeliverableAddress();

            RuleFor(c => c.DisplayName)
                .NotEmpty().WithMessage("Enter your name as colleagues know it.")
                .MaximumLength(AppUser.DisplayNameMaxLength).WithMessage("A name has at most 100 characters.");

            RuleFor(c => c.TimeZoneId).Must(TimeZones.IsKnown).WithMessage(TimeZones.UnknownMessage);

            RuleFor(c => c.Password).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose a password.")
                .MaximumLength(200).WithMessage("A password has at most 200 characters.")
                .CustomAsync(async (password, context, ct) =>
                {
                    foreach (var validator in users.PasswordValidators)
                    {
                        var result = await validator.ValidateAsync(users, new AppUser(), password);
                        foreach (var error in result.Errors)
                        {
                            context.AddFailure(new ValidationFailure(nameof(Command.Password), error.Description));
                        }
                    }
                });

            RuleFor(c => c.ConfirmPassword)
                .Equal(c => c.Password).WithMessage("The two passwords are not the same.");

            When(c => string.IsNullOrEmpty(c.InvitationToken), () =>
            {
                RuleFor(c => c.InvitationToken)
                    .Must(_ => options.Value.Mode == RegistrationMode.Open)
                    .WithMessage("Registration is by invitation. Use the link in the invitation e-mail from your HR coordinator.");
                RuleFor(c => c.JoiningAs)
                    .Must(role => role is Roles.Mentor or Roles.Mentee)
                    .WithMessage("Choose whether you join as a mentor (junior) or a mentee (senior).");
            }).Otherwise(() =>
            {
                RuleFor(c => c).CustomAsync(async (command, context, ct) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    var tokenHash = Invitation.HashOf(command.InvitationToken!);
                    var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == tokenHash, ct);
                    if (invitation is null || !invitation.IsUsableAt(now))
                    {
                        context.AddFailure(new ValidationFailure(nameof(Command.InvitationToken),
                            "This invitation link has expired or was used already, or a newer e-mail replaced it. Ask your HR coordinator for a new one."));
                    }
                    else if (!string.Equals(invitation.Email, command.Email.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        context.AddFailure(new ValidationFailure(nameof(Command.Email),
                            $"This invitation is for {invitation.Email}. Register with that address."));
                    }
                    else if (await users.FindByEmailAsync(command.Email.Trim()) is { PasswordHash: not null } existing
                        && !await AddressConfirmation.IsAwaitedAsync(users, existing))
                    {
                        // Only the holder of the address's own invitation learns that it has an account already.
                        context.AddFailure(new ValidationFailure(nameof(Command.Email),
                            "An account with this e-mail address exists already. Sign in instead."));
                    }
                });
            });
        }
    }

    public sealed class Handler(
        AppDbContext db,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn,
        IPasswordHasher<AppUser> hasher,
        Outbox outbox,
        PublicLinks links,
        TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (string.IsNullOrEmpty(command.InvitationToken))
            {
                await RegisterOpenlyAsync(command, now, cancellationToken);
                return new Result(AddressConfirmation.SentPage);
            }

            var tokenHash = Invitation.HashOf(command.InvitationToken);
            var invitation = await db.Invitations.SingleAsync(i => i.TokenHash == tokenHash, cancellationToken);
            var role = invitation.Role;
            var email = command.Email.Trim();

            // HR's import makes accounts without a password; the invitation sent with it lets the person claim theirs.
            var claimed = await users.FindByEmailAsync(email);
            var imported = claimed is { PasswordHash: null };
            var user = claimed ?? new AppUser { UserName = email, Email = email, CreatedAtUtc = now };
            user.DisplayName = command.DisplayName.Trim();
            user.TimeZoneId = command.TimeZoneId;

            // The invitation's link reached this address: it is confirmed, and a password chosen by an earlier open
            // registration that was never confirmed (perhaps by someone else) is replaced.
            user.EmailConfirmed = true;
            if (claimed is { PasswordHash: not null })
            {
                StartupData.Check(await users.RemovePasswordAsync(claimed), "replace an unconfirmed password");
                await AddressConfirmation.EndAsync(users, claimed);
            }

            var created = claimed is null ? await users.CreateAsync(user, command.Password) : await users.AddPasswordAsync(claimed, command.Password);
            if (!created.Succeeded)
            {
                // Rare here (the validator checked first), but a race on the same e-mail ends here, whole transaction undone.
                throw new RequestValidationException(command,
                    created.Errors.Select(e => new ValidationFailure(e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Command.Password) : nameof(Command.Email), e.Description)).ToList());
            }

            if (!await users.IsInRoleAsync(user, role))
            {
                StartupData.Check(await users.AddToRoleAsync(user, role), $"give the role {role}");
            }

            invitation.AcceptedAtUtc = now;
            await db.SaveChangesAsync(cancellationToken);

            await signIn.SignInAsync(user, isPersistent: false);

            // An imported person is enrolled already: their program page, not the enrolment form.
            return new Result(invitation.ProgramId is not { } programId ? RoleHome.For([role])
                : imported ? $"/Participant/Programs/{programId}" : $"/Participant/Programs/{programId}/Enrol");
        }

        /// <summary>
        /// Registration without an invitation answers the same whether or not the address has an account: nobody is
        /// signed in, and the address gets an e-mail. A new account waits for its address to be confirmed through the
        /// link in it; the owner of an existing account is told that someone tried to register with their address.
        /// The work done is the same too (a password is hashed either way), so the time taken tells nothing either.
        /// </summary>
        private async Task RegisterOpenlyAsync(Command command, DateTime now, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim();
            var existing = await users.FindByEmailAsync(email);
            if (existing is null)
            {
                var user = new AppUser
                {
                    UserName = email,
                    Email = email,
                    CreatedAtUtc = now,
                    DisplayName = command.DisplayName.Trim(),
                    TimeZoneId = command.TimeZoneId,
                };
                var created = await users.CreateAsync(user, command.Password);
                if (created.Succeeded)
                {
                    StartupData.Check(await users.AddToRoleAsync(user, command.JoiningAs), $"give the role {command.JoiningAs}");
                    await AddressConfirmation.AwaitAsync(users, user);
                    await SendConfirmationAsync(user, now, cancellationToken);
                    return;
                }

                // Someone registered the same address a moment ago: answered as an existing account below.
                if (!created.Errors.All(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                {
                    throw new RequestValidationException(command,
                        created.Errors.Select(e => new ValidationFailure(e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Command.Password) : nameof(Command.Email), e.Description)).ToList());
                }

                existing = await users.FindByEmailAsync(email);
            }
            else
            {
                _ = hasher.HashPassword(existing, command.Password);
            }

            if (existing is null)
            {
                return;
            }

            if (await AddressConfirmation.IsAwaitedAsync(users, existing))
            {
                // Registered before but never confirmed (the e-mail went astray): a fresh link, the first password kept.
                await SendConfirmationAsync(existing, now, cancellationToken);
                return;
            }

            var text = string.Join("\r\n",
                "Hello,",
                "",
                "Someone, perhaps you, tried to register with this e-mail address on ReverseMentoring. You have an account already,",
                "so nothing was changed. Sign in here:",
                links.To("/Account/SignIn"),
                "",
                existing.PasswordHash is null
                    ? "Your HR coordinator set up your account: use the link in their invitation e-mail to choose your password, or ask them to send it again."
                    : "If you have forgotten your password, ask your HR coordinator. If it was not you, you can ignore this e-mail.",
                "",
                "ReverseMentoring");
            await outbox.QueueAsync(new Outgoing(AddressConfirmation.AttemptKey(existing.Id, now), existing.Email!,
                "Someone tried to register with your address", text), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task SendConfirmationAsync(AppUser user, DateTime now, CancellationToken cancellationToken)
        {
            var code = await users.GenerateEmailConfirmationTokenAsync(user);
            var text = string.Join("\r\n",
                "Hello,",
                "",
                "Confirm your e-mail address to finish registering on ReverseMentoring:",
                links.To(AddressConfirmation.LinkPath(user.Id, code)),
                "",
                "Then sign in with the password you chose. The link works for one day. If you did not register, ignore this e-mail",
                "and no account will be usable with your address.",
                "",
                "ReverseMentoring");
            await outbox.QueueAsync(new Outgoing(AddressConfirmation.ConfirmationKey(user.Id, now), user.Email!,
                "Confirm your e-mail address", text), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
