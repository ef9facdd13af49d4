using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
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
/// A participant's pending actions across their pairs, each one click from the home page. Every kind is one query
/// scoped by <see cref="PairQueries.OfParticipant(IQueryable{Pair}, string)"/>, so nobody sees another person's work.
/// </summary>
public static class ParticipantToDo
{
    /// <summary>A missed session is offered for logging this long after it ended; older ones stay on My sessions.</summary>
    public static readonly TimeSpan LogMissedWithin = TimeSpan.FromDays(14);

    /// <summary>At most this many items of one kind are listed; the list says how many there are in all.</summary>
    public const int PerKind = 10;

    public static async Task<IReadOnlyList<ParticipantAction>> ItemsAsync(AppDbContext db, string userId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zone = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
        var items = new List<ParticipantAction>();
        var mine = db.Pairs.AsNoTracking().OfParticipant(userId);

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

        // Self-service: requests from mentees that wait for this mentor's answer.
        var requests = await db.MentorRequests.AsNoTracking()
            .Where(r => r.MentorEnrolment!.UserId == userId && r.State == MentorRequestState.Sent && r.AnswerDueAtUtc > nowUtc)
            .OrderBy(r => r.AnswerDueAtUtc).ThenBy(r => r.Id).Take(PerKind)
            .Select(r => new { r.Id, r.SentAtUtc, r.AnswerDueAtUtc, Mentee = r.MenteeEnrolment!.User!.DisplayName })
            .ToListAsync(cancellationToken);
        items.AddRange(requests.Select(r => new ParticipantAction(
            ParticipantActionKind.AnswerProposal, $"Answer {r.Mentee}'s request to be their mentor by {SessionTimes.Day(SessionTimes.LocalDate(r.AnswerDueAtUtc!.Value, zone))}",
            $"/Participant/Requests/{r.Id}", r.SentAtUtc ?? nowUtc)));

        var unread = (await Conversations.PairMessages.UnreadByPairAsync(db, userId, cancellationToken)).Where(u => u.Value > 0).ToDictionary(u => u.Key, u => u.Value);
        if (unread.Count > 0)
        {
            var ids = unread.Keys.Take(PerKind).ToList();
            var writers = await mine.Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, Partner = p.MentorEnrolment!.UserId == userId ? p.MenteeEnrolment!.User!.DisplayName : p.MentorEnrolment.User!.DisplayName })
                .ToListAsync(cancellationToken);
            items.AddRange(writers.Select(p => new ParticipantAction(
                ParticipantActionKind.ReadMessages,
                unread[p.Id] == 1 ? $"Read 1 new message from {p.Partner}" : $"Read {unread[p.Id]} new messages from {p.Partner}",
                $"/Participant/Pairs/{p.Id}/Messages", nowUtc)));
        }

        var unsigned = await Agreements.PairAgreements.AwaitingMySignatureAsync(db, userId, cancellationToken);
        if (unsigned.Count > 0)
        {
            var ids = unsigned.Take(PerKind).ToList();
            var toSign = await mine.Where(p => ids.Contains(p.Id))
                .Select(p => new
                {
                    p.Id,
                    p.AcceptedAtUtc,
                    Partner = p.MentorEnrolment!.UserId == userId ? p.MenteeEnrolment!.User!.DisplayName : p.MentorEnrolment.User!.DisplayName,
                })
                .ToListAsync(cancellationToken);
            items.AddRange(toSign.Select(p => new ParticipantAction(
                ParticipantActionKind.SignAgreement, $"Sign your pair agreement with {p.Partner}",
                $"/Participant/Pairs/{p.Id}/Agreement", p.AcceptedAtUtc ?? nowUtc)));
        }

        // Training is asked for before the first session: once the person has met in a program, it is no longer a to-do.
        var metIn = await db.Sessions.AsNoTracking()
            .Where(s => mine.Select(p => p.Id).Contains(s.PairId!.Value) && s.Status == SessionStatus.Held)
            .Select(s => s.ProgramId).Distinct().ToListAsync(cancellationToken);
        foreach (var program in (await Resources.RequiredTraining.RequiredLeftForAsync(db, userId, cancellationToken)).Where(p => !metIn.Contains(p.ProgramId)))
        {
            items.AddRange(program.Resources.Take(PerKind).Select(r => new ParticipantAction(
                ParticipantActionKind.DoTraining, $"Before your first session: {r.Title} ({program.ProgramName})",
                $"/Participant/Programs/{program.ProgramId}/Resources", nowUtc)));
        }

        var pairIds = mine.Select(p => p.Id);
        var missedSince = nowUtc - LogMissedWithin;
        var toLog = await db.Sessions.AsNoTracking()
            .Where(s => pairIds.Contains(s.PairId!.Value) && s.LoggedAtUtc == null
                && ((s.Status == SessionStatus.Scheduled && s.EndsAtUtc <= nowUtc)
                    || (s.Status == SessionStatus.Missed && s.EndsAtUtc >= missedSince)))
            .OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id).Take(PerKind)
            .Select(s => new
            {
                s.Id,
                s.StartsAtUtc,
                s.EndsAtUtc,
                Partner = s.Pair!.MentorEnrolment!.UserId == userId ? s.Pair.MenteeEnrolment!.User!.DisplayName : s.Pair.MentorEnrolment.User!.DisplayName,
            })
            .ToListAsync(cancellationToken);
        items.AddRange(toLog.Select(s => new ParticipantAction(
            ParticipantActionKind.LogSession, $"Log your session with {s.Partner} of {SessionTimes.Format(s.StartsAtUtc, s.EndsAtUtc, zone)}",
            $"/Participant/Sessions/Log/{s.Id}", s.EndsAtUtc)));

        var feedback = await (await SessionFeedback.MyFeedback.PendingForAsync(db, userId, cancellationToken)).AsNoTracking()
            .OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id).Take(PerKind)
            .Select(s => new
            {
                s.Id,
                s.StartsAtUtc,
                s.EndsAtUtc,
                Partner = s.Pair!.MentorEnrolment!.UserId == userId ? s.Pair.MenteeEnrolment!.User!.DisplayName : s.Pair.MentorEnrolment.User!.DisplayName,
            })
            .ToListAsync(cancellationToken);
        items.AddRange(feedback.Select(s => new ParticipantAction(
            ParticipantActionKind.GiveFeedback, $"Give feedback on your session with {s.Partner} of {SessionTimes.Format(s.StartsAtUtc, s.EndsAtUtc, zone)}",
            $"/Participant/Feedback/Give/{s.Id}", s.EndsAtUtc)));

        var checkIns = await db.CheckIns.AsNoTracking()
            .Where(c => c.UserId == userId && c.AnsweredAtUtc == null)
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

        var active = mine.Active();
        var endedSince = nowUtc - Skills.SkillCheckpointJob.EndedWithin;
        var toRate = await mine
            .Where(p => p.AcceptedAtUtc != null && (p.Status == PairStatus.Accepted || (p.Status == PairStatus.Ended && p.EndedAtUtc >= endedSince)))
            .Select(p => new
            {
                p.Id,
                p.Status,
                p.AcceptedAtUtc,
                p.ProgramId,
                Program = db.Programs.Where(g => g.Id == p.ProgramId).Select(g => new { g.EndsOn, g.Status }).Single(),
                Mentee = p.MentorEnrolment!.UserId != userId,
                Listed = p.MentorEnrolment!.UserId == userId
                    ? db.GrowthAreas.Any(a => a.ProgramId == p.ProgramId && a.RetiredAtUtc == null)
                    : db.EnrolmentSkills.Any(s => s.EnrolmentId == p.MenteeEnrolmentId && s.Direction == SkillDirection.Learn),
                MyEnrolmentId = p.MentorEnrolment!.UserId == userId ? p.MentorEnrolmentId : p.MenteeEnrolmentId,
                Partner = p.MentorEnrolment!.UserId == userId ? p.MenteeEnrolment!.User!.DisplayName : p.MentorEnrolment.User!.DisplayName,
            })
            .OrderBy(p => p.AcceptedAtUtc).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var ratedPairs = toRate.Select(p => p.Id).ToList();
        var rated = (await db.SkillRatings.Where(r => ratedPairs.Contains(r.PairId)).Select(r => new { r.PairId, r.EnrolmentId, r.Stage }).Distinct().ToListAsync(cancellationToken))
            .Concat(await db.GrowthRatings.Where(r => ratedPairs.Contains(r.PairId)).Select(r => new { r.PairId, r.EnrolmentId, r.Stage }).Distinct().ToListAsync(cancellationToken))
            .Select(r => (r.PairId, r.EnrolmentId, r.Stage))
            .ToHashSet();
        foreach (var p in toRate.Where(p => p.Listed))
        {
            var stages = new SkillStages(p.Status, p.AcceptedAtUtc, p.Program.EndsOn, p.Program.Status);
            if (stages.OpenAt(nowUtc) is { } stage && !rated.Contains((p.Id, p.MyEnrolmentId, stage)) && items.Count(i => i.Kind == ParticipantActionKind.RateSkills) < PerKind)
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
                    $"/Participant/Skills/Progress/{p.Id}", stages.OpensAtUtc(stage) ?? p.AcceptedAtUtc ?? nowUtc));
            }
        }

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

        items.AddRange(await Pairing.RankPartners.ToDoAsync(db, userId, nowUtc, cancellationToken));
        return items;
    }
}
