using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Chat;

/// <summary>
/// Posts last week's figures (Monday to Sunday, UTC) to each program channel that asked for them, once the week is over:
/// counts only, never a name. The key names the program and the week, so every run and every instance may try.
/// </summary>
public sealed class WeeklyChatSummaryJob(
    IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<WeeklyChatSummaryJob> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => PostAsync(cancellationToken);

    public static string Key(int programId, DateOnly monday) =>
        $"chat:program:{programId}:week:{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";

    /// <summary>Queues and sends last week's summaries not sent yet; returns how many this call queued.</summary>
    public async Task<int> PostAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var (from, to) = (thisMonday.AddDays(-7).ToDateTime(TimeOnly.MinValue), thisMonday.ToDateTime(TimeOnly.MinValue));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();

        var programs = await db.Programs.AsNoTracking()
            .Where(p => p.ChatWeeklySummary && p.ChatWebhookUrl != null && p.ArchivedAtUtc == null && p.Status != ProgramStatus.Closed && p.Status != ProgramStatus.Draft)
            .ToListAsync(cancellationToken);
        var messages = new List<Outgoing>();
        foreach (var program in programs)
        {
            var held = await db.Sessions.CountAsync(s => s.ProgramId == program.Id && s.Status == SessionStatus.Held && s.StartsAtUtc >= from && s.StartsAtUtc < to, cancellationToken);
            var active = await db.Pairs.Active().CountAsync(p => p.ProgramId == program.Id, cancellationToken);
            var enrolled = await db.Enrolments.CountAsync(e => e.ProgramId == program.Id && e.CreatedAtUtc >= from && e.CreatedAtUtc < to, cancellationToken);
            var week = $"{thisMonday.AddDays(-7):d MMM} to {thisMonday.AddDays(-1):d MMM yyyy}";
            messages.Add(ChatAnnouncements.To(program, ChatAnnouncements.Channel(program)!, Key(program.Id, thisMonday.AddDays(-7)), "Weekly summary",
                $"{program.Name}, week of {week}: {Count(held, "session")} held, {Count(active, "active pair")}, {Count(enrolled, "new enrolment")}."));
        }

        var queued = await outbox.QueueAsync(messages, cancellationToken);
        await outbox.SaveThenDeliverAsync(cancellationToken);
        return queued;
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";
}
