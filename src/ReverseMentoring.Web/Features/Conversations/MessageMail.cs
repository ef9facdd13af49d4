using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Conversations;

/// <summary>
/// Tells people of messages waiting for them: one e-mail per person at most once an hour, for the partner's messages
/// they have not read, sent after they were last told and at least a minute ago ("You have 3 new messages from ...").
/// The author is never e-mailed about their own message. The e-mail and the time it was sent are saved in one
/// transaction, under a key that names the person and the hour, so several instances send it once.
/// </summary>
public sealed class MessageMail(
    IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<MessageMail> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => SendAsync(cancellationToken);

    /// <summary>One pass as at now, by the injected clock; returns how many e-mails were queued.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var settled = now - PairReadMarker.EmailAfter;
        var recently = now - PairReadMarker.EmailAtMostEvery;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var links = scope.ServiceProvider.GetRequiredService<PublicLinks>();

        var people = await db.PairReadMarkers.AsNoTracking()
            .Where(r => db.PairMessages.Any(m => m.PairId == r.PairId && m.AuthorUserId != r.UserId && m.SentAtUtc <= settled
                && m.SentAtUtc > r.LastReadAtUtc && (r.LastEmailedAtUtc == null || m.SentAtUtc > r.LastEmailedAtUtc)))
            .Where(r => !db.PairReadMarkers.Any(o => o.UserId == r.UserId && o.LastEmailedAtUtc > recently))
            .Select(r => r.UserId).Distinct().ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var userId in people.Order(StringComparer.Ordinal))
        {
            var person = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.ErasedAtUtc == null && u.Email != null)
                .Select(u => new { u.Email, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
            if (person is null)
            {
                continue;
            }

            var markers = await db.PairReadMarkers.Where(r => r.UserId == userId).ToListAsync(cancellationToken);
            var news = new List<(PairReadMarker Marker, int Unread, string Partner)>();
            foreach (var marker in markers)
            {
                var unread = db.PairMessages.Where(m => m.PairId == marker.PairId && m.AuthorUserId != userId && m.SentAtUtc > marker.LastReadAtUtc && m.SentAtUtc <= settled);
                if (!await unread.AnyAsync(m => marker.LastEmailedAtUtc == null || m.SentAtUtc > marker.LastEmailedAtUtc, cancellationToken))
                {
                    continue;
                }

                var partner = await db.Pairs.AsNoTracking().Where(p => p.Id == marker.PairId)
                    .Select(p => p.MentorEnrolment!.UserId == userId ? p.MenteeEnrolment!.User!.DisplayName : p.MentorEnrolment!.User!.DisplayName)
                    .SingleAsync(cancellationToken);
                news.Add((marker, await unread.CountAsync(cancellationToken), partner));
            }

            if (news.Count == 0)
            {
                continue;
            }

            var text = new StringBuilder();
            text.Append("Hello ").Append(person.DisplayName).AppendLine(",").AppendLine();
            foreach (var (marker, unread, partner) in news)
            {
                text.AppendLine(Line(unread, partner)).AppendLine(links.To($"/Participant/Pairs/{marker.PairId}/Messages")).AppendLine();
                marker.LastEmailedAtUtc = now;
            }

            text.AppendLine("You get at most one e-mail an hour about new messages; read them in the app.");
            var subject = news.Count == 1 ? Line(news[0].Unread, news[0].Partner) : $"You have {news.Sum(n => n.Unread)} new messages";
            await outbox.QueueAsync(new Outgoing(Key(userId, now), person.Email!, subject, text.ToString()), cancellationToken);
            await outbox.SaveThenDeliverAsync(cancellationToken);
            db.ChangeTracker.Clear();
            sent++;
        }

        return sent;
    }

    /// <summary>Two e-mails to a person are at least an hour apart, so never in the same hour: the hour names the e-mail.</summary>
    public static string Key(string userId, DateTime nowUtc) =>
        $"pair-messages:{userId}:{nowUtc.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture)}";

    private static string Line(int unread, string partner) =>
        $"You have {unread} new {(unread == 1 ? "message" : "messages")} from {partner}";
}
