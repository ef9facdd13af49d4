using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Mail;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class UndeliveredModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    public Undelivered.Result Result { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        Result = await mediator.Send(new Undelivered.Query(page ?? 1), cancellationToken);

    public async Task<IActionResult> OnPostTryAgainAsync(int id, CancellationToken cancellationToken)
    {
        var recipient = await mediator.Send(new TryDeliveryAgain.Command(id), cancellationToken);
        Message = $"The message to {recipient} was tried again. If it still could not be delivered, it stays in this list.";
        return LocalRedirect("/Mail/Undelivered");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Result ??= await mediator.Send(new Undelivered.Query(1), cancellationToken);
}

/// <summary>
/// The e-mails that could not be delivered: waiting for a retry after a failure, or given up. HR sees who, what about
/// (the subject), how often it was tried and why it failed; never the message itself, which may be private.
/// </summary>
public static class Undelivered
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Page) : IQuery<Result>;

    public sealed record Row(
        int Id, string Recipient, string Subject, DateTime QueuedAt, int Attempts, string? LastError, DateTime? NextAttemptAt, DateTime? GivenUpAt);

    public sealed record Result(string TimeZoneId, IReadOnlyList<Row> Messages, int Page, int PageCount, int Total);

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var viewerId = current.RequireId();
            var timeZoneId = await db.Users.Where(u => u.Id == viewerId).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
            DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

            // What OutboxMessage.IsUndelivered says, as a query.
            var undelivered = db.OutboxMessages.AsNoTracking().Where(m => m.SentAtUtc == null && (m.FailedAtUtc != null || m.Attempts > 0));
            var total = await undelivered.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            var rows = await undelivered
                .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(m => new { m.Id, m.Recipient, m.Subject, m.CreatedAtUtc, m.Attempts, m.LastError, m.NextAttemptAtUtc, m.FailedAtUtc })
                .ToListAsync(cancellationToken);
            var messages = rows.Select(m => new Row(
                m.Id, m.Recipient, m.Subject, Local(m.CreatedAtUtc), m.Attempts, m.LastError,
                m.FailedAtUtc is null ? Local(m.NextAttemptAtUtc) : null,
                m.FailedAtUtc is { } failed ? Local(failed) : null)).ToList();
            return new Result(zone.Id, messages, page, pageCount, total);
        }
    }
}

/// <summary>HR sends an undelivered message again now, also one given up: after the mail server is fixed, say.</summary>
public static class TryDeliveryAgain
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Command(int MessageId) : ICommand<string>;

    public sealed class Handler(AppDbContext db, Outbox outbox, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.MessageId, cancellationToken)
                ?? throw new NotFoundException();
            if (message.SentAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", $"The message to {message.Recipient} was delivered already.");
            }

            message.TryAgain(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            outbox.DeliverAfterCommit(message.Id);
            return message.Recipient;
        }
    }
}
