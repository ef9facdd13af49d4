using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;

namespace ReverseMentoring.Tests.Pairing;

/// <summary>
/// Small random rounds with random org charts (managers who never enrol, chains through enrolled people, the odd cycle),
/// at every depth from 1 to 5 and the whole chain, with and without separate departments: the reporting-line and
/// department rules are worked out here by walking the chain step by step, and the engine must forbid exactly those pairs,
/// name the right distance, and reach the same optimum as trying every feasible set of pairs.
/// </summary>
public sealed class ReportingLineDepthBruteForceTests
{
    private const int RoundsPerSetting = 40;

    public static TheoryData<int?, bool> Settings()
    {
        var data = new TheoryData<int?, bool>();
        foreach (var depth in new int?[] { 1, 2, 3, 4, 5, null })
        {
            data.Add(depth, false);
            data.Add(depth, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Forbids_exactly_the_pairs_within_the_depth_and_finds_the_best_set(int? depth, bool separateDepartments)
    {
        var forbiddenSeen = 0;
        for (var seed = 1; seed <= RoundsPerSetting; seed++)
        {
            foreach (var objective in new[] { MatchingObjective.BestTotalScore, MatchingObjective.MostPeopleMatched })
            {
                var rng = new Random((seed * 7919) + (depth ?? 0) + (separateDepartments ? 1000 : 0));
                var round = RandomRound(rng, depth, separateDepartments, objective);
                var context = $"seed {seed}, depth {depth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "whole chain"}, separate {separateDepartments}, {objective}";
                forbiddenSeen += Check(round, depth, separateDepartments, context);
            }
        }

        // The random charts must actually exercise the rule, or the comparison proves nothing.
        Assert.True(forbiddenSeen > 20, $"only {forbiddenSeen} forbidden pairs in all rounds");
    }

    [Fact]
    public void A_deeper_rule_never_allows_a_pair_a_shallower_one_forbids()
    {
        for (var seed = 1; seed <= 100; seed++)
        {
            var round = RandomRound(new Random(seed), 1, false, MatchingObjective.BestTotalScore);
            var verdicts = new List<HashSet<(int, int)>>();
            foreach (var depth in new int?[] { 1, 2, 3, 5, null })
            {
                var at = round with { Settings = new MatchingSettings { ReportingLineDepth = depth, MinimumScorePercent = 0 } };
                verdicts.Add([.. from mentor in at.Candidates.Where(c => c.Role == ParticipantRole.Mentor)
                               from mentee in at.Candidates.Where(c => c.Role == ParticipantRole.Mentee)
                               where PairingEngine.Assess(at, mentor.Id, mentee.Id).OrgRule is not null
                               select (mentor.Id, mentee.Id)]);
            }

            for (var i = 1; i < verdicts.Count; i++)
            {
                Assert.True(verdicts[i - 1].IsSubsetOf(verdicts[i]), $"seed {seed}: a deeper rule allows a pair a shallower one forbids");
            }
        }
    }

    private static int Check(PairingRound round, int? depth, bool separate, string context)
    {
        var mentors = round.Candidates.Where(c => c.Role == ParticipantRole.Mentor).ToArray();
        var mentees = round.Candidates.Where(c => c.Role == ParticipantRole.Mentee).ToArray();
        var chains = round.Candidates.ToDictionary(c => c.Id, c => ChainAbove(round, c, depth));
        var allowed = new bool[mentors.Length, mentees.Length];
        var score = new int[mentors.Length, mentees.Length];
        var forbidden = 0;
        for (var k = 0; k < mentors.Length; k++)
        {
            for (var r = 0; r < mentees.Length; r++)
            {
                var (mentor, mentee) = (mentors[k], mentees[r]);
                var down = chains[mentee.Id].IndexOf(mentor.Email.ToUpperInvariant());
                var up = chains[mentor.Id].IndexOf(mentee.Email.ToUpperInvariant());
                var sameDepartment = separate && mentor.Department == mentee.Department;
                var assessment = PairingEngine.Assess(round, mentor.Id, mentee.Id);
                var expectedForbidden = down >= 0 || up >= 0 || sameDepartment;
                Assert.True(expectedForbidden == (assessment.Verdict == PairVerdict.BreaksHardRule),
                    $"{context}: {mentor.Id}-{mentee.Id} forbidden {expectedForbidden}, engine says {assessment.Verdict}");
                if (down >= 0)
                {
                    Assert.Equal($"{mentor.Name} is {Levels(down + 1)} above {mentee.Name} in the reporting line", assessment.OrgRule);
                }
                else if (up >= 0)
                {
                    Assert.Equal($"{mentee.Name} is {Levels(up + 1)} above {mentor.Name} in the reporting line", assessment.OrgRule);
                }
                else if (sameDepartment)
                {
                    Assert.Equal($"same department: {mentor.Department}", assessment.OrgRule);
                }
                else
                {
                    Assert.Null(assessment.OrgRule);
                }

                allowed[k, r] = !expectedForbidden;
                score[k, r] = assessment.Score;
                forbidden += expectedForbidden ? 1 : 0;
            }
        }

        var byPeople = round.Settings.Objective == MatchingObjective.MostPeopleMatched;
        var best = Best(allowed, score, mentors.Length, mentees.Length, round.MentorCapacity, byPeople);
        var result = PairingEngine.Propose(round);
        foreach (var pair in result.Pairs)
        {
            var (k, r) = (Array.FindIndex(mentors, m => m.Id == pair.MentorId), Array.FindIndex(mentees, m => m.Id == pair.MenteeId));
            Assert.True(allowed[k, r], $"{context}: proposed {pair.MentorId}-{pair.MenteeId}, which the rule forbids");
        }

        var people = result.PeopleMatched;
        Assert.True(
            byPeople ? (people, result.TotalScore) == best : result.TotalScore == best.Score,
            $"{context}: engine {people} people, {result.TotalScore} points; every set tried {best.People} people, {best.Score} points");

        // Someone left with no one because of the org rules is told so, with the numbers.
        foreach (var person in result.Unmatched.Where(u => u.Reason == UnmatchedReason.NoOnePassesHardRules
            && (u.Role == ParticipantRole.Mentor ? mentees.Length : mentors.Length) > 0))
        {
            Assert.Contains("the program's org rules rule out", person.Explanation, StringComparison.Ordinal);
        }

        return forbidden;
    }

    /// <summary>The managers above a person, nearest first, as far as the depth reaches: the chart where it has them, else the enrolment.</summary>
    private static List<string> ChainAbove(PairingRound round, PairingCandidate person, int? depth)
    {
        var chart = new Dictionary<string, string?>();
        foreach (var line in round.OrgChart)
        {
            chart.TryAdd(line.Email.ToUpperInvariant(), line.ManagerEmail?.ToUpperInvariant());
        }

        var enrolled = new Dictionary<string, string?>();
        foreach (var c in round.Candidates)
        {
            enrolled.TryAdd(c.Email.ToUpperInvariant(), c.ManagerEmail?.ToUpperInvariant());
        }

        string? ManagerOf(string email) => chart.TryGetValue(email, out var m) ? m : enrolled.GetValueOrDefault(email);

        var self = person.Email.ToUpperInvariant();
        var chain = new List<string>();
        var next = chart.TryGetValue(self, out var onChart) ? onChart : person.ManagerEmail?.ToUpperInvariant();
        while (next is not null && (depth is null || chain.Count < depth) && next != self && !chain.Contains(next))
        {
            chain.Add(next);
            next = ManagerOf(next);
        }

        return chain;
    }

    private static (int People, long Score) Best(bool[,] allowed, int[,] score, int mentors, int mentees, int capacity, bool byPeople)
    {
        var used = new int[mentors];
        var best = (People: -1, Score: -1L);
        void Try(int r, int pairs, long total)
        {
            if (r == mentees)
            {
                var people = pairs + used.Count(u => u > 0);
                var better = byPeople ? people > best.People || (people == best.People && total > best.Score) : total > best.Score;
                if (better)
                {
                    best = (people, total);
                }

                return;
            }

            Try(r + 1, pairs, total);
            for (var k = 0; k < mentors; k++)
            {
                if (allowed[k, r] && used[k] < capacity)
                {
                    used[k]++;
                    Try(r + 1, pairs + 1, total + score[k, r]);
                    used[k]--;
                }
            }
        }

        Try(0, 0, 0);
        return best;
    }

    private static string Levels(int steps) => steps == 1 ? "1 level" : $"{steps} levels";

    /// <summary>
    /// A chart of a dozen people in a random tree (some of whom enrol), the odd entry pointing into a cycle, and enrolled
    /// people whose own manager field says something else (the chart wins where it has them).
    /// </summary>
    private static PairingRound RandomRound(Random rng, int? depth, bool separate, MatchingObjective objective)
    {
        const int Staff = 12;
        string Email(int i) => $"e{i}@example.com";
        var lines = new List<ChartLine>();
        for (var i = 0; i < Staff; i++)
        {
            // Mostly a tree (managers have lower numbers); sometimes a manager further down, which may close a cycle.
            var manager = i == 0 ? null : rng.NextDouble() < 0.08 ? Email(rng.Next(Staff)) : Email(rng.Next(i));
            if (rng.NextDouble() < 0.85 && manager != Email(i))
            {
                lines.Add(new ChartLine(Email(i), manager));
            }
        }

        var people = new List<PairingCandidate>();
        var ids = Enumerable.Range(0, Staff).OrderBy(_ => rng.Next()).Take(rng.Next(3, 9)).ToList();
        foreach (var (i, n) in ids.Select((i, n) => (i, n)))
        {
            var mentor = n % 2 == 0 ? rng.Next(3) > 0 : rng.Next(3) == 0;
            people.Add(new PairingCandidate
            {
                Id = mentor ? i + 1 : 100 + i,
                Name = $"Person {i}",
                Role = mentor ? ParticipantRole.Mentor : ParticipantRole.Mentee,
                Email = Email(i).ToUpperInvariant().Replace("EXAMPLE", "example", StringComparison.Ordinal),
                ManagerEmail = rng.NextDouble() < 0.5 ? Email(rng.Next(Staff)) : null,
                Department = ((char)('A' + rng.Next(3))).ToString(),
                Formats = SessionFormats.Virtual,
                Skills = [.. Enumerable.Range(0, rng.Next(0, 3)).Select(_ => new SkillLevel(rng.Next(1, 4), rng.Next(1, 6)))],
                Availability = [new WeeklySlot((DayOfWeek)rng.Next(0, 7), new TimeOnly(9, 0), new TimeOnly(9 + rng.Next(1, 4), 0))],
            });
        }

        return new PairingRound
        {
            Candidates = people,
            OrgChart = lines,
            MentorCapacity = rng.Next(1, 3),
            ProgramFormats = SessionFormats.Virtual,
            Settings = new MatchingSettings
            {
                SkillWeight = rng.Next(1, 11),
                AvailabilityWeight = rng.Next(0, 11),
                MinimumScorePercent = 0,
                PreferCrossDepartment = rng.Next(2) == 0,
                ReportingLineDepth = depth,
                SeparateDepartments = separate,
                Objective = objective,
            },
        };
    }
}
