namespace ReverseMentoring.Web.Features.Pairing.Engine;

/// <summary>
/// Stability on a scored round (rows are mentees, columns mentors, a negative cell is a pair the hard rules forbid):
/// mentee-proposing deferred acceptance with mentor capacities, and the count of blocking pairs of any result.
/// Each person's order of partners is strict: the rank they gave, then the pair's points, then position.
/// </summary>
internal static class StableMatching
{
    /// <summary>
    /// Gale-Shapley with capacities (hospitals and residents): each free mentee proposes to the next mentor on their
    /// list; a mentor keeps the best proposals up to their free places and lets the worst go. The result is stable and
    /// every mentee gets the best partner they have in any stable matching.
    /// </summary>
    public static void Solve(
        int[] scores, int[] rows, int[] mentors, int[] room, bool[] rowPaired, bool[] mentorPaired, Preferences preferences,
        List<(int Row, int Column, bool Pinned)> chosen)
    {
        var n = rows.Length;
        var m = mentors.Length;
        var lists = new long[n][];
        Parallel.For(0, n, () => NewRankLine(m), (r, _, rankOf) =>
        {
            lists[r] = [];
            if (rowPaired[r])
            {
                return rankOf;
            }

            var ranked = preferences.RankedPartners(rows[r]);
            foreach (var (partner, rank) in ranked)
            {
                var k = Array.IndexOf(mentors, partner);
                if (k >= 0)
                {
                    rankOf[k] = rank;
                }
            }

            var line = scores.AsSpan(r * m, m);
            var count = 0;
            for (var k = 0; k < m; k++)
            {
                count += room[k] > 0 && line[k] >= 0 ? 1 : 0;
            }

            var keys = new long[count];
            var i = 0;
            for (var k = 0; k < m; k++)
            {
                if (room[k] > 0 && line[k] >= 0)
                {
                    keys[i++] = ((long)rankOf[k] << 56) | ((long)(int.MaxValue - line[k]) << 24) | (uint)k;
                }
            }

            Array.Sort(keys);
            lists[r] = keys;
            foreach (var (partner, _) in ranked)
            {
                var k = Array.IndexOf(mentors, partner);
                if (k >= 0)
                {
                    rankOf[k] = Preferences.Unranked;
                }
            }

            return rankOf;
        }, _ => { });

        var next = new int[n];
        var held = new List<int>[m];
        for (var k = 0; k < m; k++)
        {
            held[k] = [];
        }

        var free = new Stack<int>();
        for (var r = n - 1; r >= 0; r--)
        {
            if (!rowPaired[r])
            {
                free.Push(r);
            }
        }

        while (free.Count > 0)
        {
            var r = free.Pop();
            if (next[r] >= lists[r].Length)
            {
                continue;
            }

            var k = (int)(lists[r][next[r]++] & 0xFFFFFF);
            var kept = held[k];
            if (kept.Count < room[k])
            {
                kept.Add(r);
                continue;
            }

            var worst = Worst(scores, rows, mentors, preferences, k, kept, out var at);
            if (MentorPrefers(scores, rows, mentors, preferences, k, r, worst))
            {
                kept[at] = r;
                free.Push(worst);
            }
            else
            {
                free.Push(r);
            }
        }

        for (var k = 0; k < m; k++)
        {
            foreach (var r in held[k])
            {
                chosen.Add((r, k, false));
                rowPaired[r] = true;
                mentorPaired[k] = true;
            }
        }
    }

    /// <summary>
    /// Pairs not in the result that pass the hard rules and that both would rather have: the mentee prefers the mentor
    /// to their partner (or has none), and the mentor has a free place or prefers the mentee to their worst mentee.
    /// Pinned mentees and places taken by pins or earlier pairs are not in play (<paramref name="room"/> is what is left).
    /// </summary>
    public static int CountBlockingPairs(
        int[] scores, int[] rows, int[] mentors, int[] room, bool[] pinnedRow, Preferences preferences,
        IEnumerable<(int Row, int Column, bool Pinned)> chosen)
    {
        var n = rows.Length;
        var m = mentors.Length;
        var partner = new int[n];
        Array.Fill(partner, -1);
        var held = new List<int>[m];
        for (var k = 0; k < m; k++)
        {
            held[k] = [];
        }

        foreach (var (r, k, pinned) in chosen)
        {
            if (!pinned)
            {
                partner[r] = k;
                held[k].Add(r);
            }
        }

        var worst = new int[m];
        for (var k = 0; k < m; k++)
        {
            worst[k] = room[k] <= 0 || held[k].Count < room[k] ? -1 : Worst(scores, rows, mentors, preferences, k, held[k], out _);
        }

        var blocking = 0;
        var gate = new object();
        Parallel.For(0, n, () => (Count: 0, RankOf: NewRankLine(m)), (r, _, local) =>
        {
            if (pinnedRow[r])
            {
                return local;
            }

            var ranked = preferences.RankedPartners(rows[r]);
            foreach (var (mentor, rank) in ranked)
            {
                var k = Array.IndexOf(mentors, mentor);
                if (k >= 0)
                {
                    local.RankOf[k] = rank;
                }
            }

            var line = scores.AsSpan(r * m, m);
            var current = partner[r];
            var currentRank = current < 0 ? 0 : local.RankOf[current];
            var currentPoints = current < 0 ? 0 : line[current];
            for (var k = 0; k < m; k++)
            {
                if (k == current || room[k] <= 0 || line[k] < 0)
                {
                    continue;
                }

                var menteeWants = current < 0
                    || local.RankOf[k] < currentRank
                    || (local.RankOf[k] == currentRank && (line[k] > currentPoints || (line[k] == currentPoints && k < current)));
                if (menteeWants && (worst[k] < 0 || MentorPrefers(scores, rows, mentors, preferences, k, r, worst[k])))
                {
                    local.Count++;
                }
            }

            foreach (var (mentor, _) in ranked)
            {
                var k = Array.IndexOf(mentors, mentor);
                if (k >= 0)
                {
                    local.RankOf[k] = Preferences.Unranked;
                }
            }

            return local;
        }, local =>
        {
            lock (gate)
            {
                blocking += local.Count;
            }
        });
        return blocking;
    }

    private static int[] NewRankLine(int m)
    {
        var line = new int[m];
        Array.Fill(line, Preferences.Unranked);
        return line;
    }

    /// <summary>Whether mentor column <paramref name="k"/> would rather have row <paramref name="r"/> than row <paramref name="other"/>.</summary>
    private static bool MentorPrefers(int[] scores, int[] rows, int[] mentors, Preferences preferences, int k, int r, int other)
    {
        var m = mentors.Length;
        var (rank, otherRank) = (preferences.Rank(mentors[k], rows[r]), preferences.Rank(mentors[k], rows[other]));
        if (rank != otherRank)
        {
            return rank < otherRank;
        }

        var (points, otherPoints) = (scores[(r * m) + k], scores[(other * m) + k]);
        return points != otherPoints ? points > otherPoints : r < other;
    }

    private static int Worst(int[] scores, int[] rows, int[] mentors, Preferences preferences, int k, List<int> kept, out int at)
    {
        at = 0;
        for (var i = 1; i < kept.Count; i++)
        {
            if (MentorPrefers(scores, rows, mentors, preferences, k, kept[at], kept[i]))
            {
                at = i;
            }
        }

        return kept[at];
    }
}
