using System.Globalization;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Pairing.Engine;

public enum PairVerdict
{
    Allowed = 0,
    BreaksHardRule = 1,
    BelowMinimumScore = 2,
}

/// <summary>What the engine thinks of one mentor-mentee pair, whatever else is in the round.</summary>
/// <param name="OrgRule">The reporting-line or department rule the pair breaks, naming it; HR may not pin such a pair.</param>
public sealed record PairAssessment(PairVerdict Verdict, int Score, int Percent, IReadOnlyList<string> Reasons, string? HardRule = null, string? OrgRule = null);

/// <summary>
/// Proposes pairs for a round: HR's pins first, then the exact best set of the remaining pairs under the
/// program's objective, solved as a minimum-cost assignment. <see cref="FirstFit"/> is the greedy baseline.
/// </summary>
public static class PairingEngine
{
    /// <summary>A pair at or above this share of the best possible score is counted as fitting well.</summary>
    public const int WellFittingPercent = 70;

    /// <summary>Reasons that a pair may not work out, shown as a warning wherever HR sees the pair before publishing.</summary>
    public const string NoWantedSkillTaught = "no wanted skill taught";

    public const string NoCommonFreeTime = "no common free time";

    /// <summary>First to fifth choice, then none of the ranked partners.</summary>
    public const int ChoiceBuckets = MatchingSettings.MaxRankedPartners + 1;

    /// <summary>The warnings among a pair's reasons.</summary>
    public static IReadOnlyList<string> Concerns(IEnumerable<string> reasons) =>
        (reasons ?? []).Where(r => r is NoWantedSkillTaught or NoCommonFreeTime).ToList();

    public static PairingResult Propose(PairingRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return Run(round, greedy: false);
    }

    /// <summary>Mentees in input order each take the first allowed mentor with room; only for comparison.</summary>
    public static PairingResult FirstFit(PairingRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return Run(round, greedy: true);
    }

    public static PairAssessment Assess(PairingRound round, int mentorId, int menteeId)
    {
        ArgumentNullException.ThrowIfNull(round);
        var people = new Population(round);
        if (!people.IndexOfId.TryGetValue(mentorId, out var mentor) || people[mentor].Role != ParticipantRole.Mentor
            || !people.IndexOfId.TryGetValue(menteeId, out var mentee) || people[mentee].Role != ParticipantRole.Mentee)
        {
            throw new ArgumentException("The pair must be a mentor and a mentee of this round.", nameof(mentorId));
        }

        var key = new PairKey(mentorId, menteeId);
        var score = people.ScoreOne(mentor, mentee);
        var verdict = round.Bans.Contains(key) || round.Declined.Contains(key) || score == Population.Forbidden
            ? PairVerdict.BreaksHardRule
            : score == Population.BelowMinimum ? PairVerdict.BelowMinimumScore : PairVerdict.Allowed;
        var parts = people.Parts(mentor, mentee);
        var hardRule = round.Bans.Contains(key) ? "HR banned this pair"
            : round.Declined.Contains(key) ? "one of them declined this pair before"
            : people.HardRuleBroken(mentor, mentee);
        return new PairAssessment(
            verdict, parts.Points, people.Percent(parts.Points), Explain(parts, pinned: false, round.SkillNames), hardRule, people.OrgRuleBroken(mentor, mentee));
    }

    /// <summary>
    /// The partners one candidate may be paired with in this round (hard rules, minimum score, bans, declines and room
    /// all allow it), best score first, at most <paramref name="count"/>: what a participant of a preference-led
    /// program is offered to rank. Empty when the candidate is not in the round or has no room left.
    /// </summary>
    public static IReadOnlyList<(int PartnerId, int Score, int Percent)> BestPartners(PairingRound round, int candidateId, int count)
    {
        ArgumentNullException.ThrowIfNull(round);
        var people = new Population(round);
        if (!people.IndexOfId.TryGetValue(candidateId, out var me))
        {
            return [];
        }

        var capacity = Math.Max(1, round.MentorCapacity);
        var taken = round.Accepted.GroupBy(p => p.MentorId).ToDictionary(g => g.Key, g => g.Count());
        var accepted = round.Accepted.Select(p => p.MenteeId).ToHashSet();
        var blocked = new HashSet<PairKey>(round.Bans.Concat(round.Declined));
        var mentor = people[me].Role == ParticipantRole.Mentor;
        if ((mentor && taken.GetValueOrDefault(candidateId) >= capacity) || accepted.Contains(candidateId))
        {
            return [];
        }

        var found = new List<(int PartnerId, int Score, int Percent)>();
        foreach (var other in mentor ? people.Mentees : people.Mentors)
        {
            var otherId = people[other].Id;
            var key = mentor ? new PairKey(candidateId, otherId) : new PairKey(otherId, candidateId);
            if (blocked.Contains(key) || (mentor ? accepted.Contains(otherId) : taken.GetValueOrDefault(otherId) >= capacity))
            {
                continue;
            }

            var score = mentor ? people.ScoreOne(me, other) : people.ScoreOne(other, me);
            if (score >= 0)
            {
                found.Add((otherId, score, people.Percent(score)));
            }
        }

        return found.OrderByDescending(f => f.Score).ThenBy(f => f.PartnerId).Take(count).ToList();
    }

