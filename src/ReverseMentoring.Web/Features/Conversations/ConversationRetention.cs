using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Conversations;

/// <summary>
/// Deletes the messages of each program (their files, their reports and read markers too) once
/// <see cref="PairMessage.RetentionDays"/> days have passed since the program's end date. Runs daily; safe to repeat
/// and to run on several instances at once (deleting what is gone already deletes nothing).
/// </summary>
public sealed class ConversationRetention(
    IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<ConversationRetention> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => DeleteExpiredAsync(cancellationToken);

    /// <summary>Deletes what is past retention as at now, by the injected clock; returns how many messages were deleted.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        var endedBefore = today.AddDays(-PairMessage.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<ResourceFiles>();

        var expired = db.Programs.Where(p => p.EndsOn < endedBefore).Select(p => p.Id);
        var stored = await db.PairMessages.Where(m => expired.Contains(m.ProgramId) && m.AttachmentStoredName != null)
            .Select(m => m.AttachmentStoredName!).ToListAsync(cancellationToken);

        // One transaction, inside the provider's retry strategy (SQL Server retries a transient failure as a whole).
        var deleted = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.MessageReports.Where(r => expired.Contains(r.ProgramId)).ExecuteDeleteAsync(ct);

            // Replies before the messages they answer.
            var count = await db.PairMessages.Where(m => expired.Contains(m.ProgramId) && m.ReplyToId != null).ExecuteDeleteAsync(ct);
            count += await db.PairMessages.Where(m => expired.Contains(m.ProgramId)).ExecuteDeleteAsync(ct);
            count += await db.GroupMessages.Where(m => expired.Contains(m.ProgramId)).ExecuteDeleteAsync(ct);
            await db.PairReadMarkers.Where(r => db.Pairs.Any(p => p.Id == r.PairId && expired.Contains(p.ProgramId))).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
            return count;
        }, cancellationToken);

        // The rows are gone for good before their files: a file without a row is never served.
        foreach (var name in stored)
        {
            files.Delete(name);
        }

        return deleted;
    }
}
