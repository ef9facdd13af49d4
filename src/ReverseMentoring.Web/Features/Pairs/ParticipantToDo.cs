using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Agreements;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Pairs;

/// <summary>What a participant has to do next, in the order their home lists it (not stored: the order may change).</summary>
public enum ParticipantActionKind
{
    /// <summary>A proposed pair waits for this person's accept or decline.</summary>
    AnswerProposal = 0,

    /// <summary>The partner wrote messages this person has not read.</summary>
    ReadMessages = 1,

    /// <summary>An active pair's current agreement this person has not signed.</summary>
    SignAgreement = 2,

    /// <summary>Training HR marked as required before the first session, not done yet.</summary>
    DoTraining = 3,

    /// <summary>A session of theirs has taken place (or was marked missed lately) and nobody logged it.</summary>
    LogSession = 4,

    /// <summary>A held session waits for their feedback.</summary>
    GiveFeedback = 5,

    /// <summary>A check-in sent to them is not answered.</summary>
    AnswerCheckIn = 6,

    /// <summary>A pair whose rating stage open now (start, half way or end) has no rating of theirs.</summary>
    RateSkills = 7,

    /// <summary>An active pair with no session planned ahead.</summary>
    ScheduleSession = 8,

    /// <summary>A preference-led program waits for this person's ranking of partners, or shows their place on the wait list.</summary>
    RankPartners = 9,
}

/// <summary>One thing to do: what, about whom, and the page that does it.</summary>
public sealed record ParticipantAction(ParticipantActionKind Kind, string Title, string Link, DateTime SinceUtc);

/// <summary>
/// A participant's pending actions across their pairs, each one click from the home page. Every kind is scoped by the
/// person's own enrolment and pair ids (<see cref="ParticipantIds"/>, read once for the whole home), so nobody sees another
/// person's work; a kind the person cannot have (no proposed pair, no active pair...) is not asked for.
/// </summary>
public static class ParticipantToDo
{
    /// <summary>A missed session is offered for logging this long after it ended; older ones stay on My sessions.</summary>
    public static readonly TimeSpan LogMissedWithin = TimeSpan.FromDays(14);

    /// <summary>At most this many items of one kind are listed; the list says how many there are in all.</summary>
    public const int PerKind = 10;

    /// <summary>
    /// What the list needs to know about the person, read once and shared with the rest of their home: their enrolments,
    /// pairs and groups, their time zone, the unread messages of each started pair, the agreements of their active pairs and
    /// the self-service requests waiting for their answer.
    /// </summary>
    public sealed record Participant(
        ParticipantIds Ids,
        string TimeZoneId,
        IReadOnlyDictionary<int, int> Unread,
        IReadOnlyDictionary<int, PairAgreement> Agreements,
        IReadOnlyList<SelfService.MyRequests.ToAnswer> RequestsToAnswer)
    {
        /// <summary>The active pairs whose current agreement the person has not signed.</summary>
        public IReadOnlyList<int> AwaitingMySignature =>
            PairAgreements.AwaitingSignature(Ids.PairsIn(Pair.ActiveStatuses).Select(p => (p.Id, p.Side)), Agreements);
    }

    /// <summary>The actions, and how many check-ins and feedbacks wait in all (the list shows <see cref="PerKind"/> of each).</summary>
    public sealed record Result(IReadOnlyList<ParticipantAction> Items, int OpenCheckIns, int PendingFeedback);

    /// <summary>Reads what the list needs about the person whose ids the caller has read.</summary>
    public static async Task<Participant> ParticipantAsync(AppDbContext db, ParticipantIds ids, string timeZoneId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        var unread = await Conversations.PairMessages.UnreadByPairAsync(db, ids.UserId, ids.PairsIn(Pair.StartedStatuses).Select(p => p.Id).ToList(), cancellationToken);
        var agreements = await PairAgreements.OfPairsAsync(db, ids.PairsIn(Pair.ActiveStatuses).Select(p => p.Id).ToList(), cancellationToken);
        var requests = await SelfService.MyRequests.ToAnswerAsync(db, ids, nowUtc, cancellationToken);
        return new Participant(ids, timeZoneId, unread, agreements, requests);
    }

