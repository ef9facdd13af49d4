using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using static ReverseMentoring.Tests.Pairing.PairingTestKit;

namespace ReverseMentoring.Tests.Pairing;

public sealed class PairingRulesTests
{
    [Fact]
    public void Pairs_a_good_mentor_and_mentee()
    {
        var result = PairingEngine.Propose(Round(Mentor(1), Mentee(2)));

        Assert.Equal([(1, 2)], Pairs(result));
        Assert.Empty(result.Unmatched);
    }

    [Fact]
    public void Never_pairs_a_mentee_with_their_manager()
    {
        var result = PairingEngine.Propose(Round(Mentor(1), Mentee(2, manager: EmailOf(1))));

        Assert.Empty(result.Pairs);
        Assert.Contains(
            new UnmatchedPerson(2, ParticipantRole.Mentee, UnmatchedReason.NoOnePassesHardRules, "the program's org rules rule out 1 in their reporting line (within 2 levels)"),
            result.Unmatched);
    }

    [Fact]
    public void Never_pairs_a_mentor_with_their_own_manager()
    {
        var result = PairingEngine.Propose(Round(Mentor(1, manager: EmailOf(2)), Mentee(2)));

        Assert.Empty(result.Pairs);
    }

    [Fact]
    public void Never_pairs_a_mentor_with_their_managers_manager()
    {
        // 1 reports to team lead 9 (also enrolled), who reports to mentee 2.
        var teamLead = Mentee(9, manager: EmailOf(2), zone: "Asia/Tokyo", formats: SessionFormats.InPerson);
        var result = PairingEngine.Propose(Round(Mentor(1, manager: EmailOf(9)), Mentee(2), teamLead));

        Assert.DoesNotContain((1, 2), Pairs(result));
    }

    [Fact]
    public void Never_pairs_a_mentee_with_their_managers_manager()
    {
        var middle = Mentor(9, manager: EmailOf(1), zone: "Asia/Tokyo", formats: SessionFormats.InPerson);
        var result = PairingEngine.Propose(Round(Mentor(1), Mentee(2, manager: EmailOf(9)), middle));

        Assert.DoesNotContain((1, 2), Pairs(result));
    }

    [Fact]
    public void Pairs_colleagues_who_only_share_a_manager()
    {
        var result = PairingEngine.Propose(Round(Mentor(1, manager: "boss@example.com"), Mentee(2, manager: "boss@example.com")));

        Assert.Equal([(1, 2)], Pairs(result));
    }

    [Fact]
    public void Never_pairs_people_further_apart_than_the_time_zone_limit()
    {
        var round = Round(Mentor(1), Mentee(2, zone: "Asia/Kolkata"));

        var tooFar = PairingEngine.Propose(round with { Settings = new MatchingSettings { MaxTimeZoneGapHours = 5 } });
        var closeEnough = PairingEngine.Propose(round with { Settings = new MatchingSettings { MaxTimeZoneGapHours = 6 } });

        Assert.Empty(tooFar.Pairs);
        Assert.Equal([(1, 2)], Pairs(closeEnough));
    }

    [Fact]
    public void Never_pairs_people_without_a_format_both_accept_and_the_program_allows()
    {
        var round = Round(Mentor(1, formats: SessionFormats.InPerson | SessionFormats.Group), Mentee(2, formats: SessionFormats.InPerson | SessionFormats.Virtual));

        var inPersonAllowed = PairingEngine.Propose(round);
        var virtualOnly = PairingEngine.Propose(round with { ProgramFormats = SessionFormats.Virtual | SessionFormats.Group });

        Assert.Equal([(1, 2)], Pairs(inPersonAllowed));
        Assert.Empty(virtualOnly.Pairs);
    }

    [Fact]
    public void Never_proposes_a_banned_pair()
    {
        var result = PairingEngine.Propose(Round(Mentor(1), Mentor(3, level: 3), Mentee(2)) with { Bans = [new PairKey(1, 2)] });

        Assert.Equal([(3, 2)], Pairs(result));
    }

    [Fact]
    public void Never_proposes_a_declined_pair_again()
    {
        var result = PairingEngine.Propose(Round(Mentor(1), Mentee(2)) with { Declined = [new PairKey(1, 2)] });

        Assert.Empty(result.Pairs);
        Assert.Contains(new UnmatchedPerson(1, ParticipantRole.Mentor, UnmatchedReason.NoOnePassesHardRules), result.Unmatched);
    }

