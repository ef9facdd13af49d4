namespace ReverseMentoring.Web.Features.Pairing.Engine;

/// <summary>
/// The ranks both sides gave and the rounds people waited, turned into points on a pair and into each person's strict
/// order of their partners: ranked partners first by rank, then the rest by the pair's points (score plus bonus), then
/// by position so that no two partners tie. Works on population indices.
/// </summary>
internal sealed class Preferences
{
    /// <summary>No rank: after every ranked partner.</summary>
    public const int Unranked = MatchingSettings.MaxRankedPartners + 1;

    /// <summary>Waiting more rounds than this earns no more.</summary>
    public const int MaxRoundsCounted = 3;

    private readonly Dictionary<long, int> _rank = [];
    private readonly Dictionary<int, List<(int Partner, int Rank)>> _byPerson = [];
    private readonly int[] _waitPoints;
    private readonly int _preferenceWeight;

    public Preferences(Population people, PairingRound round)
    {
        var settings = round.Settings;
        _preferenceWeight = Math.Clamp(settings.PreferenceWeight, 0, MatchingSettings.MaxWeight);
        var waitingWeight = Math.Clamp(settings.WaitingBonus, 0, MatchingSettings.MaxWeight);
        _waitPoints = new int[round.Candidates.Count];
        foreach (var (id, rounds) in round.RoundsWaited)
        {
            if (rounds > 0 && people.IndexOfId.TryGetValue(id, out var person))
            {
                _waitPoints[person] = waitingWeight * Population.Part * Math.Min(rounds, MaxRoundsCounted) / MaxRoundsCounted;
                AnyWaiting |= _waitPoints[person] > 0;
            }
        }

        foreach (var choice in round.Ranks)
        {
            if (choice.Rank is < 1 or > MatchingSettings.MaxRankedPartners
                || !people.IndexOfId.TryGetValue(choice.CandidateId, out var from)
                || !people.IndexOfId.TryGetValue(choice.PartnerId, out var to)
                || people[from].Role == people[to].Role)
            {
                continue;
            }

            // A person's best rank for a partner counts if the same partner appears twice.
            var key = Key(from, to);
            _rank[key] = _rank.TryGetValue(key, out var known) ? Math.Min(known, choice.Rank) : choice.Rank;
            RankedBy.Add(from);
        }

        foreach (var (key, rank) in _rank)
        {
            var from = (int)(key >> 32);
            if (!_byPerson.TryGetValue(from, out var list))
            {
                _byPerson[from] = list = [];
            }

            list.Add(((int)(key & 0xFFFFFFFF), rank));
        }

        MaxBonus = (2 * _preferenceWeight * Population.Part) + (2 * waitingWeight * Population.Part);
    }

    /// <summary>The most points ranks and waiting can add to one pair.</summary>
    public int MaxBonus { get; }

    public bool AnyWaiting { get; }

    public bool AnyRanks => _rank.Count > 0;

    /// <summary>People (population indices) who ranked at least one partner of this round.</summary>
    public HashSet<int> RankedBy { get; } = [];

    /// <summary>Where <paramref name="from"/> ranked <paramref name="to"/>, or <see cref="Unranked"/>.</summary>
    public int Rank(int from, int to) => _rank.TryGetValue(Key(from, to), out var rank) ? rank : Unranked;

    /// <summary>The partners <paramref name="person"/> ranked, with their ranks.</summary>
    public IReadOnlyList<(int Partner, int Rank)> RankedPartners(int person) =>
        _byPerson.TryGetValue(person, out var list) ? list : [];

    public int WaitPoints(int person) => _waitPoints[person];

    /// <summary>A ranked choice is worth the preference weight's part for a first choice, a fifth of it for a fifth.</summary>
    public int RankPoints(int rank) =>
        rank >= Unranked ? 0 : _preferenceWeight * Population.Part * (Unranked - rank) / MatchingSettings.MaxRankedPartners;

    public int Bonus(int mentor, int mentee) =>
        RankPoints(Rank(mentor, mentee)) + RankPoints(Rank(mentee, mentor)) + _waitPoints[mentor] + _waitPoints[mentee];

    /// <summary>Adds the bonus to every allowed pair of the scored matrix (rows are mentees, columns mentors).</summary>
    public void AddBonuses(int[] scores, int[] rows, int[] mentors)
    {
        var m = mentors.Length;
        if (AnyWaiting)
        {
            Parallel.For(0, rows.Length, r =>
            {
                var line = scores.AsSpan(r * m, m);
                var menteeWait = _waitPoints[rows[r]];
                for (var k = 0; k < m; k++)
                {
                    if (line[k] >= 0)
                    {
                        line[k] += menteeWait + _waitPoints[mentors[k]];
                    }
                }
            });
        }

        if (!AnyRanks)
        {
            return;
        }

        var rowOf = new Dictionary<int, int>(rows.Length);
        for (var r = 0; r < rows.Length; r++)
        {
            rowOf[rows[r]] = r;
        }

        var columnOf = new Dictionary<int, int>(m);
        for (var k = 0; k < m; k++)
        {
            columnOf[mentors[k]] = k;
        }

        foreach (var (key, rank) in _rank)
        {
            var (from, to) = ((int)(key >> 32), (int)(key & 0xFFFFFFFF));
            var (mentee, mentor) = rowOf.ContainsKey(from) ? (from, to) : (to, from);
            if (rowOf.TryGetValue(mentee, out var r) && columnOf.TryGetValue(mentor, out var k) && scores[(r * m) + k] >= 0)
            {
                scores[(r * m) + k] += RankPoints(rank);
            }
        }
    }

    private static long Key(int from, int to) => ((long)from << 32) | (uint)to;
}