    /// <summary>The person's list, everything about them read here (the home reads it once for all its parts instead).</summary>
    public static async Task<IReadOnlyList<ParticipantAction>> ItemsAsync(AppDbContext db, string userId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zone = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
        var person = await ParticipantAsync(db, await ParticipantIds.LoadAsync(db, userId, cancellationToken), zone, nowUtc, cancellationToken);
        return (await ItemsAsync(db, person, nowUtc, cancellationToken)).Items;
    }

    public static Task<Result> ItemsAsync(AppDbContext db, Participant person, DateTime nowUtc, CancellationToken cancellationToken) =>
        ItemsAsync(db, person, nowUtc, withRanking: true, cancellationToken);

    /// <summary>
    /// The list; without <paramref name="withRanking"/> it leaves out the ranking of partners (<see cref="RanksPartners"/>
    /// says whether the person has any), whose place on the wait list moves with other people's pairs.
    /// </summary>
    public static async Task<Result> ItemsAsync(AppDbContext db, Participant person, DateTime nowUtc, bool withRanking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        var ids = person.Ids;
        var userId = ids.UserId;
        var zone = person.TimeZoneId;
        var items = new List<ParticipantAction>();
        var pairIds = ids.PairIds;
        var mine = db.Pairs.AsNoTracking().WhereIdIn(p => p.Id, pairIds);

        if (ids.Pairs.Any(p => p.Status == PairStatus.Proposed))
        {
            var proposals = await mine.AwaitingAnswer()
                .Where(p => p.MentorEnrolment!.UserId == userId ? p.MentorResponse == PairResponse.Pending : p.MenteeResponse == PairResponse.Pending)
                .OrderBy(p => p.ProposedAtUtc).ThenBy(p => p.Id).Take(PerKind)
                .Select(p => new
                {
                    p.Id,
                    p.ProgramId,
                    p.ProposedAtUtc,
                    Partner = p.MentorEnrolment!.UserId == userId ? p.MenteeEnrolment!.User!.DisplayName : p.MentorEnrolment.User!.DisplayName,
                })
                .ToListAsync(cancellationToken);
            items.AddRange(proposals.Select(p => new ParticipantAction(
                ParticipantActionKind.AnswerProposal, $"Answer your proposed pair with {p.Partner}",
                $"/Participant/Programs/{p.ProgramId}#pair-{p.Id}", p.ProposedAtUtc)));
        }

        // Self-service: requests from mentees that wait for this mentor's answer.
        items.AddRange(person.RequestsToAnswer.Take(PerKind).Select(r => new ParticipantAction(
            ParticipantActionKind.AnswerProposal, $"Answer {r.MenteeName}'s request to be their mentor by {SessionTimes.Day(SessionTimes.LocalDate(r.AnswerDueAtUtc, zone))}",
            $"/Participant/Requests/{r.Id}", r.SentAtUtc ?? nowUtc)));

        // The partners' names came with the person's pairs.
        var unread = person.Unread.Where(u => u.Value > 0).ToDictionary(u => u.Key, u => u.Value);
        items.AddRange(ids.Pairs.Where(p => unread.ContainsKey(p.Id)).OrderBy(p => p.Id).Take(PerKind).Select(p => new ParticipantAction(
            ParticipantActionKind.ReadMessages,
            unread[p.Id] == 1 ? $"Read 1 new message from {p.Partner}" : $"Read {unread[p.Id]} new messages from {p.Partner}",
            $"/Participant/Pairs/{p.Id}/Messages", nowUtc)));

        var unsigned = person.AwaitingMySignature.ToHashSet();
        items.AddRange(ids.Pairs.Where(p => unsigned.Contains(p.Id)).OrderBy(p => p.Id).Take(PerKind).Select(p => new ParticipantAction(
            ParticipantActionKind.SignAgreement, $"Sign your pair agreement with {p.Partner}",
            $"/Participant/Pairs/{p.Id}/Agreement", p.AcceptedAtUtc ?? nowUtc)));

        // Training is asked for before the first session: once the person has met in a program, it is no longer a to-do.
        var trainingLeft = await Resources.RequiredTraining.RequiredLeftForAsync(db, userId, cancellationToken);
        if (trainingLeft.Count > 0)
        {
            var metIn = pairIds.Count == 0 ? [] : await db.Sessions.AsNoTracking()
                .WhereIdIn(s => s.PairId!.Value, pairIds)
                .Where(s => s.Status == SessionStatus.Held)
                .Select(s => s.ProgramId).Distinct().ToListAsync(cancellationToken);
            foreach (var program in trainingLeft.Where(p => !metIn.Contains(p.ProgramId)))
            {
                items.AddRange(program.Resources.Take(PerKind).Select(r => new ParticipantAction(
                    ParticipantActionKind.DoTraining, $"Before your first session: {r.Title} ({program.ProgramName})",
                    $"/Participant/Programs/{program.ProgramId}/Resources", nowUtc)));
            }
        }

        if (pairIds.Count > 0)
        {
            var missedSince = nowUtc - LogMissedWithin;
            var toLog = await FirstWithPartnerAsync(
                db.Sessions.AsNoTracking()
                    .WhereIdIn(s => s.PairId!.Value, pairIds)
                    .Where(s => s.LoggedAtUtc == null
                        && ((s.Status == SessionStatus.Scheduled && s.EndsAtUtc <= nowUtc)
                            || (s.Status == SessionStatus.Missed && s.EndsAtUtc >= missedSince))),
                userId, cancellationToken);
            items.AddRange(toLog.Select(s => new ParticipantAction(
                ParticipantActionKind.LogSession, $"Log your session with {s.Partner} of {SessionTimes.Format(s.StartsAtUtc, s.EndsAtUtc, zone)}",
                $"/Participant/Sessions/Log/{s.Id}", s.EndsAtUtc)));
        }

        var pendingFeedback = 0;
        if (pairIds.Count > 0)
        {
            var pending = (await SessionFeedback.MyFeedback.PendingForAsync(db, ids, cancellationToken)).AsNoTracking();
            var feedback = await FirstWithPartnerAsync(pending, userId, cancellationToken);
            items.AddRange(feedback.Select(s => new ParticipantAction(
                ParticipantActionKind.GiveFeedback, $"Give feedback on your session with {s.Partner} of {SessionTimes.Format(s.StartsAtUtc, s.EndsAtUtc, zone)}",
                $"/Participant/Feedback/Give/{s.Id}", s.EndsAtUtc)));

            // Counted only when the list is full: a shorter list is all of them.
            pendingFeedback = feedback.Count < PerKind ? feedback.Count : await pending.CountAsync(cancellationToken);
        }

        var openCheckIns = db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.AnsweredAtUtc == null);
        var checkIns = await openCheckIns
            .OrderBy(c => c.SentAtUtc).ThenBy(c => c.Id).Take(PerKind)
            .Select(c => new
            {
                c.Id,
                c.Kind,
                c.DayNumber,
                c.SentAtUtc,
                Partner = c.Role == ParticipantRole.Mentor ? c.Pair!.MenteeEnrolment!.User!.DisplayName : c.Pair!.MentorEnrolment!.User!.DisplayName,
            })
            .ToListAsync(cancellationToken);
        items.AddRange(checkIns.Select(c => c.Kind switch
        {
            CheckInKind.HaveYouMet => new ParticipantAction(ParticipantActionKind.AnswerCheckIn, $"Tell HR whether you have met {c.Partner} yet", $"/Participant/CheckIns/{c.Id}/Met", c.SentAtUtc),
            CheckInKind.EndOfPair => new ParticipantAction(ParticipantActionKind.AnswerCheckIn, $"Answer the end-of-pair survey on your pair with {c.Partner}", $"/Participant/CheckIns/{c.Id}", c.SentAtUtc),
            CheckInKind.Applied => new ParticipantAction(ParticipantActionKind.AnswerCheckIn, $"Have you used what you learned with {c.Partner}? Tell HR", $"/Participant/CheckIns/{c.Id}", c.SentAtUtc),
            _ => new ParticipantAction(ParticipantActionKind.AnswerCheckIn, $"Answer the day {c.DayNumber} check-in on your pair with {c.Partner}", $"/Participant/CheckIns/{c.Id}", c.SentAtUtc),
        }));
        var openCheckInCount = checkIns.Count < PerKind ? checkIns.Count : await openCheckIns.CountAsync(cancellationToken);

