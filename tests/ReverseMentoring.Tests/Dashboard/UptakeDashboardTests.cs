using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>Each figure of the dashboard against the answers worked out by hand from <see cref="DashboardWorld"/>.</summary>
public sealed class UptakeDashboardTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private async Task<UptakeDashboard.Result> AsHrAsync(int? programId = null, string? department = null, string? jobLevel = null)
    {
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);
        return await app.SendAsync(
            new UptakeDashboard.Query { ProgramId = programId, Department = department, JobLevel = jobLevel, From = DashboardApp.From, To = DashboardApp.To },
            AppFactory.PrincipalFor(hr, Roles.HrCoordinator));
    }

    private static int[] Stages(UptakeDashboard.FunnelRow row) =>
        [row.Invited?.Value ?? -1, row.Enrolled.Value, row.Approved.Value, row.Paired.Value, row.Accepted.Value, row.Active.Value, row.Completed.Value];

    [Fact]
    public async Task The_funnel_counts_people_at_each_stage_by_role()
    {
        var result = await AsHrAsync();

        // Mentors: invited 8 (Digital) + 2 (AI) = 10; enrolled M1–M6 + BM1–BM2 = 8, all approved; paired M1–M6 + BM1 = 7;
        // accepted M1–M5 + BM1 = 6; active (accepted now, a held session in the period): M1, M2, M5, BM1 = 4 (M3's pair
        // never met, M4's ended); completed: M4 = 1.
        Assert.Equal([10, 8, 8, 7, 6, 4, 1], Stages(result.Funnel.Single(f => f.Role == ParticipantRole.Mentor)));

        // Mentees: invited 9; enrolled S1–S7 + BS1–BS2 = 9; approved 9 − S7 = 8; paired S1–S6 + BS1 = 7; accepted
        // S1–S5 + BS1 = 6; active S1, S2, S5, BS1 = 4; completed S4 = 1.
        Assert.Equal([9, 9, 8, 7, 6, 4, 1], Stages(result.Funnel.Single(f => f.Role == ParticipantRole.Mentee)));
        Assert.True(result.ExactCounts);
    }

    [Fact]
    public async Task Match_rate_median_days_to_match_and_active_pairs()
    {
        var result = await AsHrAsync();

        // Approved mentees 8; with an accepted or ended pair: S1–S5 and BS1 = 6; 6 / 8 = 75%.
        Assert.Equal(75, result.MatchRate.Value);
        Assert.Equal("75%", result.MatchRate.ToString());

        // Days from approval to acceptance: P1 10, P2 12, P3 14, P4 20, P5 30, Q1 9 → sorted 9 10 12 14 20 30; the
        // middle two are 12 and 14, so the median is 13.
        Assert.Equal(13, result.MedianDaysToMatch.Value);
        Assert.Equal("13 days", result.MedianDaysToMatch.ToString());

        // Accepted now with a held session in the period: P1, P2, P5, Q1 (P3 never met; P4 ended).
        Assert.Equal(4, result.ActivePairs.Value);
    }

    [Fact]
    public async Task Sessions_held_are_counted_by_iso_week_of_the_period()
    {
        var result = await AsHrAsync();

        // 13 ISO weeks, 2 March (W10) to 25 May (W22). Held sessions per week:
        // W10 P1 P4 | W11 P2 Q1 | W12 P1 P4 P5 | W13 Q1 | W14 P1 P4 P5 | W15 P2 Q1 | W16 P1 P4 P5 | W17 Q1 |
        // W18 P1 P4 P5 | W19 Q1 | W20 P1 P5 | W21 Q1 | W22 P1 P5. Cancelled, missed, scheduled and June sessions do not count.
        Assert.Equal(Enumerable.Range(0, 13).Select(w => DashboardApp.From.AddDays(7 * w)), result.SessionsPerWeek.Select(w => w.Monday));
        Assert.Equal([2, 2, 3, 1, 3, 2, 3, 1, 3, 1, 2, 1, 2], result.SessionsPerWeek.Select(w => w.Held.Value));
        Assert.Equal("2026-W10", result.SessionsPerWeek[0].IsoWeek);
        Assert.Equal("2026-W22", result.SessionsPerWeek[^1].IsoWeek);

        // 7 (P1) + 2 (P2) + 5 (P4) + 6 (P5) + 6 (Q1).
        Assert.Equal(26, result.SessionsHeld.Value);
    }

    [Fact]
    public async Task Cadence_adherence_compares_held_sessions_with_the_days_each_pair_was_active()
    {
        var result = await AsHrAsync();

        // Period 2 Mar – 31 May (the end is 1 June, exclusive). Expected = active days / cadence, rounded down, at least 1:
        // P1 91 days / 14 = 6, held 7: meets. P2 91 / 14 = 6, held 2: no. P3 6, held 0: no.
        // P4 2 Mar – 30 Apr = 59 / 14 = 4, held 5: meets. P5 3 Mar – 1 Jun = 90 / 14 = 6, held 6: meets.
        // Q1 10 Mar – 1 Jun = 83 / 7 = 11, held 6: no. So 3 of 6 pairs = 50%.
        Assert.Equal((6, 3), (result.Cadence.Pairs.Value, result.Cadence.Meeting.Value));
        Assert.Equal("50%", result.Cadence.Percent.ToString());
    }

    [Fact]
    public async Task Average_rating_overall_and_by_month_hides_months_rated_by_fewer_than_five_people()
    {
        var result = await AsHrAsync();

        // March 4+5+3+2+4+5 = 23 over 6; April 5+3+1 = 9 over 3; May 4+3+4+2+3+5 = 21 over 6; the June rating is outside.
        // Overall (23 + 9 + 21) / 15 = 3.533; people rating: M1 S1 M2 S2 S4 M5 S5 BM1 BS1 = 9.
        Assert.Equal(53.0 / 15, result.AverageRating.Value!.Value, 6);
        Assert.Equal("3.53", result.AverageRating.ToString());
        Assert.Equal((9, 15), (result.Raters.Value, result.Ratings));
        Assert.Equal(["Mar 2026", "Apr 2026", "May 2026"], result.RatingByMonth.Select(m => m.Label));
        Assert.Equal(["3.83", "fewer than 5", "3.50"], result.RatingByMonth.Select(m => m.Average.ToString()));
        Assert.Null(result.RatingByMonth[1].Average.Shown);
        Assert.Equal([6, 3, 6], result.RatingByMonth.Select(m => m.Raters.Value));
    }

    [Fact]
    public async Task Skills_moved_average_the_start_and_end_ratings_of_people_who_gave_both()
    {
        var result = await AsHrAsync();

        // AI tools: S1 2→4, S2 1→3, S3 2→2, S4 3→5, S5 1→4: before 9/5 = 1.80, after 18/5 = 3.60. M1 rated only at the
        // start and BS1's end rating is after the period, so neither counts. Social media: S1 2→3, S2 3→4: two people, and HR
        // sees their exact averages, before 5/2 = 2.50, after 7/2 = 3.50 (leadership does not).
        var ai = result.Skills.Single(s => s.Skill == "AI tools");
        Assert.Equal((5, "1.80", "3.60"), (ai.People.Value, ai.Before.ToString(), ai.After.ToString()));
        var social = result.Skills.Single(s => s.Skill == "Social media");
        Assert.Equal((2, "2.50", "3.50"), (social.People.Value, social.Before.ToString(), social.After.ToString()));
    }

    [Fact]
    public async Task Pairs_at_risk_are_counted_by_reason()
    {
        var result = await AsHrAsync();

        // Today is 15 June, noon. Quiet (no held session for longer than the cadence plus 7 days, nothing scheduled in
        // the next 7): P2 (last 7 Apr, 69 days > 14 + 7) and Q1 (20 May, 26 days > 7 + 7) = 2. P3 has not met since
        // 15 Feb (120 days > 21) but its session on 20 June is within the next 7 days, so it is not quiet (the old
        // definition, without the grace week and the look ahead, counted it: 3). P1 (10 Jun) and P5 (9 Jun) are fine.
        // Missing sessions (2 of the last 3 past sessions missed or cancelled): none; P3 has 1 of 1 cancelled, Q1 1 of 3
        // missed (27 May missed, 20 and 6 May held). Last three ratings below 3: P2 (1, 2, 3 → 2) and Q1 (2, 3 → 2.5)
        // = 2; P1 (1, 5, 4 → 3.33) is not. "Have you met yet?" unanswered over 7 days: P3 = 1 (P5's was sent 3 days ago,
        // P2's was answered). Any reason: P2, P3, Q1 = 3.
        Assert.Equal(
            (2, 0, 2, 1, 3),
            (result.AtRisk.Of(PairFlagKind.Quiet).Value, result.AtRisk.Of(PairFlagKind.MissingSessions).Value, result.AtRisk.Of(PairFlagKind.LowRating).Value,
                result.AtRisk.Of(PairFlagKind.HaveYouMetUnanswered).Value, result.AtRisk.Any.Value));
    }

    [Fact]
    public async Task Programs_are_compared_side_by_side()
    {
        var result = await AsHrAsync();

        Assert.Equal(["AI for leaders", "Digital fluency"], result.Programs.Select(p => p.Name));
        var ai = result.Programs[0];
        var digital = result.Programs[1];

        // Digital: 13 enrolled, 12 approved, 10 people in accepted pairs (P1–P5), 3 active pairs (P1 P2 P5), 20 sessions
        // (7 + 2 + 5 + 6), match 5/6 = 83%, cadence 3/5 = 60%, rating (23 + 9 + 4+3+4+5) / 13 = 48/13 = 3.69 by 7 people.
        Assert.Equal((13, 12, 10, 3, 20), (digital.Enrolled.Value, digital.Approved.Value, digital.InAcceptedPairs.Value, digital.ActivePairs.Value, digital.SessionsHeld.Value));
        Assert.Equal(("83%", "60%", "3.69"), (digital.MatchRate.ToString(), digital.CadenceAdherence.ToString(), digital.AverageRating.ToString()));

        // AI: 4 enrolled and approved, 2 in the accepted pair, 1 active pair, 6 sessions; the rates rest on fewer than
        // five people (2 approved mentees, 1 pair, 2 raters), so they are hidden even from HR.
        Assert.Equal((4, 4, 2, 1, 6), (ai.Enrolled.Value, ai.Approved.Value, ai.InAcceptedPairs.Value, ai.ActivePairs.Value, ai.SessionsHeld.Value));
        Assert.True(ai.MatchRate.Hidden && ai.CadenceAdherence.Hidden && ai.AverageRating.Hidden);
    }

    [Fact]
    public async Task Filtering_to_one_program_changes_every_figure()
    {
        var result = await AsHrAsync(programId: app.World.Digital.Id);

        Assert.Equal("Digital fluency", result.ProgramName);
        Assert.Equal([8, 6, 6, 6, 5, 3, 1], Stages(result.Funnel.Single(f => f.Role == ParticipantRole.Mentor)));
        Assert.Equal([9, 7, 6, 6, 5, 3, 1], Stages(result.Funnel.Single(f => f.Role == ParticipantRole.Mentee)));

        // 5 of 6 approved mentees; days 10 12 14 20 30 → 14.
        Assert.Equal(("83%", "14 days", 3), (result.MatchRate.ToString(), result.MedianDaysToMatch.ToString(), result.ActivePairs.Value));

        // Q1's sessions (W11 W13 W15 W17 W19 W21) drop out.
        Assert.Equal([2, 1, 3, 0, 3, 1, 3, 0, 3, 0, 2, 0, 2], result.SessionsPerWeek.Select(w => w.Held.Value));
        Assert.Equal("60%", result.Cadence.Percent.ToString());

        // 48 / 13; May is now rated by four people (S1 M1 S5 M5), so hidden.
        Assert.Equal(("3.69", 7), (result.AverageRating.ToString(), result.Raters.Value));
        Assert.Equal(["3.83", "fewer than 5", "fewer than 5"], result.RatingByMonth.Select(m => m.Average.ToString()));

        // P2 and P3 only: P2 quiet and rated low, P3 with "have you met yet?" unanswered. P3 is not quiet, having a
        // session on 20 June, within the next 7 days (the old definition counted it: 2 quiet pairs).
        Assert.Equal(
            (1, 0, 1, 1, 2),
            (result.AtRisk.Of(PairFlagKind.Quiet).Value, result.AtRisk.Of(PairFlagKind.MissingSessions).Value, result.AtRisk.Of(PairFlagKind.LowRating).Value,
                result.AtRisk.Of(PairFlagKind.HaveYouMetUnanswered).Value, result.AtRisk.Any.Value));
        Assert.Equal(["Digital fluency"], result.Programs.Select(p => p.Name));
    }

    [Fact]
    public async Task Filtering_to_a_department_counts_people_by_their_own_enrolment_and_pairs_when_either_side_matches()
    {
        var result = await AsHrAsync(department: "Finance");

        // Finance: M6, S5, S6. Invitations have no department, so that stage is not available.
        var mentors = result.Funnel.Single(f => f.Role == ParticipantRole.Mentor);
        var mentees = result.Funnel.Single(f => f.Role == ParticipantRole.Mentee);
        Assert.Null(mentors.Invited);
        Assert.Equal([-1, 1, 1, 1, 0, 0, 0], Stages(mentors));
        Assert.Equal([-1, 2, 2, 2, 1, 1, 0], Stages(mentees));

        // Pairs with a Finance side: P5 (S5) and P6 (M6, S6). P5 is the one active pair, with 6 sessions held in W12,
        // W14, W16, W18, W20 and W22, and meets its cadence; match rate 1/2, median over one pair and the rating by two
        // people are hidden.
        Assert.Equal(1, result.ActivePairs.Value);
        Assert.Equal([0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], result.SessionsPerWeek.Select(w => w.Held.Value));
        Assert.Equal((1, 1), (result.Cadence.Pairs.Value, result.Cadence.Meeting.Value));
        Assert.True(result.MatchRate.Hidden && result.MedianDaysToMatch.Hidden && result.Cadence.Percent.Hidden && result.AverageRating.Hidden);
        Assert.Equal(2, result.Raters.Value);

        // Only S5 rated a skill at both ends: one person.
        Assert.Equal(1, result.Skills.Single().People.Value);
        Assert.Equal(0, result.AtRisk.Any.Value);

        var directors = await AsHrAsync(jobLevel: "Director");
        Assert.Equal(0, directors.Funnel.Single(f => f.Role == ParticipantRole.Mentor).Enrolled.Value);
        Assert.Equal(9, directors.Funnel.Single(f => f.Role == ParticipantRole.Mentee).Enrolled.Value);
    }

    [Fact]
    public async Task Leadership_sees_fewer_than_5_for_a_department_of_three_where_hr_sees_the_numbers()
    {
        var leader = await app.CreateUserAsync(Roles.Leadership);
        var query = new UptakeDashboard.Query { Department = "Finance", From = DashboardApp.From, To = DashboardApp.To };

        var seen = await app.SendAsync(query, AppFactory.PrincipalFor(leader, Roles.Leadership));

        Assert.False(seen.ExactCounts);
        var mentees = seen.Funnel.Single(f => f.Role == ParticipantRole.Mentee);
        Assert.True(mentees.Enrolled.Hidden);
        Assert.Equal(0, mentees.Enrolled.Value);
        Assert.Null(mentees.Enrolled.Shown);
        Assert.Equal("fewer than 5", mentees.Enrolled.ToString());
        Assert.Equal("0", mentees.Completed.ToString());
        Assert.Equal("fewer than 5", seen.ActivePairs.ToString());
        Assert.Equal("fewer than 5", seen.Raters.ToString());

        var hr = await AsHrAsync(department: "Finance");
        Assert.Equal("2", hr.Funnel.Single(f => f.Role == ParticipantRole.Mentee).Enrolled.ToString());
        Assert.Equal("1", hr.ActivePairs.ToString());
    }

    [Fact]
    public async Task Without_dates_the_period_is_the_last_26_weeks()
    {
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);

        var result = await app.SendAsync(new UptakeDashboard.Query(), AppFactory.PrincipalFor(hr, Roles.HrCoordinator));

        // Today is 15 June 2026: 182 days ending today start on 16 December 2025.
        Assert.Equal(new UptakeDashboard.Period(new DateOnly(2025, 12, 16), new DateOnly(2026, 6, 15)), result.Period);

        // All 26 held sessions of the hand-built world and the two in June (P1 10 Jun, P5 9 Jun) fall inside.
        Assert.Equal(28, result.SessionsHeld.Value);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    public async Task Participants_cannot_read_the_dashboard_figures(string role)
    {
        var user = await app.CreateUserAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new UptakeDashboard.Query(), AppFactory.PrincipalFor(user, role)));
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(
            new UptakeDashboard.Query { From = new DateOnly(2026, 5, 1), To = new DateOnly(2026, 4, 1) },
            AppFactory.PrincipalFor(hr, Roles.HrCoordinator)));

        Assert.Contains(refused.Failures, f => f.PropertyName == nameof(UptakeDashboard.Query.To) && f.ErrorMessage.StartsWith("The period must end", StringComparison.Ordinal));
    }
}
