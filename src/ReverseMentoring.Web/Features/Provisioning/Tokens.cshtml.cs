using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Provisioning;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class TokensModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    public ProvisioningTokens.Result Data { get; private set; } = new([]);

    [BindProperty]
    public ProvisioningTokens.Create Create { get; set; } = new();

    /// <summary>
    /// The token just made, carried to the page after the redirect in the encrypted, HttpOnly temp-data cookie and read
    /// once: it is not stored and cannot be shown again.
    /// </summary>
    [TempData]
    public string? MadeName { get; set; }

    [TempData]
    public string? MadeSecret { get; set; }

    [TempData]
    public string? Revoked { get; set; }

    public string BaseUrl => $"{Request.Scheme}://{Request.Host}{Scim.BasePath}";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ReloadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var made = await mediator.Send(Create, cancellationToken);
        (MadeName, MadeSecret) = (made.Name, made.Secret);
        return LocalRedirect(ProvisioningTokens.Path);
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        Revoked = await mediator.Send(new ProvisioningTokens.Revoke { Id = id }, cancellationToken);
        return LocalRedirect(ProvisioningTokens.Path);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) => Data = await mediator.Send(new ProvisioningTokens.Query(), cancellationToken);
}

/// <summary>
/// HR makes and revokes the tokens the company's directory provisions people with. A token is shown once, when made;
/// only its hash is kept. Revoking one stops the directory at its next request.
/// </summary>
public static class ProvisioningTokens
{
    public const string Path = "/Provisioning/Tokens";

    /// <summary>One token, its times in the viewer's time zone.</summary>
    public sealed record Row(int Id, string Name, DateTime Created, string? CreatedBy, DateTime? LastUsed, DateTime? Revoked);

    public sealed record Result(IReadOnlyList<Row> Tokens, string TimeZoneId = "UTC");

    public sealed record Created(string Name, string Secret);

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query : IQuery<Result>;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Create : ICommand<Created>
    {
        public string? Name { get; set; }
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Revoke : ICommand<string>
    {
        public int Id { get; set; }
    }

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator(AppDbContext db)
        {
            RuleFor(c => c.Name)
                .NotEmpty().WithMessage("Name the token after the directory that will use it, such as \"Entra ID production\".")
                .MaximumLength(ProvisioningToken.NameMaxLength).WithMessage($"Keep the name to {ProvisioningToken.NameMaxLength} characters.")
                .MustAsync(async (name, ct) => !await db.ProvisioningTokens.AnyAsync(t => t.Name == name!.Trim() && t.RevokedAtUtc == null, ct))
                .WithMessage("A token in use already has this name; choose another, so the audit log tells them apart.")
                .When(c => !string.IsNullOrWhiteSpace(c.Name), ApplyConditionTo.CurrentValidator);
        }
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var viewerId = current.RequireId();
            var timeZoneId = await db.Users.Where(u => u.Id == viewerId).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
            DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

            var tokens = await db.ProvisioningTokens.AsNoTracking()
                .OrderBy(t => t.RevokedAtUtc != null).ThenByDescending(t => t.CreatedAtUtc)
                .Select(t => new
                {
                    t.Id,
                    t.Name,
                    t.CreatedAtUtc,
                    CreatedBy = db.Users.Where(u => u.Id == t.CreatedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                    t.LastUsedAtUtc,
                    t.RevokedAtUtc,
                })
                .ToListAsync(cancellationToken);
            var rows = tokens.Select(t => new Row(t.Id, t.Name, Local(t.CreatedAtUtc), t.CreatedBy,
                t.LastUsedAtUtc is { } used ? Local(used) : null, t.RevokedAtUtc is { } revoked ? Local(revoked) : null)).ToList();
            return new Result(rows, timeZoneId);
        }
    }

    public sealed class CreateHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Create, Created>
    {
        public async ValueTask<Created> Handle(Create command, CancellationToken cancellationToken)
        {
            var (token, secret) = ProvisioningToken.Issue(command.Name!, current.RequireId(), clock.GetUtcNow().UtcDateTime);
            db.ProvisioningTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken);
            return new Created(token.Name, secret);
        }
    }

    public sealed class RevokeHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Revoke, string>
    {
        public async ValueTask<string> Handle(Revoke command, CancellationToken cancellationToken)
        {
            var token = await db.ProvisioningTokens.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken) ?? throw new NotFoundException();
            if (token.Revoked)
            {
                throw RequestValidationException.For(command, "", $"The token \"{token.Name}\" was revoked already.");
            }

            token.Revoke(current.RequireId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return token.Name;
        }
    }
}