        if (ids.PairsIn(Pair.StartedStatuses).Count > 0)
        {
            await AddRatingsAsync(db, userId, mine, items, nowUtc, cancellationToken);
        }

        if (ids.PairsIn(Pair.ActiveStatuses).Count > 0)
        {
            await AddUnplannedAsync(db, userId, mine, items, nowUtc, cancellationToken);
        }

        if (withRanking && RanksPartners(ids))
        {
            items.AddRange(await Pairing.RankPartners.ToDoAsync(db, userId, nowUtc, cancellationToken));
        }

        return new Result(items, openCheckInCount, pendingFeedback);
    }

    /// <summary>A preference-led program asks an approved person with no live pair in it to rank partners.</summary>
    public static bool RanksPartners(ParticipantIds ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var livePrograms = ids.PairsIn(Pair.LiveStatuses).Select(p => p.ProgramId).ToHashSet();
        return ids.Enrolments.Any(e => e.Mode == MatchingMode.PreferenceLed && e.Status == EnrolmentStatus.Approved && !livePrograms.Contains(e.ProgramId));
    }

    // Pairs whose rating stage (start, half way or end) is open with no rating of the person's yet.
    /// <summary>A pair session waiting for the person, with the partner's name as the person sees it.</summary>
    private sealed record SessionWithPartner(int Id, DateTime StartsAtUtc, DateTime EndsAtUtc, string Partner);

    /// <summary>The first sessions of a kind, oldest first, as many as the list shows.</summary>
    private static Task<List<SessionWithPartner>> FirstWithPartnerAsync(IQueryable<Session> sessions, string userId, CancellationToken cancellationToken) =>
        sessions
            .OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id).Take(PerKind)
            .Select(s => new SessionWithPartner(
                s.Id, s.StartsAtUtc, s.EndsAtUtc,
                s.Pair!.MentorEnrolment!.UserId == userId ? s.Pair.MenteeEnrolment!.User!.DisplayName : s.Pair.MentorEnrolment.User!.DisplayName))
            .ToListAsync(cancellationToken);

    private static async Task AddRatingsAsync(AppDbContext db, string userId, IQueryable<Pair> mine, List<ParticipantAction> items, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var endedSince = nowUtc - Skills.SkillCheckpointJob.EndedWithin;
        var toRate = await mine
            .Where(p => p.AcceptedAtUtc != null && (p.Status == PairStatus.Accepted || (p.Status == PairStatus.Ended && p.EndedAtUtc >= endedSince)))
            .Select(p => new
            {
                p.Id,
                p.Status,
                p.AcceptedAtUtc,
                p.ProgramId,
                // Each a lookup by key: a projected program row made EF number every program's rows (ROW_NUMBER) to join one.
                ProgramEndsOn = db.Programs.Where(g => g.Id == p.ProgramId).Select(g => g.EndsOn).First(),
                ProgramStatus = db.Programs.Where(g => g.Id == p.ProgramId).Select(g => g.Status).First(),
                Mentee = p.MentorEnrolment!.UserId != userId,
                Listed = p.MentorEnrolment!.UserId == userId
                    ? db.GrowthAreas.Any(a => a.ProgramId == p.ProgramId && a.RetiredAtUtc == null)
                    : db.EnrolmentSkills.Any(s => s.EnrolmentId == p.MenteeEnrolmentId && s.Direction == SkillDirection.Learn),
                MyEnrolmentId = p.MentorEnrolment!.UserId == userId ? p.MentorEnrolmentId : p.MenteeEnrolmentId,
                Partner = p.MentorEnrolment!.UserId == userId ? p.MenteeEnrolment!.User!.DisplayName : p.MentorEnrolment.User!.DisplayName,
            })
            .OrderBy(p => p.AcceptedAtUtc).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var open = toRate.Where(p => p.Listed)
            .Select(p => (Pair: p, Stages: new SkillStages(p.Status, p.AcceptedAtUtc, p.ProgramEndsOn, p.ProgramStatus)))
            .Select(p => (p.Pair, p.Stages, Stage: p.Stages.OpenAt(nowUtc)))
            .Where(p => p.Stage is not null)
            .ToList();
        if (open.Count == 0)
        {
            return;
        }

        var openPairs = open.Select(p => p.Pair.Id).ToList();
        var rated = (await db.SkillRatings.Where(r => openPairs.Contains(r.PairId)).Select(r => new { r.PairId, r.EnrolmentId, r.Stage }).Distinct().ToListAsync(cancellationToken))
            .Concat(await db.GrowthRatings.Where(r => openPairs.Contains(r.PairId)).Select(r => new { r.PairId, r.EnrolmentId, r.Stage }).Distinct().ToListAsync(cancellationToken))
            .Select(r => (r.PairId, r.EnrolmentId, r.Stage))
            .ToHashSet();
        foreach (var (p, stages, stage) in open)
        {
            if (!rated.Contains((p.Id, p.MyEnrolmentId, stage!.Value)) && items.Count(i => i.Kind == ParticipantActionKind.RateSkills) < PerKind)
            {
                var what = p.Mentee ? "skill levels" : "growth";
                items.Add(new ParticipantAction(
                    ParticipantActionKind.RateSkills,
                    stage switch
                    {
                        SkillRatingStage.Start => $"Rate your starting {what} in your pair with {p.Partner}",
                        SkillRatingStage.Mid => $"Rate your {what} half way through your pair with {p.Partner}",
                        _ => $"Rate your {what} at the end of your pair with {p.Partner}",
                    },
                    $"/Participant/Skills/Progress/{p.Id}", stages.OpensAtUtc(stage.Value) ?? p.AcceptedAtUtc ?? nowUtc));
            }
        }
    }

    // Active pairs with no session planned ahead.
    private static async Task AddUnplannedAsync(AppDbContext db, string userId, IQueryable<Pair> mine, List<ParticipantAction> items, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var active = mine.Active();
        var unplanned = await active
            .Where(p => db.Programs.Any(g => g.Id == p.ProgramId && g.Status != ProgramStatus.Closed)
                && !db.Sessions.Any(s => s.PairId == p.Id && s.Status == SessionStatus.Scheduled && s.EndsAtUtc > nowUtc))
            .OrderBy(p => p.AcceptedAtUtc).ThenBy(p => p.Id).Take(PerKind)
            .Select(p => new
            {
                p.Id,
                p.AcceptedAtUtc,
                Partner = p.MentorEnrolment!.UserId == userId ? p.MenteeEnrolment!.User!.DisplayName : p.MentorEnrolment.User!.DisplayName,
            })
            .ToListAsync(cancellationToken);
        items.AddRange(unplanned.Select(p => new ParticipantAction(
            ParticipantActionKind.ScheduleSession, $"Plan your next session with {p.Partner}",
            $"/Participant/Sessions/Schedule?pairId={p.Id}", p.AcceptedAtUtc ?? nowUtc)));
    }
}
