using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// Sends every leader and HR coordinator who has not opted out one e-mail a month with the executive summary of the
/// month before (against the month before that): HR for each program they coordinate, exact; leadership for all programs,
/// under the same small-group rule as the dashboard. The key names the person and the month, and the outbox's unique index
/// on keys lets only one instance queue it, so every run and every instance may try.
/// </summary>
public sealed class MonthlySummaryJob(
    IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<MonthlySummaryJob> logger)
    : PeriodicJob(schedules, clock, logger)
{
    public const string OptOutPath = "/Dashboard/MonthlySummary";

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => SendAsync(cancellationToken);

    public static string Key(string userId, DateOnly month) =>
        $"monthly-summary:{userId}:{month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    /// <summary>Queues and sends this month's summaries not sent yet; returns how many this call queued.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        var (from, to) = (thisMonth.AddMonths(-1), thisMonth.AddDays(-1));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var links = scope.ServiceProvider.GetRequiredService<PublicLinks>();
        var cache = scope.ServiceProvider.GetRequiredService<IMemoryCache>();
        var lookups = scope.ServiceProvider.GetRequiredService<DashboardLookups>();

        var readers = await (
                from user in db.Users
                where user.ErasedAtUtc == null && user.Email != null && !user.MonthlySummaryOptedOut
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where role.Name == Roles.Leadership || role.Name == Roles.HrCoordinator
                select new { user.Id, user.Email, user.DisplayName, Role = role.Name })
            .ToListAsync(cancellationToken);

        var queued = 0;
        foreach (var reader in readers.GroupBy(r => r.Id))
        {
            var key = Key(reader.Key, thisMonth);
            if (await db.OutboxMessages.AnyAsync(m => m.Key == key, cancellationToken))
            {
                continue;
            }

            var first = reader.First();
            var programs = reader.Any(r => r.Role == Roles.HrCoordinator)
                ? await db.ProgramCoordinators.Where(c => c.UserId == reader.Key)
                    .Join(db.Programs, c => c.ProgramId, p => p.Id, (c, p) => new { p.Id, p.Name })
                    .OrderBy(p => p.Name).ToListAsync(cancellationToken)
                : [];
            var sections = new List<(string Title, ExecutiveSummary Summary, string Link)>();
            if (programs.Count > 0)
            {
                foreach (var program in programs)
                {
                    var summary = await UptakeDashboard.SummaryAsync(
                        db, cache, lookups, null, program.Id, null, null, from, to, leadership: false, wholeMonths: true, now, cancellationToken);
                    sections.Add((program.Name, summary, links.To($"/Programs/{program.Id}/Report")));
                }
            }
            else if (reader.Any(r => r.Role == Roles.Leadership))
            {
                var summary = await UptakeDashboard.SummaryAsync(
                    db, cache, lookups, null, null, null, null, from, to, leadership: true, wholeMonths: true, now, cancellationToken);
                sections.Add(("All programs", summary, links.To("/Dashboard")));
            }
            else
            {
                continue;
            }

            await outbox.QueueAsync(Compose(key, first.Email!, first.DisplayName, from, sections, links.To(OptOutPath)), cancellationToken);
            await outbox.SaveThenDeliverAsync(cancellationToken);
            queued++;
        }

        return queued;
    }

    private static Outgoing Compose(
        string key, string email, string name, DateOnly month, IReadOnlyList<(string Title, ExecutiveSummary Summary, string Link)> sections, string optOut)
    {
        var monthName = month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hello {name},");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Here is the reverse mentoring summary for {monthName}.");
        foreach (var (title, summary, link) in sections)
        {
            text.AppendLine();
            text.AppendLine(title);
            text.AppendLine(new string('-', title.Length));
            if (summary.SmallGroup)
            {
                text.AppendLine(ExecutiveSummary.SmallGroupText);
            }
            else
            {
                foreach (var figure in summary.Figures)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"- {figure.Sentence}");
                }
            }

            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"See the dashboard: {link}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"You receive this e-mail once a month. To stop it, sign in and follow this link: {optOut}");
        text.AppendLine("You can also turn it off on your profile page.");
        return new Outgoing(key, email, $"Reverse mentoring summary for {monthName}", text.ToString());
    }
}