    /// <summary>
    /// The reporting-line or department rule the pair breaks, in HR's words, or null (also when either is not a candidate
    /// of the round in that role, such as a mentee already paired).
    /// </summary>
    public static string? OrgRuleBroken(PairingRound round, int mentorId, int menteeId)
    {
        ArgumentNullException.ThrowIfNull(round);
        var people = new Population(round);
        return people.IndexOfId.TryGetValue(mentorId, out var mentor) && people[mentor].Role == ParticipantRole.Mentor
            && people.IndexOfId.TryGetValue(menteeId, out var mentee) && people[mentee].Role == ParticipantRole.Mentee
            ? people.OrgRuleBroken(mentor, mentee)
            : null;
    }

    private static PairingResult Run(PairingRound round, bool greedy)
    {
        var people = new Population(round);
        var warnings = new List<string>(people.Warnings);
        var mentors = people.Mentors;
        var m = mentors.Length;
        var mentorColumn = new int[round.Candidates.Count];
        Array.Fill(mentorColumn, -1);
        for (var k = 0; k < m; k++)
        {
            mentorColumn[mentors[k]] = k;
        }

        // Earlier accepted pairs keep their mentor's slot; their mentees are out of this round.
        var taken = new int[m];
        var acceptedMentee = new HashSet<int>();
        foreach (var pair in round.Accepted)
        {
            if (people.IndexOfId.TryGetValue(pair.MentorId, out var mentor) && mentorColumn[mentor] >= 0)
            {
                taken[mentorColumn[mentor]]++;
            }

            if (people.IndexOfId.TryGetValue(pair.MenteeId, out var mentee))
            {
                acceptedMentee.Add(mentee);
            }
        }

        var rows = people.Mentees.Where(e => !acceptedMentee.Contains(e)).ToArray();
        var n = rows.Length;
        var menteeRow = new int[round.Candidates.Count];
        Array.Fill(menteeRow, -1);
        for (var r = 0; r < n; r++)
        {
            menteeRow[rows[r]] = r;
        }
        var scores = people.ScoreAll(rows);
        var blocked = new HashSet<PairKey>(round.Bans.Concat(round.Declined));
        foreach (var pair in blocked)
        {
            if (people.IndexOfId.TryGetValue(pair.MentorId, out var mentor) && mentorColumn[mentor] >= 0
                && people.IndexOfId.TryGetValue(pair.MenteeId, out var mentee) && menteeRow[mentee] >= 0)
            {
                scores[(menteeRow[mentee] * m) + mentorColumn[mentor]] = Population.Forbidden;
            }
        }

        // Ranks and waiting add to pairs the hard rules and the minimum score allow; they never make a pair allowed.
        var preferences = new Preferences(people, round);
        preferences.AddBonuses(scores, rows, mentors);

        var capacity = Math.Max(1, round.MentorCapacity);
        var room = new int[m];
        for (var k = 0; k < m; k++)
        {
            room[k] = Math.Max(0, capacity - taken[k]);
        }

        var chosen = new List<(int Row, int Column, bool Pinned)>();
        var rowPaired = new bool[n];
        var mentorPaired = new bool[m];
        foreach (var pin in round.Pins)
        {
            var refusal = PinRefusal(pin, people, mentorColumn, menteeRow, acceptedMentee, rowPaired, room, blocked);
            if (refusal is not null)
            {
                warnings.Add($"Pin of mentor {pin.MentorId} with mentee {pin.MenteeId} not kept: {refusal}.");
                continue;
            }

            var (r, k) = (menteeRow[people.IndexOfId[pin.MenteeId]], mentorColumn[people.IndexOfId[pin.MentorId]]);
            chosen.Add((r, k, true));
            rowPaired[r] = true;
            mentorPaired[k] = true;
            room[k]--;
        }

        var pinnedRow = (bool[])rowPaired.Clone();
        var openRoom = (int[])room.Clone();
        var stable = !greedy && round.Settings.Mode == MatchingMode.PreferenceLed && round.Settings.RemoveBlockingPairs;
        if (greedy)
        {
            FirstFit(scores, n, m, room, rowPaired, mentorPaired, chosen);
        }
        else if (stable)
        {
            StableMatching.Solve(scores, rows, mentors, room, rowPaired, mentorPaired, preferences, chosen);
        }
        else
        {
            Optimise(scores, n, m, room, rowPaired, mentorPaired, taken, round.Settings.Objective, people.BestPairScore + preferences.MaxBonus, chosen);
        }

        var blocking = round.Settings.Mode == MatchingMode.PreferenceLed
            ? StableMatching.CountBlockingPairs(scores, rows, mentors, openRoom, pinnedRow, preferences, chosen)
            : 0;
        return Result(people, rows, scores, taken, chosen, warnings, preferences, blocking, stable);
    }

