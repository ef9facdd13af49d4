using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Conversations;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class PairMessagesModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int PairId { get; set; }

    [BindProperty]
    public PostMessage.Command Data { get; set; } = new();

    [BindProperty]
    public ReportMessage.Command Report { get; set; } = new();

    public PairMessages.Result View { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "replyTo")] int? replyTo, CancellationToken cancellationToken)
    {
        View = await mediator.Send(new PairMessages.Query(PairId), cancellationToken);
        Data.ReplyToId = replyTo is { } id && View.Threads.Any(t => t.First.Id == id) ? id : null;

        // Opening the page reads what is on it.
        await mediator.Send(new PairMessages.MarkRead(PairId), cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.PairId = PairId;
        await mediator.Send(Data, cancellationToken);
        Message = "Your message was sent.";
        return RedirectToPage(new { pairId = PairId });
    }

    public async Task<IActionResult> OnPostReportAsync(CancellationToken cancellationToken)
    {
        Report.PairId = PairId;
        await mediator.Send(Report, cancellationToken);
        Message = "HR can now read that one message, with your reason. Nothing else in your messages is shown to them, and your partner is not told.";
        return RedirectToPage(new { pairId = PairId });
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        View ??= await mediator.Send(new PairMessages.Query(PairId), cancellationToken);
}

/// <summary>
/// The messages of one of the caller's pairs, in threads, newest thread first; HR has no way in (no HR request reads a
/// message body; only a reported message reaches HR, through <see cref="MessageReport"/>). Anyone not in the pair gets 404.
/// </summary>
public static class PairMessages
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int PairId) : IQuery<Result>;

    /// <summary>The caller has read the pair's messages up to now.</summary>
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record MarkRead(int PairId) : ICommand;

    public sealed record Row(
        int Id, bool Mine, string AuthorName, string SentAt, string Text, string? AttachmentFileName, long? AttachmentSizeBytes, bool IsNew, bool ReportedByMe);

    public sealed record Thread(Row First, IReadOnlyList<Row> Replies);

    public sealed record Result(
        int PairId, int ProgramId, string ProgramName, string PartnerName, bool CanWrite, long MaxFileBytes, IReadOnlyList<Thread> Threads);

    /// <summary>
    /// The unread messages of each pair the person can read messages in (pair id → how many of the partner's messages
    /// came after the person last read them; 0 when none), for the participant's home.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, int>> UnreadByPairAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pairs = await db.Pairs.AsNoTracking().OfParticipant(userId).Started().Select(p => p.Id).ToListAsync(ct);
        return await UnreadByPairAsync(db, userId, pairs, ct);
    }

    /// <summary>The same, over the person's started pairs the caller has read already.</summary>
    public static async Task<IReadOnlyDictionary<int, int>> UnreadByPairAsync(AppDbContext db, string userId, IReadOnlyList<int> startedPairs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(startedPairs);
        if (startedPairs.Count == 0)
        {
            return new Dictionary<int, int>();
        }

        var pairs = startedPairs.ToList();
        var counts = await db.PairMessages.AsNoTracking()
            .WhereIdIn(m => m.PairId, pairs)
            .Where(m => m.AuthorUserId != userId
                && !db.PairReadMarkers.Any(r => r.PairId == m.PairId && r.UserId == userId && r.LastReadAtUtc >= m.SentAtUtc))
            .GroupBy(m => m.PairId)
            .Select(g => new { PairId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.PairId, g => g.Count, ct);
        return pairs.ToDictionary(id => id, id => counts.GetValueOrDefault(id));
    }

    /// <summary>The pair as the caller sees it, when they are one of its two people and it got under way; otherwise 404.</summary>
    internal static async Task<PairSides> PairOfCallerAsync(AppDbContext db, int pairId, string userId, CancellationToken cancellationToken) =>
        await SessionRules.PairAsync(db, pairId, userId, cancellationToken) is { } sides && PairMessage.CanRead(sides.Pair)
            ? sides
            : throw new NotFoundException();

    public sealed class Handler(AppDbContext db, CurrentUser current, ResourceFiles files) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var sides = await PairOfCallerAsync(db, query.PairId, me, cancellationToken);
            var readUpTo = await db.PairReadMarkers.AsNoTracking().Where(r => r.PairId == sides.Pair.Id && r.UserId == me)
                .Select(r => (DateTime?)r.LastReadAtUtc).SingleOrDefaultAsync(cancellationToken);
            var reported = (await db.MessageReports.AsNoTracking().Where(r => r.PairId == sides.Pair.Id && r.ReportedByUserId == me)
                .Select(r => r.MessageId).ToListAsync(cancellationToken)).ToHashSet();
            var messages = await db.PairMessages.AsNoTracking().Where(m => m.PairId == sides.Pair.Id)
                .OrderBy(m => m.SentAtUtc).ThenBy(m => m.Id)
                .ToListAsync(cancellationToken);

            Row RowOf(PairMessage m) => new(
                m.Id,
                m.AuthorUserId == me,
                m.AuthorUserId == me ? "You" : sides.PartnerName,
                SessionTimes.Format(m.SentAtUtc, sides.MyZone),
                m.Text,
                m.AttachmentFileName,
                m.AttachmentSizeBytes,
                m.AuthorUserId != me && (readUpTo is null || m.SentAtUtc > readUpTo),
                reported.Contains(m.Id));

            var replies = messages.Where(m => m.ReplyToId is not null).ToLookup(m => m.ReplyToId!.Value);
            var threads = messages.Where(m => m.ReplyToId is null)
                .Select(m => (Last: replies[m.Id].Select(r => r.SentAtUtc).DefaultIfEmpty(m.SentAtUtc).Max(),
                    Thread: new Thread(RowOf(m), replies[m.Id].Select(RowOf).ToList())))
                .OrderByDescending(t => t.Last).ThenByDescending(t => t.Thread.First.Id)
                .Select(t => t.Thread)
                .ToList();
            return new Result(sides.Pair.Id, sides.Program.Id, sides.Program.Name, sides.PartnerName,
                PairMessage.CanWrite(sides.Pair, sides.Program.Status), files.MaxFileBytes, threads);
        }
    }

    public sealed class MarkReadHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<MarkRead>
    {
        public async ValueTask<Unit> Handle(MarkRead command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var sides = await PairOfCallerAsync(db, command.PairId, me, cancellationToken);
            var marker = await ConversationMarkers.OfAsync(db, sides.Pair, me, cancellationToken);
            marker.LastReadAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>The read markers of a pair's people, made when first needed.</summary>
internal static class ConversationMarkers
{
    /// <summary>The person's marker of the pair, tracked; a new one counts every message of the pair as unread.</summary>
    public static async Task<PairReadMarker> OfAsync(AppDbContext db, Pair pair, string userId, CancellationToken cancellationToken)
    {
        var marker = await db.PairReadMarkers.SingleOrDefaultAsync(r => r.PairId == pair.Id && r.UserId == userId, cancellationToken);
        if (marker is null)
        {
            marker = new PairReadMarker { PairId = pair.Id, UserId = userId, LastReadAtUtc = pair.ProposedAtUtc };
            db.PairReadMarkers.Add(marker);
        }

        return marker;
    }
}
