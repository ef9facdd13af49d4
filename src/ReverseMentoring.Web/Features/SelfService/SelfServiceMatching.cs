using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.SelfService;

/// <summary>How loaded one mentor is: their capacity in the program, their live pairs and the open requests naming them.</summary>
public sealed record MentorLoad(int EnrolmentId, int Capacity, int LivePairs, int OpenRequests, bool Paused)
{
    public bool Full => LivePairs >= Capacity;

    /// <summary>Why mentees cannot ask this mentor now, or null.</summary>
    public string? Unavailable => Paused ? "is not taking requests at the moment" : Full ? "has no place left" : null;
}

/// <summary>A mentor as a mentee browsing sees them, with the engine's fit and where they rank.</summary>
public sealed record MentorCard(
    int EnrolmentId, string Name, string Department, string JobLevel, string TimeZoneId, double TimeZoneGapHours, SessionFormats Formats,
    IReadOnlyList<int> SkillIds, string Skills, int Percent, IReadOnlyList<string> Reasons, bool CommonFreeTime, double Rank, string? Hidden);

/// <summary>
/// The self-service rules used by every page and job: who may browse, which mentors a mentee may ask (the pairing
/// engine's hard rules, the mentor's pause and capacity), their order, and passing a mentee's requests on in turn.
/// </summary>
public static class SelfServiceMatching
{
    /// <summary>Fit points a mentor loses for being fully taken (live pairs and open requests equal to their capacity).</summary>
    public const double ExposurePenalty = 20;

    public const string NotSelfServiceMessage = "In this program HR makes the pairs; there are no mentors to choose.";
    public const string NotOpenMessage = "Mentees choose their mentor while the program is matching or running.";
    public const string NotMenteeMessage = "Only approved mentees of this program choose a mentor.";
    public const string PairedMessage = "You are paired already in this program.";

    /// <summary>
    /// The order mentees see mentors in: the fit percent less a penalty for how taken the mentor already is, so that the
    /// few best-fitting mentors are not the first choice of every mentee (see docs/pairing.md, "Self-service").
    /// </summary>
    public static double Rank(int percent, MentorLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return percent - (ExposurePenalty * (load.LivePairs + load.OpenRequests) / Math.Max(1, load.Capacity));
    }

