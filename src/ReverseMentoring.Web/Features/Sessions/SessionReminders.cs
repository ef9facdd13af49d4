using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

/// <summary>
/// Keeps pairs meeting: marks sessions nobody logged as missed, and reminds both sides of a session tomorrow, a log
/// missing, feedback overdue, and a quiet pair (the pair health rule's flag). Safe on every instance at once: each
/// marking is saved under the session's version and each reminder is queued under a unique key.
/// </summary>
public sealed class SessionReminders(
    IServiceScopeFactory scopes, IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger<SessionReminders> logger)
    : PeriodicJob(schedules, clock, logger)
{
    /// <summary>A scheduled session nobody logged this long after its end counts as missed.</summary>
    public static readonly TimeSpan MissedAfter = Session.MissedAfter;

    /// <summary>How many sessions are marked missed per save: a backlog is worked through without holding it all in memory.</summary>
    public const int MissedBatchSize = 500;

    /// <summary>A session starting within this long gets its "tomorrow" reminder.</summary>
    public static readonly TimeSpan TomorrowWithin = TimeSpan.FromHours(24);

    /// <summary>A scheduled session not logged this long after its end gets a "log it" reminder.</summary>
    public static readonly TimeSpan LogMissingAfter = TimeSpan.FromHours(2);

    /// <summary>A side that has not given feedback this long after the session was logged is reminded.</summary>
    public static readonly TimeSpan FeedbackOverdueAfter = TimeSpan.FromDays(3);

    /// <summary>Sessions logged longer ago than this are not chased for feedback (nor all at once on a first run).</summary>
    public static readonly TimeSpan FeedbackChasedFor = TimeSpan.FromDays(30);

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => CheckSessionsAsync(cancellationToken);

    /// <summary>One run at the injected clock's now; returns how many reminders this call queued.</summary>
    public async Task<int> CheckSessionsAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var links = scope.ServiceProvider.GetRequiredService<PublicLinks>();

        await MarkMissedAsync(db, now, cancellationToken);

        var reminders = new List<Outgoing>();
        reminders.AddRange(await TomorrowAsync(db, links, now, cancellationToken));
        reminders.AddRange(await GroupTomorrowAsync(db, links, now, cancellationToken));
        reminders.AddRange(await LogMissingAsync(db, links, now, cancellationToken));
        reminders.AddRange(await FeedbackOverdueAsync(db, links, now, cancellationToken));
        reminders.AddRange(await QuietPairsAsync(db, links, now, cancellationToken));
        var queued = await outbox.QueueAsync(await Chat.ChatReminders.RouteAsync(db, reminders, cancellationToken), cancellationToken);
        await outbox.SaveThenDeliverAsync(cancellationToken);
        return queued;
    }

    /// <summary>
    /// Marks each session due through <see cref="Session.MarkMissed"/> and saves, a batch at a time, so every marking is
    /// audited and versioned like any other change. Each session is saved under the version it was read at: one logged
    /// or marked by another instance meanwhile fails the batch, which is read again as it is now.
    /// Returns how many this call marked.
    /// </summary>
    private static async Task<int> MarkMissedAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var marked = 0;
        for (var conflicts = 0; conflicts < 3;)
        {
            var due = await db.Sessions.DueToBeMarkedMissed(now)
                .OrderBy(s => s.EndsAtUtc).ThenBy(s => s.Id)
                .Take(MissedBatchSize)
                .ToListAsync(cancellationToken);
            foreach (var session in due)
            {
                session.MarkMissed(now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                marked += due.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                conflicts++;
            }

            db.ChangeTracker.Clear();
            if (due.Count < MissedBatchSize)
            {
                return marked;
            }
        }

        return marked;
    }

    private static async Task<IEnumerable<Outgoing>> TomorrowAsync(AppDbContext db, PublicLinks links, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + TomorrowWithin;
        var sessions = await SessionsWithPeople(db, db.Sessions.Upcoming(now).Where(s => s.StartsAtUtc <= until))
            .ToListAsync(cancellationToken);
        return sessions.SelectMany(s => s.Sides()).Select(side => new Outgoing(
            // The calendar sequence is in the key, so a session moved after its reminder gets one for its new time.
            $"session:{side.Session.Id}:tomorrow:{side.Session.CalendarSequence}:{side.UserId}",
            side.Email,
            $"Your mentoring session with {side.PartnerName} is coming up",
            $"""
            Hello {side.Name},

            Your session with {side.PartnerName} in {side.Session.ProgramName} starts soon:
            {SessionTimes.Format(side.Session.StartsAtUtc, side.Session.EndsAtUtc, side.TimeZoneId)}
            {(string.IsNullOrWhiteSpace(side.Session.Location) ? "" : $"Where: {side.Session.Location}")}
            {links.To($"/Participant/Sessions/{side.Session.Id}")}
            """));
    }

    /// <summary>A group session tomorrow: its mentor and every member are reminded, each once, whatever their number.</summary>
    private static async Task<IEnumerable<Outgoing>> GroupTomorrowAsync(AppDbContext db, PublicLinks links, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + TomorrowWithin;
        var sessions = await db.Sessions.AsNoTracking().Upcoming(now).Where(s => s.GroupId != null && s.StartsAtUtc <= until)
            .Select(s => new
            {
                s.Id,
                s.StartsAtUtc,
                s.EndsAtUtc,
                s.Location,
                s.CalendarSequence,
                GroupName = s.Group!.Name,
                ProgramName = db.Programs.Where(p => p.Id == s.ProgramId).Select(p => p.Name).First(),
                Mentor = new Person(s.Group.MentorEnrolment!.UserId, s.Group.MentorEnrolment.User!.Email, s.Group.MentorEnrolment.User.DisplayName,
                    s.Group.MentorEnrolment.User.TimeZoneId, s.Group.MentorEnrolment.User.ErasedAtUtc == null),
                Members = s.Group.Members.Select(m => new Person(m.Pair!.MenteeEnrolment!.UserId, m.Pair.MenteeEnrolment.User!.Email,
                    m.Pair.MenteeEnrolment.User.DisplayName, m.Pair.MenteeEnrolment.User.TimeZoneId, m.Pair.MenteeEnrolment.User.ErasedAtUtc == null)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return sessions.SelectMany(s => new[] { s.Mentor }.Concat(s.Members)
            .Where(p => p.Reachable && !string.IsNullOrEmpty(p.Email))
            .DistinctBy(p => p.UserId)
            .Select(p => new Outgoing(
                $"session:{s.Id}:tomorrow:{s.CalendarSequence}:{p.UserId}",
                p.Email!,
                $"Your group session of {s.GroupName} is coming up",
                $"""
                Hello {p.Name},

                The session of {s.GroupName} in {s.ProgramName} starts soon:
                {SessionTimes.Format(s.StartsAtUtc, s.EndsAtUtc, p.TimeZoneId)}
                {(string.IsNullOrWhiteSpace(s.Location) ? "" : $"Where: {s.Location}")}
                {links.To($"/Participant/GroupSessions/{s.Id}")}
                """)));
    }

    private static async Task<IEnumerable<Outgoing>> LogMissingAsync(AppDbContext db, PublicLinks links, DateTime now, CancellationToken cancellationToken)
    {
        var endedBefore = now - LogMissingAfter;

        // Older scheduled sessions were marked missed just before; the bound lets the (Status, StartsAtUtc) index
        // answer instead of a scan of every scheduled session ever.
        var startedAfter = now - MissedAfter - TimeSpan.FromHours(Session.MaxMinutes / 60.0);
        var sessions = await SessionsWithPeople(db, db.Sessions.Where(s =>
                s.Status == SessionStatus.Scheduled && s.StartsAtUtc > startedAfter && s.EndsAtUtc <= endedBefore && s.LoggedAtUtc == null))
            .ToListAsync(cancellationToken);
        return sessions.SelectMany(s => s.Sides()).Select(side => new Outgoing(
            $"session:{side.Session.Id}:log-missing:{side.UserId}",
            side.Email,
            $"Did your session with {side.PartnerName} take place?",
            $"""
            Hello {side.Name},

            Your session with {side.PartnerName} in {side.Session.ProgramName} was planned for
            {SessionTimes.Format(side.Session.StartsAtUtc, side.Session.EndsAtUtc, side.TimeZoneId)}.
            If it took place, log it (minutes, topics, notes); either of you can. Unlogged sessions count as missed after two days.
            {links.To($"/Participant/Sessions/Log/{side.Session.Id}")}
            """));
    }

    private static async Task<IEnumerable<Outgoing>> FeedbackOverdueAsync(AppDbContext db, PublicLinks links, DateTime now, CancellationToken cancellationToken)
    {
        var loggedBefore = now - FeedbackOverdueAfter;
        var loggedAfter = now - FeedbackChasedFor;

        // Only sessions that took place in the chasing window and the one before it: the bound on StartsAtUtc lets the
        // (Status, StartsAtUtc) index answer; a session logged more than a month late is not chased.
        var startedAfter = loggedAfter - FeedbackChasedFor;
        var held = db.Sessions.Where(s => s.Status == SessionStatus.Held && s.StartsAtUtc > startedAfter
            && s.LoggedAtUtc <= loggedBefore && s.LoggedAtUtc > loggedAfter);
        var sessions = await SessionsWithPeople(db, held.Where(s =>
                !db.SessionFeedback.Any(f => f.SessionId == s.Id && f.Role == ParticipantRole.Mentor)
                || !db.SessionFeedback.Any(f => f.SessionId == s.Id && f.Role == ParticipantRole.Mentee)))
            .ToListAsync(cancellationToken);
        return sessions.SelectMany(s => s.Sides()).Where(side => !side.GaveFeedback).Select(side => new Outgoing(
            $"session:{side.Session.Id}:feedback-overdue:{side.UserId}",
            side.Email,
            $"How was your session with {side.PartnerName}?",
            $"""
            Hello {side.Name},

            Your session with {side.PartnerName} in {side.Session.ProgramName} on
            {SessionTimes.Format(side.Session.StartsAtUtc, side.Session.EndsAtUtc, side.TimeZoneId)} is waiting for your feedback.
            Rate it from 1 to 5; only you and HR see it.
            {links.To($"/Participant/Feedback/Give/{side.Session.Id}")}
            """));
    }

    /// <summary>
    /// Accepted pairs of running programs that the pair health rule flags as quiet: one reminder each side per cadence
    /// period since they last met (or were accepted).
    /// </summary>
    private static async Task<IEnumerable<Outgoing>> QuietPairsAsync(AppDbContext db, PublicLinks links, DateTime now, CancellationToken cancellationToken)
    {
        var running = db.Pairs.Where(pair => db.Programs.Any(program => program.Id == pair.ProgramId
            && program.Status == ProgramStatus.Running && program.ArchivedAtUtc == null));
        var facts = await running.HealthFacts(db, now).ToListAsync(cancellationToken);
        var quietFacts = facts.Where(f => PairHealth.Of(f).Has(PairFlagKind.Quiet)).ToDictionary(f => f.PairId);
        var ids = quietFacts.Keys.ToList();
        var quiet = ids.Count == 0 ? [] : await (
                from pair in db.Pairs.WhereIdIn(p => p.Id, ids)
                join program in db.Programs on pair.ProgramId equals program.Id
                select new
                {
                    pair.Id,
                    pair.ProgramId,
                    ProgramName = program.Name,
                    Mentor = new Person(pair.MentorEnrolment!.UserId, pair.MentorEnrolment.User!.Email, pair.MentorEnrolment.User.DisplayName,
                        pair.MentorEnrolment.User.TimeZoneId, pair.MentorEnrolment.User.ErasedAtUtc == null && pair.MentorEnrolment.Status != EnrolmentStatus.Withdrawn),
                    Mentee = new Person(pair.MenteeEnrolment!.UserId, pair.MenteeEnrolment.User!.Email, pair.MenteeEnrolment.User.DisplayName,
                        pair.MenteeEnrolment.User.TimeZoneId, pair.MenteeEnrolment.User.ErasedAtUtc == null && pair.MenteeEnrolment.Status != EnrolmentStatus.Withdrawn),
                })
            .ToListAsync(cancellationToken);

        var wordings = await ProgramEmails.WordingsAsync(db, quiet.Select(p => p.ProgramId).ToList(), EmailKind.QuietPairReminder, cancellationToken);
        var reminders = new List<Outgoing>();
        foreach (var pair in quiet)
        {
            var health = quietFacts[pair.Id];
            var last = health.LastHeldUtc ?? health.AcceptedAtUtc;
            var days = (int)(now - last).TotalDays;
            var period = days / health.CadenceDays;
            var since = last.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            foreach (var (to, partner) in new[] { (pair.Mentor, pair.Mentee), (pair.Mentee, pair.Mentor) })
            {
                if (!to.Reachable || string.IsNullOrEmpty(to.Email))
                {
                    continue;
                }

                reminders.Add(ProgramEmails.Message($"pair:{pair.Id}:no-session:{since}:{period}:{to.UserId}", to.Email, wordings[pair.ProgramId],
                    new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["program.name"] = pair.ProgramName,
                        ["person.name"] = to.Name,
                        ["partner.name"] = partner.Name,
                        ["pair.has_met"] = health.LastHeldUtc is not null,
                        ["pair.days_since_met"] = days,
                        ["program.cadence_days"] = health.CadenceDays,
                        ["link"] = links.To($"/Participant/Programs/{pair.ProgramId}"),
                    }));
            }
        }

        return reminders;
    }

    // A pair's sessions only: a group session names its attendees through its group (GroupSessionReminders).
    private static IQueryable<SessionWithPeople> SessionsWithPeople(AppDbContext db, IQueryable<Session> sessions) =>
        from s in sessions
        where s.PairId != null
        join program in db.Programs on s.ProgramId equals program.Id
        select new SessionWithPeople
        {
            Id = s.Id,
            ProgramName = program.Name,
            StartsAtUtc = s.StartsAtUtc,
            EndsAtUtc = s.EndsAtUtc,
            Location = s.Location,
            CalendarSequence = s.CalendarSequence,
            Mentor = new Person(s.Pair!.MentorEnrolment!.UserId, s.Pair.MentorEnrolment.User!.Email, s.Pair.MentorEnrolment.User.DisplayName,
                s.Pair.MentorEnrolment.User.TimeZoneId, s.Pair.MentorEnrolment.User.ErasedAtUtc == null),
            Mentee = new Person(s.Pair.MenteeEnrolment!.UserId, s.Pair.MenteeEnrolment.User!.Email, s.Pair.MenteeEnrolment.User.DisplayName,
                s.Pair.MenteeEnrolment.User.TimeZoneId, s.Pair.MenteeEnrolment.User.ErasedAtUtc == null),
            MentorGaveFeedback = db.SessionFeedback.Any(f => f.SessionId == s.Id && f.Role == ParticipantRole.Mentor),
            MenteeGaveFeedback = db.SessionFeedback.Any(f => f.SessionId == s.Id && f.Role == ParticipantRole.Mentee),
        };

    private sealed record Person(string UserId, string? Email, string Name, string TimeZoneId, bool Reachable);

    private sealed record Side(SessionWithPeople Session, string UserId, string Email, string Name, string TimeZoneId, string PartnerName, bool GaveFeedback);

    private sealed class SessionWithPeople
    {
        public int Id { get; init; }

        public string ProgramName { get; init; } = "";

        public DateTime StartsAtUtc { get; init; }

        public DateTime EndsAtUtc { get; init; }

        public string Location { get; init; } = "";

        public int CalendarSequence { get; init; }

        public Person Mentor { get; init; } = null!;

        public Person Mentee { get; init; } = null!;

        public bool MentorGaveFeedback { get; init; }

        public bool MenteeGaveFeedback { get; init; }

        /// <summary>Each side that can be e-mailed, with the other side's name.</summary>
        public IEnumerable<Side> Sides()
        {
            if (Mentor.Reachable && !string.IsNullOrEmpty(Mentor.Email))
            {
                yield return new Side(this, Mentor.UserId, Mentor.Email, Mentor.Name, Mentor.TimeZoneId, Mentee.Name, MentorGaveFeedback);
            }

            if (Mentee.Reachable && !string.IsNullOrEmpty(Mentee.Email))
            {
                yield return new Side(this, Mentee.UserId, Mentee.Email, Mentee.Name, Mentee.TimeZoneId, Mentor.Name, MenteeGaveFeedback);
            }
        }
    }
}
