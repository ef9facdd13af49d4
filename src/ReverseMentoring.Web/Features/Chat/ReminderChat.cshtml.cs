using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Chat;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class ReminderChatModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public ReminderChat.Command Data { get; set; } = new();

    public ReminderChat.Result State { get; private set; } = new(null, null);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        State = await mediator.Send(new ReminderChat.Query(), cancellationToken);
        Data = new ReminderChat.Command { Kind = State.Kind ?? ChatKind.Teams };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Data, cancellationToken);
        Message = "Your session reminders now go to your chat.";
        return LocalRedirect("/Account/ReminderChat");
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new ReminderChat.Command { BackToEmail = true }, cancellationToken);
        Message = "Your session reminders go to your e-mail again.";
        return LocalRedirect("/Account/ReminderChat");
    }
}

/// <summary>
/// A participant sends their session reminders to their own Slack or Teams webhook instead of e-mail, or back. The
/// address is a secret: kept, never shown again, and the audit log records only that it changed.
/// </summary>
public static class ReminderChat
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(ChatKind? Kind, string? AddressHint);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand
    {
        public ChatKind Kind { get; set; }

        public string? WebhookUrl { get; set; }

        public bool BackToEmail { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ChatWebhooks webhooks)
        {
            RuleFor(c => c.Kind).IsInEnum().When(c => !c.BackToEmail).WithMessage("Choose Slack or Microsoft Teams.");
            RuleFor(c => c.WebhookUrl)
                .Must(url => webhooks.Problem(url) is null)
                .When(c => !c.BackToEmail)
                .WithMessage(c => webhooks.Problem(c.WebhookUrl) ?? "");
        }
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = current.RequireId();
            var me = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.ReminderChatKind, u.ReminderChatWebhookUrl }).SingleAsync(cancellationToken);
            return new Result(me.ReminderChatKind, me.ReminderChatWebhookUrl is { } url ? ChatWebhooks.Hint(url) : null);
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, AuditAction action, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var id = current.RequireId();
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new RequestAuthorizationException(signedIn: false);
            var before = user.ReminderChatKind?.ToString() ?? "E-mail";
            if (!user.ChooseReminderChat(command.BackToEmail ? null : command.Kind, command.BackToEmail ? null : command.WebhookUrl))
            {
                return Unit.Value;
            }

            // Recorded without the address, which is a secret.
            db.AuditEntries.Add(Account.AccountAudit.Entry(id, id, current.Name, "Modified", action, clock.GetUtcNow().UtcDateTime,
                new Dictionary<string, object> { ["Reminders"] = new { Before = before, After = user.ReminderChatKind?.ToString() ?? "E-mail" } }));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
