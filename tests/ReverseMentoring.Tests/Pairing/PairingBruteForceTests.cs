using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using Xunit.Abstractions;

namespace ReverseMentoring.Tests.Pairing;

/// <summary>
/// Small random rounds solved by trying every feasible set of pairs, with the hard rules checked here
/// independently of the engine; the engine must reach the same optimum.
/// </summary>
public sealed class PairingBruteForceTests(ITestOutputHelper output)
{
    private const int Rounds = 300;

    private static readonly string[] Zones = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Auckland"];
    private static readonly string[] Words = ["jazz", "golf", "chess", "AI", "music", "travel"];

    [Fact]
    public void Finds_the_best_total_score_of_all_feasible_sets_on_random_rounds() => CompareWithEveryFeasibleSet(MatchingObjective.BestTotalScore);

    [Fact]
    public void Matches_the_most_people_then_the_best_score_of_all_feasible_sets_on_random_rounds() => CompareWithEveryFeasibleSet(MatchingObjective.MostPeopleMatched);

    [Fact]
    public void Scores_every_pair_in_bulk_exactly_as_it_scores_and_explains_one_pair()
    {
        for (var seed = 1; seed <= Rounds; seed++)
        {
            var people = new Population(RandomRound(new Random(seed), MatchingObjective.BestTotalScore));
            var bulk = people.ScoreAll(people.Mentees);
            for (var r = 0; r < people.Mentees.Length; r++)
            {
                for (var k = 0; k < people.Mentors.Length; k++)
                {
                    var one = people.ScoreOne(people.Mentors[k], people.Mentees[r]);
                    Assert.True(one == bulk[(r * people.Mentors.Length) + k], $"seed {seed}: mentor {k}, mentee {r}: {one} one by one, {bulk[(r * people.Mentors.Length) + k]} in bulk");
                    Assert.True(one < 0 || one == people.Parts(people.Mentors[k], people.Mentees[r]).Points, $"seed {seed}: explained score differs");
                }
            }
        }
    }

    private void CompareWithEveryFeasibleSet(MatchingObjective objective)
    {
        var greedyWorse = 0;
        for (var seed = 1; seed <= Rounds; seed++)
        {
            var round = RandomRound(new Random(seed), objective);
            var truth = new Enumeration(round);

            var best = PairingEngine.Propose(round);
            var greedy = PairingEngine.FirstFit(round);

            var context = $"seed {seed}, {objective}";
            var bestValue = truth.Check(best, context);
            var greedyValue = truth.Check(greedy, context + " (first fit)");
            Assert.True(bestValue == truth.Optimum, $"{context}: engine {bestValue}, every set tried {truth.Optimum}");
            Assert.True(greedyValue.CompareTo(bestValue) <= 0, $"{context}: first fit {greedyValue} beats {bestValue}");
            truth.CheckReasons(best, context);
            greedyWorse += greedyValue.CompareTo(bestValue) < 0 ? 1 : 0;
        }

        output.WriteLine($"{objective}: first fit fell short of the optimum in {greedyWorse} of {Rounds} rounds.");
    }

    private static PairingRound RandomRound(Random rng, MatchingObjective objective)
    {
        var mentorCount = rng.Next(1, 6);
        var menteeCount = rng.Next(1, 7);
        var ids = Enumerable.Range(1, mentorCount).Concat(Enumerable.Range(101, menteeCount)).ToArray();
        var people = ids.Select(id =>
        {
            var mentor = id < 100;
            var manager = rng.NextDouble() switch
            {
                < 0.35 => $"p{ids[rng.Next(ids.Length)]}@example.com",
                < 0.45 => $"boss{rng.Next(3)}@example.com",
                _ => null,
            };
            return new PairingCandidate
            {
                Id = id,
                Role = mentor ? ParticipantRole.Mentor : ParticipantRole.Mentee,
                Email = $"p{id}@example.com",
                ManagerEmail = manager,
                Department = ((char)('A' + rng.Next(3))).ToString(),
                TimeZoneId = Zones[rng.Next(Zones.Length)],
                Formats = (SessionFormats)rng.Next(1, 8),
                Skills = [.. Enumerable.Range(0, rng.Next(0, 4)).Select(_ => new SkillLevel(rng.Next(1, 6), mentor ? rng.Next(2, 6) : rng.Next(1, 5)))],
                Availability = [.. Enumerable.Range(0, rng.Next(0, 3)).Select(_ => Slot(rng))],
                Interests = [.. Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Words[rng.Next(Words.Length)])],
            };
        }).ToArray();