    /// <summary>Why this person cannot choose mentors in the program now, or null when they can.</summary>
    public static string? MenteeRefusal(MentoringProgram program, Enrolment? enrolment, bool paired)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.Matching.Mode != MatchingMode.SelfService ? NotSelfServiceMessage
            : !RunPairing.CanRun(program) ? NotOpenMessage
            : enrolment is null || enrolment.Role != ParticipantRole.Mentee || enrolment.Status != EnrolmentStatus.Approved ? NotMenteeMessage
            : paired ? PairedMessage
            : null;
    }

    public static Task<bool> IsPairedAsync(AppDbContext db, int menteeEnrolmentId, CancellationToken cancellationToken) =>
        db.Pairs.AnyAsync(p => p.MenteeEnrolmentId == menteeEnrolmentId && Pair.LiveStatuses.Contains(p.Status), cancellationToken);

    /// <summary>Every approved mentor of the program with their capacity, live pairs and open requests.</summary>
    public static async Task<Dictionary<int, MentorLoad>> LoadsAsync(AppDbContext db, MentoringProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(program);
        var programId = program.Id;
        var mentors = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgramId == programId && e.Role == ParticipantRole.Mentor && e.Status == EnrolmentStatus.Approved)
            .Select(e => new { e.Id, e.OwnCapacity, e.PausedAtUtc })
            .ToListAsync(cancellationToken);
        var pairs = (await db.Pairs.AsNoTracking()
                .Where(p => p.ProgramId == programId && Pair.LiveStatuses.Contains(p.Status))
                .GroupBy(p => p.MentorEnrolmentId).Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => g.Count);
        var requests = (await db.MentorRequests.AsNoTracking()
                .Where(r => r.ProgramId == programId && MentorRequest.OpenStates.Contains(r.State))
                .GroupBy(r => r.MentorEnrolmentId).Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => g.Count);
        return mentors.ToDictionary(
            m => m.Id,
            m => new MentorLoad(
                m.Id,
                Math.Max(1, Math.Min(m.OwnCapacity ?? program.MentorCapacity, program.MentorCapacity)),
                pairs.GetValueOrDefault(m.Id),
                requests.GetValueOrDefault(m.Id),
                m.PausedAtUtc is not null));
    }

    /// <summary>
    /// Every mentor of the program as this mentee sees them, best first; <see cref="MentorCard.Hidden"/> says why one may
    /// not be asked (a hard rule, below the minimum score, paused, full). The mentee must be an unpaired approved mentee.
    /// </summary>
    public static async Task<IReadOnlyList<MentorCard>> MentorsForAsync(
        AppDbContext db, MentoringProgram program, int menteeEnrolmentId, DateTime now, CancellationToken cancellationToken)
    {
        var round = await RunPairing.LoadRoundAsync(db, program, cancellationToken);
        var loads = await LoadsAsync(db, program, cancellationToken);
        var mentee = round.Candidates.Single(c => c.Id == menteeEnrolmentId && c.Role == ParticipantRole.Mentee);
        var menteeOffset = OffsetHours(mentee.TimeZoneId, now);
        var jobLevels = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgramId == program.Id && e.Role == ParticipantRole.Mentor)
            .ToDictionaryAsync(e => e.Id, e => e.JobLevel, cancellationToken);
        var declinedBefore = (await db.MentorRequests.AsNoTracking()
                .Where(r => r.MenteeEnrolmentId == menteeEnrolmentId && r.State == MentorRequestState.Declined && r.DeclineReason != MentorRequest.MentorUnavailableReason)
                .Select(r => r.MentorEnrolmentId)
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var cards = new List<MentorCard>();
        foreach (var mentor in round.Candidates.Where(c => c.Role == ParticipantRole.Mentor))
        {
            var load = loads.GetValueOrDefault(mentor.Id) ?? new MentorLoad(mentor.Id, 1, 0, 0, false);
            var assessment = PairingEngine.Assess(round, mentor.Id, menteeEnrolmentId);
            var hidden = assessment.Verdict switch
            {
                PairVerdict.BreaksHardRule => assessment.HardRule ?? assessment.OrgRule ?? "a rule of the program forbids this pair",
                PairVerdict.BelowMinimumScore => "fits below the program's minimum score",
                _ => PairingEngine.OrgRuleBroken(round, mentor.Id, menteeEnrolmentId)
                    ?? (declinedBefore.Contains(mentor.Id) ? "declined a request from you before" : null)
                    ?? load.Unavailable,
            };
            cards.Add(new MentorCard(
                mentor.Id, mentor.Name, mentor.Department, jobLevels.GetValueOrDefault(mentor.Id) ?? "", mentor.TimeZoneId,
                Math.Abs(OffsetHours(mentor.TimeZoneId, now) - menteeOffset), mentor.Formats,
                mentor.Skills.Select(s => s.SkillId).ToList(),
                string.Join(", ", mentor.Skills.Select(s => round.SkillNames.TryGetValue(s.SkillId, out var name) ? $"{name} {s.Level}/5" : $"skill {s.SkillId}")),
                assessment.Percent, assessment.Reasons, !assessment.Reasons.Contains(PairingEngine.NoCommonFreeTime),
                Rank(assessment.Percent, load), hidden));
        }

        // Ties keep enrolment order, so the same mentee sees the same order on every visit.
        return cards.OrderByDescending(c => c.Rank).ThenBy(c => c.EnrolmentId).ToList();
    }

    public static double OffsetHours(string timeZoneId, DateTime now)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId).GetUtcOffset(now).TotalHours;
        }
        catch (TimeZoneNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Sends the mentee's next waiting choice, passing over mentors who have paused or filled up since, and tells the mentee
    /// (their next choice is with someone, or none is left and they may browse again). Call after the request that ended
    /// (<paramref name="ended"/>) is saved; it saves nothing itself.
    /// </summary>
    public static async Task PassOnAsync(
        AppDbContext db, Outbox outbox, PublicLinks links, MentoringProgram program, MentorRequest ended, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(ended);
        var waiting = await db.MentorRequests
            .Include(r => r.MentorEnrolment).ThenInclude(e => e!.User)
            .Where(r => r.MenteeEnrolmentId == ended.MenteeEnrolmentId && r.State == MentorRequestState.Waiting)
            .OrderBy(r => r.ChoiceOrder)
            .ToListAsync(cancellationToken);
        var mentee = await db.Enrolments.Include(e => e.User).SingleAsync(e => e.Id == ended.MenteeEnrolmentId, cancellationToken);
        var loads = await LoadsAsync(db, program, cancellationToken);
        var menteeLink = links.To($"/Participant/Programs/{program.Id}/Requests");
        foreach (var next in waiting)
        {
            if (!loads.TryGetValue(next.MentorEnrolmentId, out var load) || load.Unavailable is not null)
            {
                next.PassOver(now);
                continue;
            }

            next.Send(now, program.Matching.RequestAnswerDays);
            await outbox.QueueAsync(
            [
                SelfServiceMail.RequestSent(next, next.MentorEnrolment!, mentee, program.Name, links.To($"/Participant/Requests/{next.Id}")),
                SelfServiceMail.PassedOn(ended, mentee, next.MentorEnrolment!.User!.DisplayName, program.Name, menteeLink),
            ], cancellationToken);
            return;
        }

        await outbox.QueueAsync(SelfServiceMail.NoChoiceLeft(ended, mentee, program.Name, links.To($"/Participant/Programs/{program.Id}/Mentors")), cancellationToken);
    }
}
