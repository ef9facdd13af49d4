using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>The enrolment funnel by role, the match rate and the median days to match. The queries here but
/// the invitations one are the reference the day-fact figures (UptakeDashboard.FromFacts.cs) are tested against.</summary>
public static partial class UptakeDashboard
{
    public sealed record FunnelRow(ParticipantRole Role, Count? Invited, Count Enrolled, Count Approved, Count Paired, Count Accepted, Count Active, Count Completed);

    internal sealed record EnrolledCount(int ProgramId, ParticipantRole Role, int Enrolled, int Approved);

    internal sealed record StagedCount(
        int ProgramId, int PairedMentors, int PairedMentees, int AcceptedMentors, int AcceptedMentees,
        int ActiveMentors, int ActiveMentees, int CompletedMentors, int CompletedMentees, int ActivePairs);

    /// <summary>Enrolled and approved, as they stand at the end of the period.</summary>
    internal static Task<List<EnrolledCount>> EnrolledAsync(Scope scope, Period period, CancellationToken cancellationToken)
    {
        var end = period.EndUtc;
        return scope.People
            .Where(e => e.CreatedAtUtc < end)
            .GroupBy(e => new { e.ProgramId, e.Role })
            .Select(g => new EnrolledCount(
                g.Key.ProgramId,
                g.Key.Role,
                g.Count(),
                g.Count(e => e.Status == EnrolmentStatus.Approved)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Invitations by role; null when filtering by department or job level, which invitations do not carry.</summary>
    internal static async Task<Dictionary<string, int>?> InvitedAsync(AppDbContext db, Scope scope, int? programId, Period period, CancellationToken cancellationToken)
    {
        var end = period.EndUtc;
        Dictionary<string, int>? invited = null;
        if (!scope.ByPerson)
        {
            var invitations = db.Invitations.AsNoTracking().Where(i => i.ProgramId != null && i.InvitedAtUtc < end);
            if (programId is { } id)
            {
                invitations = invitations.Where(i => i.ProgramId == id);
            }

            invited = await invitations.GroupBy(i => i.Role).Select(g => new { Role = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Role, g => g.Count, cancellationToken);
        }

        return invited;
    }

    /// <summary>
    /// People (distinct enrolments) at each later stage, counted from the pairs; each side is counted only when
    /// that person matches the department and job level.
    /// </summary>
    internal static Task<List<StagedCount>> StagedAsync(AppDbContext db, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var (department, jobLevel) = (scope.Department, scope.JobLevel);
        return scope.Pairs
            .Where(p => p.ProposedAtUtc < end)
            .Select(p => new
            {
                p.ProgramId,
                p.MentorEnrolmentId,
                p.MenteeEnrolmentId,
                MentorIn = (department == null || p.MentorEnrolment!.Department == department) && (jobLevel == null || p.MentorEnrolment!.JobLevel == jobLevel),
                MenteeIn = (department == null || p.MenteeEnrolment!.Department == department) && (jobLevel == null || p.MenteeEnrolment!.JobLevel == jobLevel),
                Accepted = EF.Constant(Pair.StartedStatuses).Contains(p.Status) && p.AcceptedAtUtc < end,
                Active = EF.Constant(Pair.ActiveStatuses).Contains(p.Status) && db.Sessions.Any(s =>
                    s.PairId == p.Id && s.Status == SessionStatus.Held && s.StartsAtUtc >= start && s.StartsAtUtc < end),
                Completed = p.Status == PairStatus.Ended && p.Ending == PairEnding.Completed && p.EndedAtUtc < end,
            })
            .GroupBy(p => p.ProgramId)
            .Select(g => new StagedCount(
                g.Key,
                g.Where(p => p.MentorIn).Select(p => p.MentorEnrolmentId).Distinct().Count(),
                g.Where(p => p.MenteeIn).Select(p => p.MenteeEnrolmentId).Distinct().Count(),
                g.Where(p => p.MentorIn && p.Accepted).Select(p => p.MentorEnrolmentId).Distinct().Count(),
                g.Where(p => p.MenteeIn && p.Accepted).Select(p => p.MenteeEnrolmentId).Distinct().Count(),
                g.Where(p => p.MentorIn && p.Active).Select(p => p.MentorEnrolmentId).Distinct().Count(),
                g.Where(p => p.MenteeIn && p.Active).Select(p => p.MenteeEnrolmentId).Distinct().Count(),
                g.Where(p => p.MentorIn && p.Completed).Select(p => p.MentorEnrolmentId).Distinct().Count(),
                g.Where(p => p.MenteeIn && p.Completed).Select(p => p.MenteeEnrolmentId).Distinct().Count(),
                g.Count(p => p.Active)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Match rate: approved mentees (matching the filters themselves) with an accepted or ended pair, by program.</summary>
    internal static Task<Dictionary<int, int>> MatchedMenteesAsync(AppDbContext db, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var end = period.EndUtc;
        var started = db.Pairs.Started();
        return scope.People
            .Where(e => e.Role == ParticipantRole.Mentee && e.Status == EnrolmentStatus.Approved && e.CreatedAtUtc < end)
            .Where(e => started.Any(p => p.MenteeEnrolmentId == e.Id && p.AcceptedAtUtc < end))
            .GroupBy(e => e.ProgramId)
            .Select(g => new { ProgramId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ProgramId, g => g.Count, cancellationToken);
    }

    /// <summary>
    /// Median days from the mentee's approval to the pair's acceptance: the middle one or two values, found by the
    /// database's ORDER BY and OFFSET; with how many pairs it rests on.
    /// </summary>
    internal static async Task<(int WaitCount, double? Median)> DaysToMatchAsync(AppDbContext db, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var end = period.EndUtc;
        var waits = scope.Pairs.Started()
            .Where(p => p.AcceptedAtUtc != null && p.AcceptedAtUtc < end
                && p.MenteeEnrolment!.DecidedAtUtc != null)
            .Select(p => DateOnly.FromDateTime(p.AcceptedAtUtc!.Value).DayNumber - DateOnly.FromDateTime(p.MenteeEnrolment!.DecidedAtUtc!.Value).DayNumber);
        var waitCount = await waits.CountAsync(cancellationToken);
        var middle = waitCount == 0 ? [] : await waits.OrderBy(d => d).Skip((waitCount - 1) / 2).Take(waitCount % 2 == 0 ? 2 : 1).ToListAsync(cancellationToken);
        var median = middle.Count == 0 ? (double?)null : middle.Average();
        return (waitCount, median);
    }
}
