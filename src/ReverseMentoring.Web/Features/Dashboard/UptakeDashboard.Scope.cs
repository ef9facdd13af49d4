using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>The filters as the figures use them: the period, the filtered sets, and the choices the filter form offers.</summary>
public static partial class UptakeDashboard
{
    public const int DefaultWeeks = 26;

    public sealed record Period(DateOnly From, DateOnly To)
    {
        public DateTime StartUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        /// <summary>Exclusive: midnight after the last day.</summary>
        public DateTime EndUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        /// <summary>The shortest period holding every one of <paramref name="periods"/>.</summary>
        public static Period Spanning(params Period[] periods) => new(periods.Min(p => p.From), periods.Max(p => p.To));
    }

    /// <summary>The filtered sets every figure starts from.</summary>
    internal sealed record Scope(
        IQueryable<Enrolment> People, IQueryable<Pair> Pairs, IQueryable<Session> Sessions, IQueryable<Feedback> Feedback,
        string? Department, string? JobLevel, bool ByPerson);

    internal static Period PeriodOf(Query query, DateOnly today)
    {
        var to = query.To ?? (query.From is { } from && from.AddDays((DefaultWeeks * 7) - 1) < today ? from.AddDays((DefaultWeeks * 7) - 1) : today);
        var start = query.From ?? to.AddDays(-((DefaultWeeks * 7) - 1));
        return new Period(start, to);
    }

    /// <summary>
    /// The period widened to whole calendar months, as leadership sees it: two periods that differ by a few days give the
    /// same figures, so no single day's ratings can be worked out by subtracting one from the other.
    /// </summary>
    internal static Period WholeMonths(Period period) =>
        new(new DateOnly(period.From.Year, period.From.Month, 1),
            new DateOnly(period.To.Year, period.To.Month, DateTime.DaysInMonth(period.To.Year, period.To.Month)));

    private static string? Clean(string? filter) => string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();

    /// <summary>
    /// The wider groups leadership could compare a filtered page with: the same filters with the department, the job level
    /// or the program left out, one at a time, and all of them when more than one is set.
    /// </summary>
    internal static IReadOnlyList<(int? ProgramId, string? Department, string? JobLevel)> WiderScopes(int? programId, string? department, string? jobLevel)
    {
        var scopes = new List<(int?, string?, string?)>();
        if (department is not null)
        {
            scopes.Add((programId, null, jobLevel));
        }

        if (jobLevel is not null)
        {
            scopes.Add((programId, department, null));
        }

        if (programId is not null)
        {
            scopes.Add((null, department, jobLevel));
        }

        if (scopes.Count > 1)
        {
            scopes.Add((null, null, null));
        }

        return scopes;
    }

    /// <summary>
    /// People are filtered on their own enrolment; a pair (and its sessions and feedback) counts when either side
    /// matches the department and job level.
    /// </summary>
    internal static Scope ScopeOf(AppDbContext db, int? programId, string? department, string? jobLevel)
    {
        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        jobLevel = string.IsNullOrWhiteSpace(jobLevel) ? null : jobLevel.Trim();
        IQueryable<Enrolment> people = db.Enrolments.AsNoTracking();
        IQueryable<Pair> pairs = db.Pairs.AsNoTracking();
        IQueryable<Session> sessions = db.Sessions.AsNoTracking();
        IQueryable<Feedback> feedback = db.SessionFeedback.AsNoTracking();
        if (programId is { } id)
        {
            people = people.Where(e => e.ProgramId == id);
            pairs = pairs.Where(p => p.ProgramId == id);
            sessions = sessions.Where(s => s.ProgramId == id);
            feedback = feedback.Where(f => f.ProgramId == id);
        }

        if (department is not null)
        {
            people = people.Where(e => e.Department == department);
        }

        if (jobLevel is not null)
        {
            people = people.Where(e => e.JobLevel == jobLevel);
        }

        var byPerson = department is not null || jobLevel is not null;
        if (byPerson)
        {
            var ids = people.Select(e => e.Id);
            pairs = pairs.Where(p => ids.Contains(p.MentorEnrolmentId) || ids.Contains(p.MenteeEnrolmentId));
            var pairIds = pairs.Select(p => p.Id);
            // A group session has no pair of its own: it is in scope when one of its group's member pairs is.
            sessions = sessions.Where(s => pairIds.Contains(s.PairId!.Value)
                || (s.GroupId != null && db.MentoringGroupMembers.Any(m => m.GroupId == s.GroupId && pairIds.Contains(m.PairId))));
            feedback = feedback.Where(f => pairIds.Contains(f.PairId));
        }

        return new Scope(people, pairs, sessions, feedback, department, jobLevel, byPerson);
    }

    /// <summary>A program the filter form offers.</summary>
    public sealed record Option(int Id, string Name);

    internal static Task<List<Option>> ProgramOptionsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Programs.AsNoTracking()
            .OrderBy(p => p.Name).Select(p => new Option(p.Id, p.Name)).ToListAsync(cancellationToken);

    internal static async Task<(List<string> Departments, List<string> JobLevels)> DepartmentsAndJobLevelsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var departments = await db.Enrolments.Select(e => e.Department).Where(d => d != "").Distinct().OrderBy(d => d).Take(500).ToListAsync(cancellationToken);
        var jobLevels = await db.Enrolments.Select(e => e.JobLevel).Where(d => d != "").Distinct().OrderBy(d => d).Take(500).ToListAsync(cancellationToken);
        return (departments, jobLevels);
    }
}