    private static string? PinRefusal(
        PairKey pin, Population people, int[] mentorColumn, int[] menteeRow, HashSet<int> acceptedMentee, bool[] rowPaired, int[] room, HashSet<PairKey> blocked)
    {
        if (!people.IndexOfId.TryGetValue(pin.MentorId, out var mentor) || mentorColumn[mentor] < 0)
        {
            return "no such mentor in this round";
        }

        if (!people.IndexOfId.TryGetValue(pin.MenteeId, out var mentee) || people[mentee].Role != ParticipantRole.Mentee)
        {
            return "no such mentee in this round";
        }

        if (acceptedMentee.Contains(mentee))
        {
            return "the mentee already has an accepted pair";
        }

        if (rowPaired[menteeRow[mentee]])
        {
            return "the mentee is pinned to another mentor";
        }

        if (people.OrgRuleBroken(mentor, mentee) is { } orgRule)
        {
            return orgRule;
        }

        if (blocked.Contains(pin))
        {
            return "the pair is banned or was declined";
        }

        return room[mentorColumn[mentor]] <= 0 ? "the mentor has no capacity left" : null;
    }

    private static void FirstFit(int[] scores, int n, int m, int[] room, bool[] rowPaired, bool[] mentorPaired, List<(int Row, int Column, bool Pinned)> chosen)
    {
        for (var r = 0; r < n; r++)
        {
            if (rowPaired[r])
            {
                continue;
            }

            for (var k = 0; k < m; k++)
            {
                if (room[k] > 0 && scores[(r * m) + k] >= 0)
                {
                    chosen.Add((r, k, false));
                    rowPaired[r] = true;
                    mentorPaired[k] = true;
                    room[k]--;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Mentees against one column per free mentor slot. A real pair costs minus its score (scaled so that, among
    /// equal totals, more pairs win), or for most-people-matched minus (BIG + score), with a second BIG on a mentor's
    /// first slot so that a newly matched mentor counts as a matched person too. Forbidden pairs cost 0, the same as
    /// staying unmatched, so the minimum-cost full assignment is exactly the best set of pairs.
    /// </summary>
    private static void Optimise(
        int[] scores, int n, int m, int[] room, bool[] rowPaired, bool[] mentorPaired, int[] taken,
        MatchingObjective objective, int bestPairScore, List<(int Row, int Column, bool Pinned)> chosen)
    {
        var active = new List<int>();
        var allowed = new int[m];
        for (var r = 0; r < n; r++)
        {
            if (rowPaired[r])
            {
                continue;
            }

            var any = false;
            var row = scores.AsSpan(r * m, m);
            for (var k = 0; k < m; k++)
            {
                if (room[k] > 0 && row[k] >= 0)
                {
                    allowed[k]++;
                    any = true;
                }
            }

            if (any)
            {
                active.Add(r);
            }
        }

        var slotMentor = new List<int>();
        var slotFirst = new List<bool>();
        for (var k = 0; k < m; k++)
        {
            var slots = Math.Min(room[k], allowed[k]);
            for (var s = 0; s < slots; s++)
            {
                slotMentor.Add(k);
                slotFirst.Add(s == 0 && taken[k] == 0 && !mentorPaired[k]);
            }
        }

        var menteeCount = active.Count;
        var slotCount = slotMentor.Count;
        if (menteeCount == 0 || slotCount == 0)
        {
            return;
        }

        var most = Math.Min(menteeCount, slotCount);
        var tieBreak = most + 1L;
        var big = ((long)bestPairScore * most) + 1;
        var byPeople = objective == MatchingObjective.MostPeopleMatched;
        var menteesAreRows = menteeCount <= slotCount;
        var (rowCount, colCount) = menteesAreRows ? (menteeCount, slotCount) : (slotCount, menteeCount);
        var activeRows = active.ToArray();
        var slotMentors = slotMentor.ToArray();
        var firstSlots = slotFirst.ToArray();
        long Cost(int i, int j)
        {
            var (e, s) = menteesAreRows ? (i, j) : (j, i);
            var score = scores[(activeRows[e] * m) + slotMentors[s]];
            return score < 0 ? 0
                : byPeople ? -((big * (firstSlots[s] ? 2 : 1)) + score)
                : -((score * tieBreak) + 1);
        }

        var largest = byPeople ? (2 * big) + bestPairScore : (bestPairScore * tieBreak) + 1;
        int[] assigned;
        if (largest <= int.MaxValue)
        {
            var cost = new int[rowCount * colCount];
            Parallel.For(0, rowCount, i =>
            {
                var line = cost.AsSpan(i * colCount, colCount);
                for (var j = 0; j < line.Length; j++)
                {
                    line[j] = (int)Cost(i, j);
                }
            });
            assigned = Assignment.Solve(cost, rowCount, colCount);
        }
        else
        {
            var cost = new long[rowCount * colCount];
            Parallel.For(0, rowCount, i =>
            {
                var line = cost.AsSpan(i * colCount, colCount);
                for (var j = 0; j < line.Length; j++)
                {
                    line[j] = Cost(i, j);
                }
            });
            assigned = Assignment.Solve(cost, rowCount, colCount);
        }

        for (var i = 0; i < rowCount; i++)
        {
            var (e, s) = menteesAreRows ? (i, assigned[i]) : (assigned[i], i);
            var r = activeRows[e];
            var k = slotMentors[s];
            if (scores[(r * m) + k] >= 0)
            {
                chosen.Add((r, k, false));
                rowPaired[r] = true;
                mentorPaired[k] = true;
            }
        }
    }

    private static PairingResult Result(
        Population people, int[] rows, int[] scores, int[] taken, List<(int Row, int Column, bool Pinned)> chosen, List<string> warnings,
        Preferences preferences, int blocking, bool stable)
    {
        var bestChoice = new Dictionary<int, int>();
        void Chose(int person, int partner)
        {
            if (preferences.RankedBy.Contains(person))
            {
                var rank = preferences.Rank(person, partner);
                bestChoice[person] = bestChoice.TryGetValue(person, out var known) ? Math.Min(known, rank) : rank;
            }
        }

        var m = people.Mentors.Length;
        var n = rows.Length;
        var pairs = new List<ProposedPair>(chosen.Count);
        var rowPaired = new bool[n];
        var mentorPaired = new bool[m];
        foreach (var (r, k, pinned) in chosen.OrderBy(c => c.Column).ThenBy(c => c.Row))
        {
            var (mentor, mentee) = (people.Mentors[k], rows[r]);
            var parts = people.Parts(mentor, mentee);
            var (mentorRank, menteeRank) = (preferences.Rank(mentor, mentee), preferences.Rank(mentee, mentor));
            pairs.Add(new ProposedPair(
                people[mentor].Id, people[mentee].Id, parts.Points, people.Percent(parts.Points), pinned, Explain(parts, pinned, people.Round.SkillNames))
            {
                MentorRank = mentorRank < Preferences.Unranked ? mentorRank : null,
                MenteeRank = menteeRank < Preferences.Unranked ? menteeRank : null,
                Bonus = preferences.Bonus(mentor, mentee),
            });
            Chose(mentor, mentee);
            Chose(mentee, mentor);
            rowPaired[r] = true;
            mentorPaired[k] = true;
        }

        var unmatched = new List<UnmatchedPerson>();
        for (var k = 0; k < m; k++)
        {
            if (!mentorPaired[k] && taken[k] == 0)
            {
                var why = Why(scores, start: k, count: n, stride: m);
                unmatched.Add(new UnmatchedPerson(people[people.Mentors[k]].Id, ParticipantRole.Mentor, why,
                    why == UnmatchedReason.NoOnePassesHardRules ? people.OrgRulesLeaveNoPartner(people.Mentors[k], rows) : null));
            }
        }

        for (var r = 0; r < n; r++)
        {
            if (!rowPaired[r])
            {
                var why = Why(scores, start: r * m, count: m, stride: 1);
                unmatched.Add(new UnmatchedPerson(people[rows[r]].Id, ParticipantRole.Mentee, why,
                    why == UnmatchedReason.NoOnePassesHardRules ? people.OrgRulesLeaveNoPartner(rows[r], people.Mentors) : null));
            }
        }

        // Everyone in the round who ranked: mentees already paired earlier are not candidates, so not counted.
        var choices = new int[ChoiceBuckets];
        var inRound = new HashSet<int>(rows.Concat(people.Mentors));
        foreach (var person in preferences.RankedBy.Where(inRound.Contains))
        {
            var rank = bestChoice.TryGetValue(person, out var best) ? best : Preferences.Unranked;
            choices[Math.Min(rank, ChoiceBuckets) - 1]++;
        }

        return new PairingResult
        {
            Pairs = pairs, Unmatched = unmatched, Warnings = warnings, BestPairScore = people.BestPairScore,
            Choices = choices, BlockingPairs = blocking, Stable = stable,
        };
    }

    /// <summary>The best thing any partner offered: a good enough pair means others took them; otherwise the nearest miss.</summary>
    private static UnmatchedReason Why(int[] scores, int start, int count, int stride)
    {
        var belowMinimum = false;
        for (var t = 0; t < count; t++)
        {
            var score = scores[start + (t * stride)];
            if (score >= 0)
            {
                return UnmatchedReason.CapacityFull;
            }

            belowMinimum |= score == Population.BelowMinimum;
        }

        return belowMinimum ? UnmatchedReason.BelowMinimumScore : UnmatchedReason.NoOnePassesHardRules;
    }

    private static List<string> Explain(PairParts parts, bool pinned, IReadOnlyDictionary<int, string> skillNames)
    {
        var reasons = new List<string>();
        if (pinned)
        {
            reasons.Add("pinned by HR");
        }

        foreach (var (skillId, teach, want) in parts.Skills.OrderByDescending(s => s.Teach - s.Want).ThenBy(s => s.SkillId))
        {
            var name = skillNames.TryGetValue(skillId, out var known) ? known : $"skill #{skillId}";
            reasons.Add($"teaches {name} {teach}/5, wanted at {want}/5");
        }

        if (parts.Skills.Count == 0)
        {
            reasons.Add(NoWantedSkillTaught);
        }

        reasons.Add(parts.OverlapHalfHours == 0 ? NoCommonFreeTime : $"{Hours(parts.OverlapHalfHours * 30)} h/week overlap");
        reasons.Add(parts.GapMinutes == 0 ? "same time zone" : $"{Hours(parts.GapMinutes)} h apart");
        reasons.Add(parts.CommonFormats == SessionFormats.None ? "no format in common" : $"both accept {FormatNames(parts.CommonFormats)}");
        if (parts.Interests.Count > 0)
        {
            reasons.Add($"shared interests: {string.Join(", ", parts.Interests)}");
        }

        if (parts.CrossDepartment)
        {
            reasons.Add("different departments");
        }

        return reasons;
    }

    private static string Hours(int minutes) => (minutes / 60.0).ToString("0.##", CultureInfo.InvariantCulture);

    private static string FormatNames(SessionFormats formats)
    {
        var names = new List<string>(3);
        if (formats.HasFlag(SessionFormats.InPerson))
        {
            names.Add("in person");
        }

        if (formats.HasFlag(SessionFormats.Virtual))
        {
            names.Add("virtual");
        }

        if (formats.HasFlag(SessionFormats.Group))
        {
            names.Add("group");
        }

        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }
}
