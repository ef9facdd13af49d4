using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;

namespace ReverseMentoring.Tests.Pairing.Preferences;

/// <summary>
/// Small random preference-led rounds (ranks from both sides, people who waited, bans and declines, capacities 1-2) solved
/// by trying every feasible set of pairs. The bonuses are worked out here from their definition: a rank r is worth
/// PreferenceWeight × 1000 × (6 − r) / 5 for the side that gave it, waiting W × 1000 × min(rounds, 3) / 3 for each
/// side that waited. The exact solve must reach the best value for both objectives and count the blocking pairs right;
/// with RemoveBlockingPairs the result must have no blocking pair and give every mentee their best partner among all
/// stable sets of pairs.
/// </summary>
public sealed class PreferenceLedBruteForceTests
{
    private const int Rounds = 250;

    private static readonly string[] Zones = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "Asia/Tokyo"];

    [Fact]
    public void Best_total_with_rank_and_waiting_bonuses_equals_every_feasible_set_tried() => CompareOptimum(MatchingObjective.BestTotalScore);

    [Fact]
    public void Most_people_then_best_total_with_bonuses_equals_every_feasible_set_tried() => CompareOptimum(MatchingObjective.MostPeopleMatched);

    [Fact]
    public void Removing_blocking_pairs_gives_a_stable_set_that_is_best_for_every_mentee_among_stable_sets()
    {
        var withUnstableOptimum = 0;
        for (var seed = 1; seed <= Rounds; seed++)
        {
            var round = RandomRound(new Random(seed), MatchingObjective.BestTotalScore, stable: true);
            var truth = new World(round);
            var result = PairingEngine.Propose(round);
            var context = $"seed {seed}";
            Assert.True(result.Stable, context);
            var chosen = truth.Check(result, context);
            Assert.True(truth.BlockingPairs(chosen) == 0, $"{context}: blocking pairs left");
            Assert.Equal(0, result.BlockingPairs);

            var stableSets = truth.All().Where(s => truth.BlockingPairs(s) == 0).ToList();
            Assert.True(stableSets.Count > 0, $"{context}: a stable set always exists");
            for (var r = 0; r < truth.Mentees.Length; r++)
            {
                foreach (var other in stableSets)
                {
                    Assert.True(!truth.MenteePrefers(r, other[r], chosen[r]), $"{context}: mentee {truth.Mentees[r]} does better in another stable set");
                }
            }

            // Every stable set matches the same people (the rural hospitals theorem); the result is one of them.
            Assert.All(stableSets, s => Assert.Equal(chosen.Count(k => k >= 0), s.Count(k => k >= 0)));

            var exact = PairingEngine.Propose(round with { Settings = Copy(round.Settings, removeBlocking: false) });
            withUnstableOptimum += exact.BlockingPairs > 0 ? 1 : 0;
        }

        Assert.True(withUnstableOptimum > 0, "some random rounds should have a best total that is not stable");
    }

    [Fact]
    public void Waiting_bonus_gives_the_one_mentor_to_the_mentee_who_waited()
    {
        var round = PairingTestKit.Round(PairingTestKit.Mentor(1), PairingTestKit.Mentee(101), PairingTestKit.Mentee(102, level: 2)) with
        {
            Settings = new MatchingSettings { WaitingBonus = 10 },
        };
        Assert.Equal([(1, 101)], PairingTestKit.Pairs(PairingEngine.Propose(round)));

        var waited = PairingEngine.Propose(round with { RoundsWaited = new Dictionary<int, int> { [102] = 1 } });

        Assert.Equal([(1, 102)], PairingTestKit.Pairs(waited));
        Assert.Equal(10 * 1000 / 3, waited.Pairs.Single().Bonus);
    }

    private static void CompareOptimum(MatchingObjective objective)
    {
        for (var seed = 1; seed <= Rounds; seed++)
        {
            var round = RandomRound(new Random(seed), objective, stable: false);
            var truth = new World(round);
            var result = PairingEngine.Propose(round);
            var context = $"seed {seed}, {objective}";
            var chosen = truth.Check(result, context);
            var best = truth.All().Select(truth.Value).Max();
            Assert.True(truth.Value(chosen) == best, $"{context}: engine {truth.Value(chosen)}, every set tried {best}");
            Assert.True(truth.BlockingPairs(chosen) == result.BlockingPairs, $"{context}: {result.BlockingPairs} blocking pairs reported, {truth.BlockingPairs(chosen)} found");
            truth.CheckChoices(result, chosen, context);
        }
    }

    private static MatchingSettings Copy(MatchingSettings s, bool removeBlocking) => new()
    {
        SkillWeight = s.SkillWeight, AvailabilityWeight = s.AvailabilityWeight, TimeZoneWeight = s.TimeZoneWeight, FormatWeight = s.FormatWeight,
        InterestWeight = s.InterestWeight, MinimumScorePercent = s.MinimumScorePercent, Objective = s.Objective, Mode = s.Mode,
        PreferenceWeight = s.PreferenceWeight, WaitingBonus = s.WaitingBonus, RemoveBlockingPairs = removeBlocking,
    };

    private static PairingRound RandomRound(Random rng, MatchingObjective objective, bool stable)
    {
        var mentorCount = rng.Next(1, 5);
        var menteeCount = rng.Next(1, 6);
        var mentors = Enumerable.Range(1, mentorCount).ToArray();
        var mentees = Enumerable.Range(101, menteeCount).ToArray();
        var people = mentors.Concat(mentees).Select(id => new PairingCandidate
        {
            Id = id,
            Role = id < 100 ? ParticipantRole.Mentor : ParticipantRole.Mentee,
            Email = $"p{id}@example.com",
            TimeZoneId = Zones[rng.Next(Zones.Length)],
            Formats = (SessionFormats)rng.Next(1, 8),
            Skills = [.. Enumerable.Range(0, rng.Next(0, 3)).Select(_ => new SkillLevel(rng.Next(1, 4), id < 100 ? rng.Next(2, 6) : rng.Next(1, 5)))],
            Availability = [new WeeklySlot((DayOfWeek)rng.Next(1, 3), new TimeOnly(rng.Next(7, 12), 0), new TimeOnly(rng.Next(13, 18), 0))],
        }).ToArray();

        var ranks = new List<PartnerRank>();
        foreach (var person in people.Where(_ => rng.NextDouble() < 0.7))
        {
            var others = (person.Role == ParticipantRole.Mentor ? mentees : mentors).OrderBy(_ => rng.Next()).Take(rng.Next(1, 6)).ToList();
            var rankNumbers = Enumerable.Range(1, 5).OrderBy(_ => rng.Next()).Take(others.Count).ToList();
            ranks.AddRange(others.Select((o, i) => new PartnerRank(person.Id, o, rankNumbers[i])));
        }

        var bans = new List<PairKey>();
        var declined = new List<PairKey>();
        foreach (var e in mentees)
        {
            foreach (var m in mentors)
            {
                var draw = rng.NextDouble();
                if (draw < 0.08)
                {
                    bans.Add(new PairKey(m, e));
                }
                else if (draw < 0.12)
                {
                    declined.Add(new PairKey(m, e));
                }
            }
        }

        return new PairingRound
        {
            Candidates = people,
            MentorCapacity = rng.Next(1, 3),
            ProgramFormats = SessionFormats.InPerson | SessionFormats.Virtual | SessionFormats.Group,
            Bans = bans,
            Declined = declined,
            Ranks = ranks,
            RoundsWaited = people.Where(_ => rng.NextDouble() < 0.25).ToDictionary(p => p.Id, _ => rng.Next(1, 5)),
            Settings = new MatchingSettings
            {
                SkillWeight = rng.Next(0, 11),
                AvailabilityWeight = rng.Next(0, 11),
                TimeZoneWeight = rng.Next(0, 11),
                FormatWeight = rng.Next(0, 11),
                InterestWeight = 0,
                MinimumScorePercent = new[] { 0, 0, 20, 40 }[rng.Next(4)],
                Objective = objective,
                Mode = MatchingMode.PreferenceLed,
                PreferenceWeight = rng.Next(0, 11),
                WaitingBonus = rng.Next(0, 11),
                RemoveBlockingPairs = stable,
            },
        };
    }

    /// <summary>The round as plain arrays; a set of pairs is each mentee's mentor column, or −1.</summary>
    private sealed class World
    {
        private readonly PairingRound _round;
        private readonly bool[,] _allowed;
        private readonly int[,] _points;
        private readonly int[,] _mentorRank;
        private readonly int[,] _menteeRank;

        public World(PairingRound round)
        {
            _round = round;
            Mentors = [.. round.Candidates.Where(c => c.Role == ParticipantRole.Mentor).Select(c => c.Id)];
            Mentees = [.. round.Candidates.Where(c => c.Role == ParticipantRole.Mentee).Select(c => c.Id)];
            _allowed = new bool[Mentees.Length, Mentors.Length];
            _points = new int[Mentees.Length, Mentors.Length];
            _mentorRank = new int[Mentees.Length, Mentors.Length];
            _menteeRank = new int[Mentees.Length, Mentors.Length];
            var s = round.Settings;
            int Rank(int from, int to) => round.Ranks.Where(x => x.CandidateId == from && x.PartnerId == to).Select(x => x.Rank).DefaultIfEmpty(6).Min();
            int RankPoints(int rank) => rank > 5 ? 0 : s.PreferenceWeight * 1000 * (6 - rank) / 5;
            int Wait(int id) => round.RoundsWaited.TryGetValue(id, out var w) ? s.WaitingBonus * 1000 * Math.Min(w, 3) / 3 : 0;
            for (var r = 0; r < Mentees.Length; r++)
            {
                for (var k = 0; k < Mentors.Length; k++)
                {
                    var assessment = PairingEngine.Assess(round, Mentors[k], Mentees[r]);
                    _allowed[r, k] = assessment.Verdict == PairVerdict.Allowed;
                    _mentorRank[r, k] = Rank(Mentors[k], Mentees[r]);
                    _menteeRank[r, k] = Rank(Mentees[r], Mentors[k]);
                    _points[r, k] = assessment.Score + RankPoints(_mentorRank[r, k]) + RankPoints(_menteeRank[r, k]) + Wait(Mentors[k]) + Wait(Mentees[r]);
                }
            }
        }

        public int[] Mentors { get; }

        public int[] Mentees { get; }

        private int Capacity => Math.Max(1, _round.MentorCapacity);

        /// <summary>Every feasible set of pairs.</summary>
        public List<int[]> All()
        {
            var set = new int[Mentees.Length];
            var used = new int[Mentors.Length];
            var found = new List<int[]>();
            void Try(int r)
            {
                if (r == Mentees.Length)
                {
                    found.Add((int[])set.Clone());
                    return;
                }

                set[r] = -1;
                Try(r + 1);
                for (var k = 0; k < Mentors.Length; k++)
                {
                    if (_allowed[r, k] && used[k] < Capacity)
                    {
                        used[k]++;
                        set[r] = k;
                        Try(r + 1);
                        used[k]--;
                    }
                }
            }

            Try(0);
            return found;
        }

        /// <summary>People first for most-people-matched (a mentor counts once), then the total with bonuses.</summary>
        public (int People, long Total) Value(int[] set)
        {
            var total = 0L;
            for (var r = 0; r < set.Length; r++)
            {
                total += set[r] < 0 ? 0 : _points[r, set[r]];
            }

            var people = _round.Settings.Objective == MatchingObjective.MostPeopleMatched
                ? set.Count(k => k >= 0) + set.Where(k => k >= 0).Distinct().Count()
                : 0;
            return (people, total);
        }

        /// <summary>Whether mentee row r would rather have mentor column a than b (−1 is nobody).</summary>
        public bool MenteePrefers(int r, int a, int b) =>
            a >= 0 && (b < 0 || Compare(_menteeRank[r, a], _points[r, a], a, _menteeRank[r, b], _points[r, b], b) < 0);

        private bool MentorPrefers(int k, int r, int other) =>
            Compare(_mentorRank[r, k], _points[r, k], r, _mentorRank[other, k], _points[other, k], other) < 0;

        private static int Compare(int rankA, int pointsA, int indexA, int rankB, int pointsB, int indexB) =>
            rankA != rankB ? rankA.CompareTo(rankB) : pointsA != pointsB ? pointsB.CompareTo(pointsA) : indexA.CompareTo(indexB);

        public int BlockingPairs(int[] set)
        {
            var count = 0;
            for (var r = 0; r < Mentees.Length; r++)
            {
                for (var k = 0; k < Mentors.Length; k++)
                {
                    if (!_allowed[r, k] || set[r] == k || !MenteePrefers(r, k, set[r]))
                    {
                        continue;
                    }

                    var held = Enumerable.Range(0, Mentees.Length).Where(o => set[o] == k).ToList();
                    if (held.Count < Capacity || held.Any(o => MentorPrefers(k, r, o)))
                    {
                        count++;
                    }
                }
            }

            return count;
        }

        /// <summary>Checks every pair is allowed and within capacity, with the bonus as defined; returns the set.</summary>
        public int[] Check(PairingResult result, string context)
        {
            var set = Enumerable.Repeat(-1, Mentees.Length).ToArray();
            foreach (var pair in result.Pairs)
            {
                var (r, k) = (Array.IndexOf(Mentees, pair.MenteeId), Array.IndexOf(Mentors, pair.MentorId));
                Assert.True(_allowed[r, k], $"{context}: {pair.MentorId}-{pair.MenteeId} is not allowed");
                Assert.True(set[r] < 0, $"{context}: mentee {pair.MenteeId} twice");
                Assert.True(pair.Score + pair.Bonus == _points[r, k], $"{context}: bonus of {pair.MentorId}-{pair.MenteeId} is {pair.Bonus}");
                Assert.Equal(_menteeRank[r, k] > 5 ? null : _menteeRank[r, k], pair.MenteeRank);
                Assert.Equal(_mentorRank[r, k] > 5 ? null : _mentorRank[r, k], pair.MentorRank);
                set[r] = k;
            }

            for (var k = 0; k < Mentors.Length; k++)
            {
                Assert.True(set.Count(x => x == k) <= Capacity, $"{context}: mentor {Mentors[k]} over capacity");
            }

            return set;
        }

        /// <summary>The counts of first to fifth choices and of none, from each person's best-ranked partner.</summary>
        public void CheckChoices(PairingResult result, int[] set, string context)
        {
            var expected = new int[6];
            foreach (var ranker in _round.Ranks.Select(x => x.CandidateId).Distinct())
            {
                int best;
                if (ranker < 100)
                {
                    var k = Array.IndexOf(Mentors, ranker);
                    best = Enumerable.Range(0, Mentees.Length).Where(r => set[r] == k).Select(r => _mentorRank[r, k]).DefaultIfEmpty(6).Min();
                }
                else
                {
                    var r = Array.IndexOf(Mentees, ranker);
                    best = set[r] < 0 ? 6 : _menteeRank[r, set[r]];
                }

                expected[best - 1]++;
            }

            Assert.True(expected.SequenceEqual(result.Choices), $"{context}: choices {string.Join(",", result.Choices)}, expected {string.Join(",", expected)}");
        }
    }
}
