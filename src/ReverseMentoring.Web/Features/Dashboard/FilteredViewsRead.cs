using System.Collections.Concurrent;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// The filtered dashboards people of this instance opened lately (default period, as HR or as leadership), which the fold
/// keeps current with the first views while they are read (ADR 0029): a leader going through departments after writes
/// then finds them worked out. At most <see cref="MostKept"/>, the least lately read dropped first, and only filters
/// naming a department or job level that exists, so made-up filters cannot fill it.
/// </summary>
public sealed class FilteredViewsRead
{
    public const int MostKept = 40;

    /// <summary>How long after its last reading a view is still kept current.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<(int? ProgramId, string? Department, string? JobLevel, bool Exact), DateTime> _read = new();

    public void Note(int? programId, string? department, string? jobLevel, bool exact, DateTime now)
    {
        _read[(programId, department, jobLevel, exact)] = now;
        if (_read.Count > MostKept)
        {
            foreach (var least in _read.OrderBy(r => r.Value).Take(_read.Count - MostKept).ToList())
            {
                _read.TryRemove(least);
            }
        }
    }

    /// <summary>The views read since <paramref name="now"/> less <see cref="KeptFor"/>; older ones are forgotten.</summary>
    public IReadOnlyList<(UptakeDashboard.Query View, bool Exact)> Lately(DateTime now)
    {
        var since = now - KeptFor;
        foreach (var old in _read.Where(r => r.Value < since).ToList())
        {
            _read.TryRemove(old);
        }

        return [.. _read.Keys.Select(k => (new UptakeDashboard.Query { ProgramId = k.ProgramId, Department = k.Department, JobLevel = k.JobLevel }, k.Exact))];
    }
}