    [Fact]
    public void Never_proposes_a_pair_below_the_minimum_score()
    {
        var round = Round(Mentor(1), Mentee(2, slots: []));
        var percent = PairingEngine.Assess(round, 1, 2).Percent;

        var above = PairingEngine.Propose(round with { Settings = new MatchingSettings { MinimumScorePercent = percent } });
        var below = PairingEngine.Propose(round with { Settings = new MatchingSettings { MinimumScorePercent = percent + 1 } });

        Assert.Equal([(1, 2)], Pairs(above));
        Assert.Empty(below.Pairs);
        Assert.Contains(new UnmatchedPerson(2, ParticipantRole.Mentee, UnmatchedReason.BelowMinimumScore), below.Unmatched);
    }

    [Fact]
    public void Gives_a_mentor_no_more_mentees_than_the_program_capacity()
    {
        var round = Round(Mentor(1), Mentee(2), Mentee(3, level: 2), Mentee(4, level: 3)) with { MentorCapacity = 2 };

        var result = PairingEngine.Propose(round);

        Assert.Equal([(1, 2), (1, 3)], Pairs(result));
        Assert.Equal([new UnmatchedPerson(4, ParticipantRole.Mentee, UnmatchedReason.CapacityFull)], result.Unmatched);
    }

    [Fact]
    public void Keeps_pinned_pairs_even_when_the_best_set_would_differ()
    {
        var round = Round(Mentor(1, level: 5), Mentor(3, level: 3), Mentee(2), Mentee(4, slots: [])) with { Pins = [new PairKey(3, 2)] };

        var result = PairingEngine.Propose(round);

        Assert.Equal([(1, 4), (3, 2)], Pairs(result));
        Assert.True(result.Pairs.Single(p => p.MenteeId == 2).Pinned);
        Assert.StartsWith("pinned by HR", result.Pairs.Single(p => p.MenteeId == 2).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_a_pin_below_the_minimum_score()
    {
        var round = Round(Mentor(1), Mentee(2, slots: [])) with
        {
            Pins = [new PairKey(1, 2)],
            Settings = new MatchingSettings { MinimumScorePercent = 100 },
        };

        Assert.Equal([(1, 2)], Pairs(PairingEngine.Propose(round)));
    }

    [Fact]
    public void Does_not_keep_a_pin_inside_one_reporting_line_and_says_so()
    {
        var round = Round(Mentor(1), Mentee(2, manager: EmailOf(1))) with { Pins = [new PairKey(1, 2)] };

        var result = PairingEngine.Propose(round);

        Assert.Empty(result.Pairs);
        Assert.Contains(result.Warnings, w => w.Contains("reporting line", StringComparison.Ordinal));
    }

    [Fact]
    public void Earlier_accepted_pairs_keep_their_mentor_slots_and_mentees()
    {
        var round = Round(Mentor(1), Mentee(2), Mentee(3), Mentee(4, level: 2)) with { MentorCapacity = 2, Accepted = [new PairKey(1, 2)] };

        var result = PairingEngine.Propose(round);

        Assert.Equal([(1, 3)], Pairs(result));
        Assert.DoesNotContain(result.Unmatched, u => u.Id is 1 or 2);
        Assert.Equal([new UnmatchedPerson(4, ParticipantRole.Mentee, UnmatchedReason.CapacityFull)], result.Unmatched);
    }

    [Fact]
    public void Says_why_each_person_was_left_unmatched()
    {
        var round = Round(
            Mentor(1),
            Mentee(2),
            Mentee(3, level: 2),
            Mentee(4, manager: EmailOf(1)),
            Mentee(5, slots: [], level: 5)) with
        { Settings = new MatchingSettings { MinimumScorePercent = 70 } };

        var result = PairingEngine.Propose(round);

        Assert.Equal([(1, 2)], Pairs(result));
        Assert.Equal(
            ["3: every mentor who fits is already full", "4: no one passes the hard rules: the program's org rules rule out 1 in their reporting line (within 2 levels)", "5: below the minimum score"],
            result.Unmatched.Select(u => $"{u.Id}: {u.Explanation}"));
    }

    [Fact]
    public void A_mentor_left_over_is_not_called_full()
    {
        // Both mentors could take the one mentee; the better-fitting one gets them, and the other has a free place.
        var result = PairingEngine.Propose(Round(Mentor(1, level: 5), Mentor(3, level: 3), Mentee(2)));

        Assert.Equal([(1, 2)], Pairs(result));
        var left = Assert.Single(result.Unmatched);
        Assert.Equal((3, ParticipantRole.Mentor, UnmatchedReason.CapacityFull), (left.Id, left.Role, left.Reason));
        Assert.Equal("every mentee they could take went to a better-fitting mentor", left.Explanation);
        Assert.DoesNotContain("full", left.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_a_pair_score_as_a_percentage_with_reasons()
    {
        var mentor = Mentor(1, interests: ["Cycling", "Jazz"]);
        var mentee = Mentee(2, zone: "Europe/Berlin", slots: [new WeeklySlot(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(13, 30))], interests: [" jazz "]);

        var pair = PairingEngine.Propose(Round(mentor, mentee)).Pairs.Single();

        // skill 7/8 of 1000 × 5, 3 h overlap 1000 × 3, 1 h apart 11/12 of 1000 × 2, virtual of two formats 500 × 2, one of three interests 333 × 1
        Assert.Equal((875 * 5) + (1000 * 3) + (916 * 2) + (500 * 2) + 333, pair.Score);
        Assert.Equal(81, pair.Percent);
        Assert.Equal("teaches AI tools 4/5, wanted at 1/5; 3 h/week overlap; 1 h apart; both accept virtual; shared interests: Jazz", pair.Explanation);
    }

    [Fact]
    public void Rewards_different_departments_when_the_program_prefers_them()
    {
        var round = Round(Mentor(1, department: "Finance"), Mentor(3, department: "Sales"), Mentee(2, department: "Finance")) with
        {
            Settings = new MatchingSettings { PreferCrossDepartment = true },
        };

        var result = PairingEngine.Propose(round);

        Assert.Equal([(3, 2)], Pairs(result));
        Assert.EndsWith("different departments", result.Pairs.Single().Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_a_better_set_than_first_fit()
    {
        // First fit gives mentee 2 mentor 1, the only mentor mentee 4 may have.
        var round = Round(Mentor(1), Mentor(3), Mentee(2), Mentee(4)) with { Bans = [new PairKey(3, 4)] };

        var best = PairingEngine.Propose(round);
        var greedy = PairingEngine.FirstFit(round);

        Assert.Equal([(1, 2)], Pairs(greedy));
        Assert.Equal([(1, 4), (3, 2)], Pairs(best));
        Assert.True(best.TotalScore > greedy.TotalScore);
    }

    [Fact]
    public void Matches_more_people_when_the_program_asks_for_it_even_at_a_lower_total()
    {
        var round = Round(
            Mentor(1) with { Skills = [new SkillLevel(AiTools, 5), new SkillLevel(DataSkill, 3)] },
            Mentor(3, level: 1),
            Mentee(2, level: 2),
            Mentee(4) with { Skills = [new SkillLevel(DataSkill, 4)] }) with
        {
            Bans = [new PairKey(3, 4)],
        };
        var skillsOnly = new MatchingSettings { SkillWeight = 10, AvailabilityWeight = 0, TimeZoneWeight = 0, FormatWeight = 0, InterestWeight = 0 };

        var byScore = PairingEngine.Propose(round with { Settings = skillsOnly });
        skillsOnly.Objective = MatchingObjective.MostPeopleMatched;
        var byPeople = PairingEngine.Propose(round with { Settings = skillsOnly });

        Assert.Equal([(1, 2)], Pairs(byScore));
        Assert.Equal(8750, byScore.TotalScore);
        Assert.Equal([(1, 4), (3, 2)], Pairs(byPeople));
        Assert.Equal(7500, byPeople.TotalScore);
    }

    [Fact]
    public void Gives_the_same_answer_for_the_same_input()
    {
        var people = Enumerable.Range(1, 12).Select(i => i % 2 == 0 ? Mentee(i, level: i % 3 + 1) : Mentor(i, level: i % 3 + 3)).ToArray();

        var first = PairingEngine.Propose(Round(people));
        var second = PairingEngine.Propose(Round(people));

        Assert.Equal(first.Pairs.Select(p => (p.MentorId, p.MenteeId, p.Score)), second.Pairs.Select(p => (p.MentorId, p.MenteeId, p.Score)));
    }
}
