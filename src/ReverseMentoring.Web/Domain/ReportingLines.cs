namespace ReverseMentoring.Web.Domain;

/// <summary>
/// Who reports to whom, by normalized e-mail: the one place that walks a chain of managers and finds a cycle in it, used
/// by the org-chart upload, the pairing engine and the pairing board alike.
/// </summary>
public sealed class ReportingLines
{
    private readonly Dictionary<string, string?> _managerOf = new(StringComparer.Ordinal);

    /// <summary>Each person's manager; the first line given for a person wins, blank e-mails are ignored.</summary>
    public ReportingLines(IEnumerable<(string Email, string? ManagerEmail)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var (email, manager) in lines)
        {
            Add(email, manager);
        }
    }

    public int Count => _managerOf.Count;

    /// <summary>Adds a person unless already known; true when added.</summary>
    public bool Add(string email, string? managerEmail)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var manager = string.IsNullOrWhiteSpace(managerEmail) ? null : OrgChartEntry.Normalize(managerEmail);
        return _managerOf.TryAdd(OrgChartEntry.Normalize(email), manager);
    }

    public bool Knows(string email) => !string.IsNullOrWhiteSpace(email) && _managerOf.ContainsKey(OrgChartEntry.Normalize(email));

    public string? ManagerOf(string email) =>
        !string.IsNullOrWhiteSpace(email) && _managerOf.TryGetValue(OrgChartEntry.Normalize(email), out var manager) ? manager : null;

    /// <summary>
    /// The managers above <paramref name="email"/>, nearest first, at most <paramref name="depth"/> of them (null: the whole
    /// chain). A cycle ends the walk where it would repeat someone, so a broken chart cannot loop forever.
    /// </summary>
    public IReadOnlyList<string> Chain(string email, int? depth) => Above(ManagerOf(email), email, depth);

    /// <summary>The chain above a person whose own manager is <paramref name="manager"/> (whether or not the person is in the lines).</summary>
    public IReadOnlyList<string> Above(string? manager, string? self, int? depth)
    {
        var chain = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(self))
        {
            seen.Add(OrgChartEntry.Normalize(self));
        }

        var next = string.IsNullOrWhiteSpace(manager) ? null : OrgChartEntry.Normalize(manager);
        while (next is not null && (depth is null || chain.Count < depth) && seen.Add(next))
        {
            chain.Add(next);
            next = _managerOf.TryGetValue(next, out var up) ? up : null;
        }

        return chain;
    }

    /// <summary>How many steps <paramref name="senior"/> is above <paramref name="junior"/> within the depth, or null.</summary>
    public int? StepsAbove(string senior, string junior, int? depth)
    {
        if (string.IsNullOrWhiteSpace(senior))
        {
            return null;
        }

        var index = Chain(junior, depth).ToList().IndexOf(OrgChartEntry.Normalize(senior));
        return index < 0 ? null : index + 1;
    }

    /// <summary>The people of one cycle of managers, in reporting order (each reports to the next), or null when there is none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        // Colours: absent = unvisited, 1 = on the current walk, 2 = done (leads to the top or to a known cycle-free part).
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var start in _managerOf.Keys)
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            var walk = new List<string>();
            var current = start;
            while (current is not null && !state.ContainsKey(current))
            {
                state[current] = 1;
                walk.Add(current);
                current = _managerOf.TryGetValue(current, out var up) ? up : null;
            }

            if (current is not null && state[current] == 1)
            {
                return walk[walk.IndexOf(current)..];
            }

            foreach (var person in walk)
            {
                state[person] = 2;
            }
        }

        return null;
    }
}
