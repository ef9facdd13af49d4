using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.SelfService;

/// <summary>
/// Expires mentor requests not answered by their due time and sends each mentee's next choice. Safe on every instance at
/// once: each expiry is saved under the request's version, so only one instance passes a request on, and every e-mail is
/// queued under a unique key.
/// </summary>
public sealed class MentorRequestDeadlines(
    IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<MentorRequestDeadlines> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => ExpireOverdueAsync(cancellationToken);

    /// <summary>Expires the requests overdue now, by the injected clock, and passes them on; returns how many expired.</summary>
    public async Task<int> ExpireOverdueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var overdueIds = await db.MentorRequests.AsNoTracking()
            .Where(r => r.State == MentorRequestState.Sent && r.AnswerDueAtUtc <= now)
            .OrderBy(r => r.AnswerDueAtUtc)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var id in overdueIds)
        {
            // A scope for each request, so one that another instance took first leaves nothing behind for the next.
            await using var one = scopes.CreateAsyncScope();
            var requestDb = one.ServiceProvider.GetRequiredService<AppDbContext>();
            var outbox = one.ServiceProvider.GetRequiredService<Outbox>();
            var links = one.ServiceProvider.GetRequiredService<PublicLinks>();
            var request = await requestDb.MentorRequests.SingleAsync(r => r.Id == id, cancellationToken);
            if (request.State != MentorRequestState.Sent || request.AnswerDueAtUtc > now)
            {
                continue;
            }

            var program = await requestDb.Programs.AsNoTracking().SingleAsync(p => p.Id == request.ProgramId, cancellationToken);
            // One transaction, inside the provider's retry strategy (SQL Server and PostgreSQL retry a transient failure
            // as a whole, and refuse a transaction begun outside it).
            var passedOn = await requestDb.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var transaction = await requestDb.Database.BeginTransactionAsync(ct);
                try
                {
                    request.Expire(now);
                    await requestDb.SaveChangesAsync(ct);
                    await SelfServiceMatching.PassOnAsync(requestDb, outbox, links, program, request, now, ct);
                    await requestDb.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return true;
                }
                catch (DbUpdateException)
                {
                    // Answered, withdrawn or expired by another instance since it was read (or its e-mail queued there first).
                    await transaction.RollbackAsync(ct);
                    outbox.Forget();
                    return false;
                }
            }, cancellationToken);
            if (!passedOn)
            {
                continue;
            }

            await outbox.DeliverSavedAsync(cancellationToken);
            expired++;
        }

        return expired;
    }
}
