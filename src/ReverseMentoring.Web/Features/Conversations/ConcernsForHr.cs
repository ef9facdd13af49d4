using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Conversations;

/// <summary>
/// What HR's pair page shows of a pair's conversation: the concerns raised about it and the messages a side reported,
/// each reported message alone. No other message text is ever read for HR.
/// </summary>
public static class ConcernsForHr
{
    public sealed record ConcernRow(
        int Id, ConcernCategory Category, string Text, string RaisedBy, bool MayActOpenly, DateTime RaisedAtUtc,
        DateTime? ResolvedAtUtc, string? ResolvedBy, string? ResolutionNote);

    public sealed record ReportRow(
        int Id, string MessageText, string Author, DateTime WrittenAtUtc, string ReportedBy, string? Reason, DateTime ReportedAtUtc,
        DateTime? HandledAtUtc, string? HandledBy);

    public static async Task<IReadOnlyList<ConcernRow>> ConcernsAsync(AppDbContext db, int pairId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Concerns.AsNoTracking().Where(c => c.PairId == pairId)
            .OrderBy(c => c.ResolvedAtUtc != null).ThenByDescending(c => c.RaisedAtUtc)
            .Select(c => new ConcernRow(
                c.Id, c.Category, c.Text,
                db.Users.Where(u => u.Id == c.RaisedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                c.MayActOpenly, c.RaisedAtUtc, c.ResolvedAtUtc,
                db.Users.Where(u => u.Id == c.ResolvedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                c.ResolutionNote))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The reported messages, joined one report at a time: a message nobody reported is never read.</summary>
    public static async Task<IReadOnlyList<ReportRow>> ReportsAsync(AppDbContext db, int pairId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.MessageReports.AsNoTracking().Where(r => r.PairId == pairId)
            .Join(db.PairMessages, r => r.MessageId, m => m.Id, (r, m) => new { Report = r, Message = m })
            .OrderBy(x => x.Report.HandledAtUtc != null).ThenByDescending(x => x.Report.ReportedAtUtc)
            .Select(x => new ReportRow(
                x.Report.Id, x.Message.Text,
                db.Users.Where(u => u.Id == x.Message.AuthorUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                x.Message.SentAtUtc,
                db.Users.Where(u => u.Id == x.Report.ReportedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                x.Report.Reason, x.Report.ReportedAtUtc, x.Report.HandledAtUtc,
                db.Users.Where(u => u.Id == x.Report.HandledByUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }
}
