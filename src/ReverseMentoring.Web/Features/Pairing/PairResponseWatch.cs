using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>
/// Flags proposed pairs that a side has not answered within the program's response time, so HR can follow up, and
/// reminds each silent side once. Safe on every instance at once: flags are saved under the pair's version and each
/// reminder is queued under a unique key, so only once.
/// </summary>
public sealed class PairResponseWatch(
    IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<PairResponseWatch> logger)
    : PeriodicJob(schedules, clock, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => FlagOverdueAsync(cancellationToken);

    /// <summary>Flags and reminds for the pairs overdue now, by the injected clock; returns how many reminders this call queued.</summary>
    public async Task<int> FlagOverdueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var links = scope.ServiceProvider.GetRequiredService<PublicLinks>();

        // Proposed pairs are few (one round of a program at a time), so the response time is compared here, not in SQL.
        // Read untracked and attached one at a time as flagged: each save detects changes over everything tracked.
        var waiting = await db.Pairs.AsNoTracking().AwaitingAnswer()
            .Join(db.Programs.Where(p => p.ArchivedAtUtc == null), p => p.ProgramId, program => program.Id,
                (pair, program) => new { Pair = pair, program.Name, program.PairResponseDays })
            .ToListAsync(cancellationToken);
        var overdue = waiting.Where(w => w.Pair.IsResponseOverdue(w.PairResponseDays, now)).ToList();
        if (overdue.Count == 0)
        {
            return 0;
        }

        var enrolmentIds = overdue.SelectMany(o => new[] { o.Pair.MentorEnrolmentId, o.Pair.MenteeEnrolmentId }).Distinct().ToList();
        var people = await db.Enrolments.AsNoTracking()
            .WhereIdIn(e => e.Id, enrolmentIds)
            .Select(e => new { e.Id, e.User!.Email, e.User.DisplayName })
            .ToDictionaryAsync(e => e.Id, cancellationToken);

        var reminders = new List<Outgoing>();
        foreach (var item in overdue)
        {
            var pair = item.Pair;
            if (pair.NoResponseFlaggedAtUtc is null)
            {
                db.Pairs.Attach(pair);
                pair.FlagNoResponse(now);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Answered, or flagged by another instance, since it was read: the next check sees it as it is now.
                    continue;
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }

            var mentor = people[pair.MentorEnrolmentId];
            var mentee = people[pair.MenteeEnrolmentId];
            var link = links.To($"/Participant/Programs/{pair.ProgramId}");
            if (pair.MentorResponse == PairResponse.Pending)
            {
                reminders.Add(PairMail.Reminder(pair.Id, ParticipantRole.Mentor, mentor.Email!, mentor.DisplayName, mentee.DisplayName, item.Name, link));
            }

            if (pair.MenteeResponse == PairResponse.Pending)
            {
                reminders.Add(PairMail.Reminder(pair.Id, ParticipantRole.Mentee, mentee.Email!, mentee.DisplayName, mentor.DisplayName, item.Name, link));
            }
        }

        var queued = await outbox.QueueAsync(reminders, cancellationToken);
        await outbox.SaveThenDeliverAsync(cancellationToken);
        return queued;
    }
}
