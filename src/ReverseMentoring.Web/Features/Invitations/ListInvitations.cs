using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Invitations;

/// <summary>The invitations of one program, newest first, with what was e-mailed to each.</summary>
public static class ListInvitations
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page) : IQuery<Result>;

    public sealed record Row(
        int Id, string Email, string Role, DateTime InvitedAt, DateTime ExpiresAt, DateTime? AcceptedAt,
        bool IsExpired, DateTime? LastEmailedAt, int RemindersSent);

    public sealed record Result(
        int ProgramId, string ProgramName, string? Refusal, string TimeZoneId, IReadOnlyList<Row> Invitations, int Page, int PageCount, int Total);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var viewerId = current.RequireId();
            var timeZoneId = await db.Users.Where(u => u.Id == viewerId).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
            DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

            var invitations = db.Invitations.AsNoTracking().Where(i => i.ProgramId == query.ProgramId);
            var total = await invitations.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var rows = await invitations
                .OrderByDescending(i => i.InvitedAtUtc).ThenByDescending(i => i.Id)
                .Page(page, PageSize)
                .ToListAsync(cancellationToken);

            var ids = rows.Select(r => r.Id).ToHashSet();
            var emails = rows.Select(r => r.Email).Distinct().ToList();
            var sent = (await db.OutboxMessages.AsNoTracking()
                    .Where(n => emails.Contains(n.Recipient) && n.Key.StartsWith("invitation") && n.SentAtUtc != null)
                    .Select(n => new { n.Key, n.SentAtUtc })
                    .ToListAsync(cancellationToken))
                .Select(n => (Id: InvitationMail.InvitationIdOf(n.Key), n.Key, SentAt: n.SentAtUtc!.Value))
                .Where(n => n.Id is { } id && ids.Contains(id))
                .ToLookup(n => n.Id!.Value);

            var now = clock.GetUtcNow().UtcDateTime;
            var result = rows.Select(i => new Row(
                i.Id, i.Email, i.Role, Local(i.InvitedAtUtc), Local(i.ExpiresAtUtc), i.AcceptedAtUtc is { } accepted ? Local(accepted) : null,
                i.AcceptedAtUtc is null && i.ExpiresAtUtc <= now,
                sent[i.Id].Select(n => (DateTime?)Local(n.SentAt)).Max(),
                sent[i.Id].Count(n => InvitationMail.IsReminder(n.Key)))).ToList();
            return new Result(program.Id, program.Name, ResendInvitation.Refusal(program), zone.Id, result, page, pageCount, total);
        }
    }
}
