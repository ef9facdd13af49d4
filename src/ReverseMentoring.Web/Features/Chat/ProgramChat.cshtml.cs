using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Chat;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ProgramChatModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public ConnectProgramChat.Command Data { get; set; } = new();

    public ProgramChat.Result State { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        State = await mediator.Send(new ProgramChat.Query(ProgramId), cancellationToken);
        Data = new ConnectProgramChat.Command { Kind = State.Kind ?? ChatKind.Teams, WeeklySummary = State.WeeklySummary || State.Kind is null };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        await mediator.Send(Data, cancellationToken);
        Message = "Saved. Use \"Send a test message\" to see it arrive in the channel.";
        return Redirect($"/Programs/{ProgramId}/Chat");
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        var sent = await mediator.Send(new SendProgramChatTest.Command(ProgramId), cancellationToken);
        Message = sent ? "The test message was posted to the channel." : "The channel did not take the test message yet; Undelivered mail shows why, and it is tried again.";
        return Redirect($"/Programs/{ProgramId}/Chat");
    }

    public async Task<IActionResult> OnPostDisconnectAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new DisconnectProgramChat.Command(ProgramId), cancellationToken);
        Message = "The channel is disconnected: nothing more is posted there.";
        return Redirect($"/Programs/{ProgramId}/Chat");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        State ??= await mediator.Send(new ProgramChat.Query(ProgramId), cancellationToken);
}

/// <summary>The program's Slack or Teams channel as HR sees it: connected or not, never the address itself.</summary>
public static class ProgramChat
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Result(int ProgramId, string ProgramName, ChatKind? Kind, string? AddressHint, bool WeeklySummary);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name, p.ChatKind, p.ChatWebhookUrl, p.ChatWeeklySummary })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            return new Result(program.Id, program.Name, program.ChatKind,
                program.ChatWebhookUrl is { } url ? ChatWebhooks.Hint(url) : null, program.ChatWeeklySummary);
        }
    }
}

/// <summary>HR connects the program's channel, or changes what it receives; an empty address keeps the saved one.</summary>
public static class ConnectProgramChat
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public ChatKind Kind { get; set; }

        public string? WebhookUrl { get; set; }

        public bool WeeklySummary { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ChatWebhooks webhooks)
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose Slack or Microsoft Teams.");
            RuleFor(c => c.WebhookUrl)
                .Must(url => webhooks.Problem(url) is null)
                .When(c => !string.IsNullOrWhiteSpace(c.WebhookUrl))
                .WithMessage(c => webhooks.Problem(c.WebhookUrl) ?? "");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken) ?? throw new NotFoundException();
            if (!string.IsNullOrWhiteSpace(command.WebhookUrl))
            {
                program.ConnectChat(command.Kind, command.WebhookUrl, command.WeeklySummary);
            }
            else if (program.ChatWebhookUrl is not null && program.ChatKind == command.Kind)
            {
                program.ChooseChatSummary(command.WeeklySummary);
            }
            else
            {
                throw RequestValidationException.For(command, nameof(Command.WebhookUrl), "Paste the incoming webhook address from Slack or Teams.");
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

public static class DisconnectProgramChat
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Command(int ProgramId) : ICommand;

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken) ?? throw new NotFoundException();
            program.DisconnectChat();
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>HR checks the connection: one message, posted through the outbox like any other, sent before the page answers.</summary>
public static class SendProgramChatTest
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Command(int ProgramId) : ICommand<bool>;

    public sealed class Handler(AppDbContext db, Outbox outbox, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken) ?? throw new NotFoundException();
            if (ChatAnnouncements.Channel(program) is not { } channel)
            {
                throw RequestValidationException.For(command, "", "Connect a channel first.");
            }

            var key = $"chat:program:{program.Id}:test:{clock.GetUtcNow().UtcDateTime.Ticks}";
            await outbox.QueueAsync(ChatAnnouncements.To(program, channel, key, "Test",
                $"ReverseMentoring is connected to this channel for {program.Name}. {current.Name} sent this test."), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
