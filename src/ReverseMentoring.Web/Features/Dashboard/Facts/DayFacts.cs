using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard.Facts;

/// <summary>
/// What happened on one day (UTC) of one program, pair by pair: the sessions that started that day by status and the
/// ratings given that day by side, plus that day's group sessions. The pair is the finest grain any dashboard filter
/// needs: a department or job-level filter keeps a pair when either side matches, and the people counted (raters,
/// active mentors and mentees) are the pair's sides, so every figure stays exact when worked out from these facts and
/// the current pairs and enrolments (docs/decisions/0023).
/// </summary>
/// <remarks>Arrays, not lists: a computation loops over hundreds of thousands of pair-days, and an array's loop makes no
/// call per item.</remarks>
public sealed record DayFacts(int ProgramId, DateOnly Day, PairDay[] Pairs, GroupSessionDay[] GroupSessions)
{
    public bool IsEmpty => Pairs.Length == 0 && GroupSessions.Length == 0;
}

/// <summary>
/// One pair's day. Sessions are the pair's own (not group) sessions that started that day, by status; minutes are
/// <c>HeldMinutes ?? DurationMinutes</c> of the held ones. Ratings are the feedback created that day on the pair, by the
/// side that gave it (a group mentor's rating is stored under the group's lowest member pair, so it lands there too).
/// </summary>
public readonly record struct PairDay(
    int PairId,
    int Held,
    int HeldMinutes,
    int Scheduled,
    int Missed,
    int Cancelled,
    int MentorRatings,
    int MentorRatingSum,
    int MenteeRatings,
    int MenteeRatingSum)
{
    public int Ratings => MentorRatings + MenteeRatings;

    public int RatingSum => MentorRatingSum + MenteeRatingSum;
}

/// <summary>A group session that started that day: counted once, and in scope through the pairs of its members.</summary>
public sealed record GroupSessionDay(int SessionId, int GroupId, SessionStatus Status, int Minutes, IReadOnlyList<int> MemberPairIds, IReadOnlyList<int> AttendedPairIds);

/// <summary>Working out day facts from the sessions, feedback and attendance rows themselves: the full recomputation.</summary>
public static class DayFactsBuilder
{
    /// <summary>
    /// The facts of every day from <paramref name="from"/> to <paramref name="to"/> (inclusive) of the given programs
    /// (all when null), from the rows; days with nothing are left out. Three grouped queries over the range.
    /// </summary>
    public static async Task<List<DayFacts>> BuildAsync(
        AppDbContext db, IReadOnlyCollection<int>? programIds, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var sessions = db.Sessions.AsNoTracking().Where(s => s.StartsAtUtc >= start && s.StartsAtUtc < end);
        var feedback = db.SessionFeedback.AsNoTracking().Where(f => f.CreatedAtUtc >= start && f.CreatedAtUtc < end);
        var groups = db.MentoringGroups.AsNoTracking();
        if (programIds is not null)
        {
            var ids = programIds.ToList();
            sessions = sessions.Where(s => ids.Contains(s.ProgramId));
            feedback = feedback.Where(f => ids.Contains(f.ProgramId));
            groups = groups.Where(g => ids.Contains(g.ProgramId));
        }

        var pairSessions = await sessions.Where(s => s.PairId != null)
            .GroupBy(s => new { s.ProgramId, PairId = s.PairId!.Value, s.StartsAtUtc.Date, s.Status })
            .Select(g => new { g.Key.ProgramId, g.Key.PairId, g.Key.Date, g.Key.Status, Count = g.Count(), Minutes = g.Sum(s => s.HeldMinutes ?? s.DurationMinutes) })
            .ToListAsync(cancellationToken);
        var ratings = await feedback
            .GroupBy(f => new { f.ProgramId, f.PairId, f.CreatedAtUtc.Date, f.Role })
            .Select(g => new { g.Key.ProgramId, g.Key.PairId, g.Key.Date, g.Key.Role, Count = g.Count(), Sum = g.Sum(f => f.Rating) })
            .ToListAsync(cancellationToken);
        // Group sessions are found through the programs' groups, and not looked for in a program without one: the
        // planner cannot tell how few sessions have a group (with none in the file it scanned a million sessions on every
        // fold, one per saved session or rating), while the groups of a program are a handful of rows.
        var groupIds = await groups.Select(g => g.Id).ToListAsync(cancellationToken);
        var groupSessionsOfGroups = sessions.Where(s => s.GroupId != null && groupIds.Contains(s.GroupId.Value))
            .Select(s => new
            {
                s.Id,
                s.ProgramId,
                GroupId = s.GroupId!.Value,
                s.StartsAtUtc,
                s.Status,
                Minutes = s.HeldMinutes ?? s.DurationMinutes,
                Members = db.MentoringGroupMembers.Where(m => m.GroupId == s.GroupId).Select(m => m.PairId).ToList(),
                Attended = s.Attendance.Where(a => a.Attended).Select(a => a.PairId).ToList(),
            });
        var groupSessions = groupIds.Count == 0 ? [] : await groupSessionsOfGroups.ToListAsync(cancellationToken);

        var days = new Dictionary<(int ProgramId, DateOnly Day), (Dictionary<int, PairDay> Pairs, List<GroupSessionDay> Groups)>();
        (Dictionary<int, PairDay> Pairs, List<GroupSessionDay> Groups) DayOf(int programId, DateTime date)
        {
            var key = (programId, DateOnly.FromDateTime(date));
            if (!days.TryGetValue(key, out var day))
            {
                day = ([], []);
                days[key] = day;
            }

            return day;
        }

        foreach (var s in pairSessions)
        {
            var pairs = DayOf(s.ProgramId, s.Date).Pairs;
            var p = pairs.GetValueOrDefault(s.PairId, new PairDay { PairId = s.PairId });
            pairs[s.PairId] = s.Status switch
            {
                SessionStatus.Held => p with { Held = p.Held + s.Count, HeldMinutes = p.HeldMinutes + s.Minutes },
                SessionStatus.Scheduled => p with { Scheduled = p.Scheduled + s.Count },
                SessionStatus.Missed => p with { Missed = p.Missed + s.Count },
                SessionStatus.Cancelled => p with { Cancelled = p.Cancelled + s.Count },
                _ => p,
            };
        }

        foreach (var r in ratings)
        {
            var pairs = DayOf(r.ProgramId, r.Date).Pairs;
            var p = pairs.GetValueOrDefault(r.PairId, new PairDay { PairId = r.PairId });
            pairs[r.PairId] = r.Role == ParticipantRole.Mentor
                ? p with { MentorRatings = p.MentorRatings + r.Count, MentorRatingSum = p.MentorRatingSum + r.Sum }
                : p with { MenteeRatings = p.MenteeRatings + r.Count, MenteeRatingSum = p.MenteeRatingSum + r.Sum };
        }

        foreach (var g in groupSessions)
        {
            DayOf(g.ProgramId, g.StartsAtUtc).Groups.Add(new GroupSessionDay(
                g.Id, g.GroupId, g.Status, g.Minutes, [.. g.Members.Order()], [.. g.Attended.Order()]));
        }

        return days
            .OrderBy(d => d.Key.ProgramId).ThenBy(d => d.Key.Day)
            .Select(d => new DayFacts(
                d.Key.ProgramId,
                d.Key.Day,
                [.. d.Value.Pairs.Values.OrderBy(p => p.PairId)],
                [.. d.Value.Groups.OrderBy(g => g.SessionId)]))
            .ToList();
    }
}