        var capacity = rng.Next(1, 3);
        var bans = new List<PairKey>();
        var declined = new List<PairKey>();
        var accepted = new List<PairKey>();
        var pins = new List<PairKey>();
        var acceptedCount = new int[mentorCount + 1];
        for (var e = 101; e < 101 + menteeCount; e++)
        {
            for (var m = 1; m <= mentorCount; m++)
            {
                var draw = rng.NextDouble();
                if (draw < 0.1)
                {
                    bans.Add(new PairKey(m, e));
                }
                else if (draw < 0.15)
                {
                    declined.Add(new PairKey(m, e));
                }
            }

            var mentor = rng.Next(1, mentorCount + 1);
            var draw2 = rng.NextDouble();
            if (draw2 < 0.12 && acceptedCount[mentor] < capacity)
            {
                accepted.Add(new PairKey(mentor, e));
                acceptedCount[mentor]++;
            }
            else if (draw2 < 0.22)
            {
                pins.Add(new PairKey(mentor, e));
            }
        }

        return new PairingRound
        {
            Candidates = people,
            MentorCapacity = capacity,
            ProgramFormats = rng.Next(2) == 0 ? SessionFormats.InPerson | SessionFormats.Virtual | SessionFormats.Group : (SessionFormats)rng.Next(1, 8),
            Bans = bans,
            Declined = declined,
            Accepted = accepted,
            Pins = pins,
            Settings = new MatchingSettings
            {
                SkillWeight = rng.Next(0, 11),
                AvailabilityWeight = rng.Next(0, 11),
                TimeZoneWeight = rng.Next(0, 11),
                FormatWeight = rng.Next(0, 11),
                InterestWeight = rng.Next(0, 11),
                MaxTimeZoneGapHours = rng.Next(2) == 0 ? null : rng.Next(0, 12),
                MinimumScorePercent = new[] { 0, 0, 20, 40, 55, 70 }[rng.Next(6)],
                PreferCrossDepartment = rng.Next(2) == 0,
                Objective = objective,
            },
        };
    }

    private static WeeklySlot Slot(Random rng)
    {
        var starts = new TimeOnly(rng.Next(5, 20), rng.Next(2) * 30);
        return new WeeklySlot((DayOfWeek)rng.Next(0, 7), starts, starts.AddMinutes(30 * rng.Next(1, 9)));
    }

    /// <summary>Value of a set of pairs, compared people first for most-people-matched, score only otherwise.</summary>
    private readonly record struct Value(int People, long Score, bool ByPeople) : IComparable<Value>
    {
        public int CompareTo(Value other) => ByPeople && People != other.People ? People.CompareTo(other.People) : Score.CompareTo(other.Score);

        public override string ToString() => ByPeople ? $"{People} people, {Score} points" : $"{Score} points";
    }

    private sealed class Enumeration
    {
        private readonly PairingRound _round;
        private readonly int[] _mentors;
        private readonly int[] _mentees;
        private readonly bool[,] _passesHardRules;
        private readonly bool[,] _allowed;
        private readonly int[,] _score;
        private readonly int[] _taken;
        private readonly HashSet<int> _acceptedMentees;
        private readonly List<(int Mentor, int Mentee)> _keptPins = [];
        private readonly int[] _room;
        private readonly int[] _used;
        private readonly bool _byPeople;

        public Enumeration(PairingRound round)
        {
            _round = round;
            _byPeople = round.Settings.Objective == MatchingObjective.MostPeopleMatched;
            _mentors = [.. round.Candidates.Where(c => c.Role == ParticipantRole.Mentor).Select(c => c.Id)];
            _mentees = [.. round.Candidates.Where(c => c.Role == ParticipantRole.Mentee).Select(c => c.Id)];
            var byEmail = round.Candidates.GroupBy(c => c.Email).ToDictionary(g => g.Key, g => g.First());
            string? Boss(PairingCandidate c) => c.ManagerEmail;
            string? BossBoss(PairingCandidate c) => Boss(c) is { } b && byEmail.TryGetValue(b, out var boss) ? boss.ManagerEmail : null;
            int Offset(PairingCandidate c) => (int)TimeZoneInfo.FindSystemTimeZoneById(c.TimeZoneId).GetUtcOffset(round.AtUtc).TotalMinutes;

            _passesHardRules = new bool[_mentors.Length, _mentees.Length];
            _allowed = new bool[_mentors.Length, _mentees.Length];
            _score = new int[_mentors.Length, _mentees.Length];
            for (var k = 0; k < _mentors.Length; k++)
            {
                var mentor = round.Candidates.Single(c => c.Id == _mentors[k]);
                for (var r = 0; r < _mentees.Length; r++)
                {
                    var mentee = round.Candidates.Single(c => c.Id == _mentees[r]);
                    var key = new PairKey(mentor.Id, mentee.Id);
                    var gap = Math.Abs(Offset(mentor) - Offset(mentee)) % 1440;
                    gap = Math.Min(gap, 1440 - gap);
                    var reportingLine = Boss(mentee) == mentor.Email || BossBoss(mentee) == mentor.Email
                        || Boss(mentor) == mentee.Email || BossBoss(mentor) == mentee.Email;
                    var passes = !reportingLine
                        && (mentor.Formats & mentee.Formats & round.ProgramFormats) != 0
                        && (round.Settings.MaxTimeZoneGapHours is not { } max || gap <= max * 60)
                        && !round.Bans.Contains(key) && !round.Declined.Contains(key);
                    var assessment = PairingEngine.Assess(round, mentor.Id, mentee.Id);
                    Assert.Equal(passes, assessment.Verdict != PairVerdict.BreaksHardRule);
                    Assert.Equal(
                        passes && assessment.Score * 100L < (long)round.Settings.MinimumScorePercent * BestPairScore(round.Settings),
                        assessment.Verdict == PairVerdict.BelowMinimumScore);
                    _passesHardRules[k, r] = passes;
                    _allowed[k, r] = assessment.Verdict == PairVerdict.Allowed;
                    _score[k, r] = assessment.Score;
                    if (reportingLine)
                    {
                        ReportingLines.Add((mentor.Id, mentee.Id));
                    }
                }
            }

            _taken = [.. _mentors.Select(m => round.Accepted.Count(a => a.MentorId == m))];
            _acceptedMentees = [.. round.Accepted.Select(a => a.MenteeId)];
            _room = [.. _taken.Select(t => Math.Max(0, round.MentorCapacity - t))];
            _used = new int[_mentors.Length];
            var pinned = new HashSet<int>();
            foreach (var pin in round.Pins)
            {
                var k = Array.IndexOf(_mentors, pin.MentorId);
                if (_acceptedMentees.Contains(pin.MenteeId) || pinned.Contains(pin.MenteeId) || ReportingLines.Contains((pin.MentorId, pin.MenteeId))
                    || round.Bans.Contains(pin) || round.Declined.Contains(pin) || _room[k] == 0)
                {
                    continue;
                }

                _keptPins.Add((pin.MentorId, pin.MenteeId));
                pinned.Add(pin.MenteeId);
                _room[k]--;
                _used[k]++;
            }

            var free = Enumerable.Range(0, _mentees.Length).Where(r => !_acceptedMentees.Contains(_mentees[r]) && !pinned.Contains(_mentees[r])).ToArray();
            var pinScore = _keptPins.Sum(p => (long)_score[Array.IndexOf(_mentors, p.Mentor), Array.IndexOf(_mentees, p.Mentee)]);
            Optimum = new Value(int.MinValue, long.MinValue, _byPeople);
            Try(free, 0, _keptPins.Count, pinScore);
        }

        public Value Optimum { get; private set; }

        private HashSet<(int, int)> ReportingLines { get; } = [];

        private static int BestPairScore(MatchingSettings s) =>
            1000 * (s.SkillWeight + s.AvailabilityWeight + s.TimeZoneWeight + s.FormatWeight + s.InterestWeight + (s.PreferCrossDepartment ? 2 : 0));

        private void Try(int[] free, int at, int mentees, long score)
        {
            if (at == free.Length)
            {
                var people = mentees + Enumerable.Range(0, _mentors.Length).Count(k => _used[k] > 0 && _taken[k] == 0);
                var value = new Value(people, score, _byPeople);
                if (value.CompareTo(Optimum) > 0)
                {
                    Optimum = value;
                }

                return;
            }

            var r = free[at];
            Try(free, at + 1, mentees, score);
            for (var k = 0; k < _mentors.Length; k++)
            {
                if (_room[k] > 0 && _allowed[k, r])
                {
                    _room[k]--;
                    _used[k]++;
                    Try(free, at + 1, mentees + 1, score + _score[k, r]);
                    _used[k]--;
                    _room[k]++;
                }
            }
        }

        /// <summary>Checks the result keeps every rule and returns its value.</summary>
        public Value Check(PairingResult result, string context)
        {
            Assert.True(
                _keptPins.ToHashSet().SetEquals(result.Pairs.Where(p => p.Pinned).Select(p => (p.MentorId, p.MenteeId))),
                $"{context}: pins kept differ");
            Assert.True(result.Pairs.Select(p => p.MenteeId).Distinct().Count() == result.Pairs.Count, $"{context}: a mentee twice");
            foreach (var pair in result.Pairs)
            {
                var (k, r) = (Array.IndexOf(_mentors, pair.MentorId), Array.IndexOf(_mentees, pair.MenteeId));
                Assert.True(pair.Pinned || _allowed[k, r], $"{context}: {pair.MentorId}-{pair.MenteeId} is not allowed");
                Assert.DoesNotContain(pair.MenteeId, _acceptedMentees);
                Assert.Equal(_score[k, r], pair.Score);
            }

            for (var k = 0; k < _mentors.Length; k++)
            {
                var count = result.Pairs.Count(p => p.MentorId == _mentors[k]);
                Assert.True(count + _taken[k] <= Math.Max(_round.MentorCapacity, _taken[k]), $"{context}: mentor {_mentors[k]} over capacity");
            }

            var mentorsNew = result.Pairs.Select(p => p.MentorId).Distinct().Count(m => _taken[Array.IndexOf(_mentors, m)] == 0);
            return new Value(result.Pairs.Count + mentorsNew, result.TotalScore, _byPeople);
        }

        public void CheckReasons(PairingResult result, string context)
        {
            foreach (var person in result.Unmatched.Where(u => u.Role == ParticipantRole.Mentee))
            {
                var r = Array.IndexOf(_mentees, person.Id);
                var ks = Enumerable.Range(0, _mentors.Length).ToArray();
                var expected = ks.Any(k => _allowed[k, r]) ? UnmatchedReason.CapacityFull
                    : ks.Any(k => _passesHardRules[k, r]) ? UnmatchedReason.BelowMinimumScore
                    : UnmatchedReason.NoOnePassesHardRules;
                Assert.True(expected == person.Reason, $"{context}: mentee {person.Id} unmatched for {person.Reason}, expected {expected}");
            }

            var paired = result.Pairs.Select(p => p.MenteeId).Concat(result.Unmatched.Where(u => u.Role == ParticipantRole.Mentee).Select(u => u.Id));
            Assert.Equal(_mentees.Where(e => !_acceptedMentees.Contains(e)).Order(), paired.Order());
        }
    }
}
