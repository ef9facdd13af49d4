using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Skills;

/// <summary>
/// When the half-way or the end rating opens for a side of a pair (<see cref="SkillStages"/>), asks them once by e-mail to
/// rate. Safe on every instance at once: the checkpoint's unique key (pair, enrolment, stage) lets only one instance insert
/// it, and only the instance that inserted it queues the e-mail. A side that already rated the stage is not asked.
/// </summary>
public sealed class SkillCheckpointJob(IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<SkillCheckpointJob> logger)
    : PeriodicJob(schedules, clock, logger)
{
    /// <summary>Pairs that ended longer ago than this are not asked for their end rating any more (they ended before the job ran).</summary>
    public static readonly TimeSpan EndedWithin = TimeSpan.FromDays(30);

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>Queues the e-mails due now, by the injected clock; returns how many this call queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var endedSince = now - EndedWithin;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var pairs = await db.Pairs.AsNoTracking()
            .Where(p => p.AcceptedAtUtc != null && (p.Status == PairStatus.Accepted || (p.Status == PairStatus.Ended && p.EndedAtUtc >= endedSince)))
            .Join(db.Programs.Where(g => g.ArchivedAtUtc == null), p => p.ProgramId, g => g.Id, (p, g) => new
            {
                p.Id,
                p.ProgramId,
                p.Status,
                p.AcceptedAtUtc,
                g.EndsOn,
                ProgramStatus = g.Status,
                ProgramName = g.Name,
                p.MentorEnrolmentId,
                p.MenteeEnrolmentId,
            })
            .ToListAsync(cancellationToken);
        var due = pairs
            .Select(p => (Pair: p, Stage: new SkillStages(p.Status, p.AcceptedAtUtc, p.EndsOn, p.ProgramStatus).OpenAt(now)))
            .Where(x => x.Stage is SkillRatingStage.Mid or SkillRatingStage.End)
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var ids = due.Select(d => d.Pair.Id).ToList();
        var asked = (await db.SkillCheckpoints.AsNoTracking().WhereIdIn(c => c.PairId, ids).Select(c => new { c.EnrolmentId, c.Stage }).ToListAsync(cancellationToken))
            .Select(c => (c.EnrolmentId, c.Stage)).ToHashSet();
        var rated = (await db.SkillRatings.AsNoTracking().WhereIdIn(r => r.PairId, ids).Select(r => new { r.EnrolmentId, r.Stage }).Distinct().ToListAsync(cancellationToken))
            .Concat(await db.GrowthRatings.AsNoTracking().WhereIdIn(r => r.PairId, ids).Select(r => new { r.EnrolmentId, r.Stage }).Distinct().ToListAsync(cancellationToken))
            .Select(r => (r.EnrolmentId, r.Stage)).ToHashSet();

        var rows = new List<(SkillCheckpoint Row, int ProgramId, string ProgramName, int PartnerEnrolmentId)>();
        foreach (var (pair, stage) in due)
        {
            foreach (var (enrolment, partner) in new[] { (pair.MentorEnrolmentId, pair.MenteeEnrolmentId), (pair.MenteeEnrolmentId, pair.MentorEnrolmentId) })
            {
                if (!asked.Contains((enrolment, stage!.Value)) && !rated.Contains((enrolment, stage.Value)))
                {
                    rows.Add((new SkillCheckpoint { PairId = pair.Id, EnrolmentId = enrolment, Stage = stage.Value, SentAtUtc = now }, pair.ProgramId, pair.ProgramName, partner));
                }
            }
        }

        // All in one save; one at a time only when another instance asked some of them first (a save detects changes
        // over everything tracked, so thousands saved one by one beside each other were quadratic).
        var inserted = new List<(SkillCheckpoint Row, int ProgramId, string ProgramName, int PartnerEnrolmentId)>();
        db.SkillCheckpoints.AddRange(rows.Select(r => r.Row));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            inserted.AddRange(rows);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            foreach (var item in rows)
            {
                item.Row.Id = 0;
                db.SkillCheckpoints.Add(item.Row);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    inserted.Add(item);
                }
                catch (DbUpdateException)
                {
                    // Asked already by another instance.
                }

                db.ChangeTracker.Clear();
            }
        }

        if (inserted.Count == 0)
        {
            return 0;
        }

        var people = inserted.SelectMany(i => new[] { i.Row.EnrolmentId, i.PartnerEnrolmentId }).Distinct().ToList();
        var names = await db.Enrolments.AsNoTracking().WhereIdIn(e => e.Id, people)
            .Select(e => new { e.Id, e.User!.Email, e.User.DisplayName }).ToDictionaryAsync(e => e.Id, cancellationToken);
        var links = scope.ServiceProvider.GetRequiredService<PublicLinks>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var messages = inserted
            .Where(i => names.ContainsKey(i.Row.EnrolmentId) && !string.IsNullOrEmpty(names[i.Row.EnrolmentId].Email))
            .Select(i => SkillCheckpointMail.Ask(
                i.Row.Id, names[i.Row.EnrolmentId].Email!, names[i.Row.EnrolmentId].DisplayName,
                names.TryGetValue(i.PartnerEnrolmentId, out var partner) ? partner.DisplayName : "your partner",
                i.ProgramName, i.Row.Stage, links.To($"/Participant/Skills/Progress/{i.Row.PairId}")))
            .ToList();
        var queued = await outbox.QueueAsync(messages, cancellationToken);
        await outbox.SaveThenDeliverAsync(cancellationToken);
        return queued;
    }
}

/// <summary>The e-mail that asks a side to rate at the half-way point or at the end.</summary>
public static class SkillCheckpointMail
{
    public static Outgoing Ask(int checkpointId, string email, string name, string partnerName, string programName, SkillRatingStage stage, string link)
    {
        var words = SkillStages.Words(stage);
        return new(
            $"skill-checkpoint:{checkpointId}",
            email,
            $"Rate your skills {words}: {programName}",
            $"""
            Hello {name},

            Your pair with {partnerName} in {programName} is {(stage == SkillRatingStage.Mid ? "half way through" : "at its end")}. Please rate your skills {words}:
            a minute, 1 to 5 for each. You give this rating once; only you and HR see it.
            {link}
            """);
    }
}
