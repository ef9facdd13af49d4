using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// The executive summary over the hand-built world (<see cref="DashboardWorld"/>), worked out by hand below. The program
/// is "Digital fluency"; the period 1 April to 31 May 2026 (61 days), so the previous period is the 61 days before,
/// 30 January to 31 March.
/// </summary>
public sealed class ExecutiveSummaryTests(SummaryApp app) : IClassFixture<SummaryApp>
{
    private static readonly DateOnly From = new(2026, 4, 1);
    private static readonly DateOnly To = new(2026, 5, 31);

    private async Task<ExecutiveSummary> SummaryAsync(string role)
    {
        var viewer = await app.PersonAsync(role);
        var result = await app.SendAsync(new UptakeDashboard.Query { ProgramId = app.World.Digital.Id, From = From, To = To }, viewer.As);
        return result.Summary!;
    }

    [Fact]
    public async Task Hr_sees_each_figure_with_its_change_since_the_previous_period()
    {
        var summary = await SummaryAsync(Roles.HrCoordinator);

        Assert.Equal(new DateOnly(2026, 1, 30), summary.Periods.Previous.From);
        Assert.Equal(new DateOnly(2026, 3, 31), summary.Periods.Previous.To);

        // Participants: approved enrolments, M1–M6 and S1–S6 (S7 is pending), all enrolled in January: 12 in both periods.
        var participants = summary[ExecutiveSummary.Participants];
        Assert.Equal(12, participants.Number);
        Assert.Equal(0, participants.Difference);
        Assert.Contains("the same as the 61 days before", participants.Sentence, StringComparison.Ordinal);

        // Active pairs: accepted pairs with a held session in the period. Now: P1, P2 (7 Apr) and P5; P4 ended, P3 held none.
        // Before: P1, P2 (10 Mar) and P5 again: 3 and 3.
        Assert.Equal(3, summary[ExecutiveSummary.ActivePairs].Number);
        Assert.Equal(0, summary[ExecutiveSummary.ActivePairs].Difference);

        // Sessions held now: P1 2, 16, 30 Apr, 14, 28 May (5) + P2 7 Apr (1) + P4 1, 15, 29 Apr (3) + P5 14, 28 Apr, 12, 26 May (4) = 13.
        // Before: P1 5, 19 Mar (2) + P2 10 Mar (1) + P4 4, 18 Mar (2) + P5 17, 31 Mar (2) = 7; P3's 12 Mar was cancelled. 13 - 7 = +6.
        var sessions = summary[ExecutiveSummary.SessionsHeld];
        Assert.Equal(13, sessions.Number);
        Assert.Equal(6, sessions.Difference);
        Assert.Equal("13 sessions held, 6 more than the 61 days before: pairs are meeting more often.", sessions.Sentence);

        // Every session lasts 60 minutes: 13 hours against 7.
        Assert.Equal(13, summary[ExecutiveSummary.Hours].Number);
        Assert.Equal(6, summary[ExecutiveSummary.Hours].Difference);

        // Ratings now: April M1 5, S4 3, S2 1; May S1 4, S5 3, M5 4, M1 5 = 25 over 7 ratings by 6 people: 3.571...
        // Before (March): 4 + 5 + 3 + 2 + 4 + 5 = 23 over 6 ratings by 6 people: 3.833... Change: 3.571 - 3.833 = -0.26.
        var rating = summary[ExecutiveSummary.AverageRating];
        Assert.Equal(25.0 / 7, rating.Number!.Value, 9);
        Assert.Equal(-0.26, rating.Difference);
        Assert.Equal("3.57 of 5", rating.Value);
        Assert.Contains("0.26 lower than the 61 days before", rating.Sentence, StringComparison.Ordinal);

        // Skills moved: mentees' end minus start, per person and skill, end ratings on 30 April: AI tools S1 4-2 = 2, S2 3-1 = 2,
        // S3 2-2 = 0, S4 5-3 = 2, S5 4-1 = 3; social media S1 3-2 = 1, S2 4-3 = 1. Sorted 0 1 1 2 2 2 3: the median is 2 (the
        // mean would be 11/7 = 1.6), over 5 people. None before 30 January to 31 March, so no change.
        var skills = summary[ExecutiveSummary.SkillsMoved];
        Assert.Equal(2, skills.Number);
        Assert.Equal("+2.0 points", skills.Value);
        Assert.Null(skills.Difference);
        Assert.Equal("no earlier figure", skills.Change);

        // Pairs at risk rest on the 4 accepted pairs (P1, P2, P3, P5): fewer than 5, hidden even for HR.
        Assert.True(summary[ExecutiveSummary.AtRisk].Hidden);
        Assert.Null(summary[ExecutiveSummary.AtRisk].Number);
    }

    [Fact]
    public async Task Leadership_sees_rounded_figures_and_no_figure_or_change_resting_on_fewer_than_5()
    {
        var summary = await SummaryAsync(Roles.Leadership);

        // Whole months already: April and May against February and March.
        Assert.Equal(new DateOnly(2026, 2, 1), summary.Periods.Previous.From);
        Assert.False(summary.SmallGroup);

        // 3 active pairs: fewer than 5.
        Assert.True(summary[ExecutiveSummary.ActivePairs].Hidden);

        // Sessions 13 (rounded 15) against 7 (rounded 5; February held none): the exact change, 6, is 5 or more, so it shows, as
        // the difference of what is shown: +10.
        var sessions = summary[ExecutiveSummary.SessionsHeld];
        Assert.Equal(15, sessions.Number);
        Assert.Equal(10, sessions.Difference);

        // The average rating rests on 7 ratings: leadership needs 10.
        Assert.True(summary[ExecutiveSummary.AverageRating].Hidden);
        Assert.Equal(Count.HiddenText, summary[ExecutiveSummary.AverageRating].Value);
    }

    [Fact]
    public async Task Without_dates_the_summary_compares_the_last_30_days_with_the_30_before_and_says_so()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync("/Dashboard");

        // Today is 15 June 2026: 17 May to 15 June, against 17 April to 16 May.
        Assert.Contains("No dates are chosen, so the summary covers the last 30 days (17 May 2026 to 15 Jun 2026), compared with the 30 days before (17 Apr 2026 to 16 May 2026).", html, StringComparison.Ordinal);
        Assert.Contains("data-summary=\"sessions\"", html, StringComparison.Ordinal);
        Assert.Contains("data-print", html, StringComparison.Ordinal);
        Assert.Contains("Print or save as PDF", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_program_report_opens_with_the_summary()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{app.World.Digital.Id}/Report?From=2026-04-01&To=2026-05-31");

        Assert.Contains("13 sessions held, 6 more than the 61 days before: pairs are meeting more often.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_median_is_the_middle_value_or_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, UptakeDashboard.Median([4, 1, 3, 2]));
        Assert.Equal(3, UptakeDashboard.Median([5, 3, 1]));
        Assert.Null(UptakeDashboard.Median([]));
    }
}
