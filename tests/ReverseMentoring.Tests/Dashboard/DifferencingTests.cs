using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// One program in November 2026, on a clock fixed at 15 December 2026: ten Sales pairs whose twenty people each rate a
/// session between 22 and 27 November (five 5s and fifteen 4s: 85 / 20 = 4.25); one of them rates again on 28 November
/// with a 1 (86 / 21 = 4.10); a Legal pair (both sides in Legal) with one rating on 10 November; and a single rating on
/// 15 October. Every person is enrolled on 1 September.
/// </summary>
public sealed class DifferencingApp : AppFactory, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 12, 15, 12, 0, 0, TimeSpan.Zero);

    public int ProgramId { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(new TestClock(Now));
            foreach (var job in services.Where(s => s.ServiceType == typeof(IHostedService)
                         && (s.ImplementationType ?? s.ImplementationInstance?.GetType())?.Assembly == typeof(Program).Assembly).ToList())
            {
                services.Remove(job);
            }
        });
    }

    private static DateTime At(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    public async Task InitializeAsync()
    {
        var program = await this.ProgramAsync(ProgramStatus.Running, formats: SessionFormats.Virtual, name: "Autumn cohort",
            startsOn: new DateOnly(2026, 9, 15), endsOn: new DateOnly(2027, 3, 15), change: p => p.CreatedAtUtc = At(8, 1));
        ProgramId = program.Id;

        async Task<TestPair> PairUpAsync(string key, string department)
        {
            async Task<Person> EnrolAsync(string who, ParticipantRole role)
            {
                var person = await this.PersonAsync(role, $"Person {key}-{who}");
                await this.EnrolAsync(program, person, role, department: department, formats: SessionFormats.Virtual,
                    jobLevel: role == ParticipantRole.Mentor ? "Junior" : "Director",
                    enrolledAtUtc: At(9, 1), decidedAtUtc: At(9, 2));
                return person;
            }

            var mentor = await EnrolAsync("mentor", ParticipantRole.Mentor);
            var mentee = await EnrolAsync("mentee", ParticipantRole.Mentee);
            return await this.PairAsync(program, mentor: mentor, mentee: mentee, proposedAtUtc: At(9, 10), acceptedAtUtc: At(9, 12));
        }

        var pairs = new List<TestPair>();
        for (var i = 0; i < 10; i++)
        {
            pairs.Add(await PairUpAsync($"sales{i}", "Sales"));
        }

        pairs.Add(await PairUpAsync("legal", "Legal"));

        async Task RateAsync(TestPair pair, ParticipantRole side, DateTime at, int rating)
        {
            var session = await this.SessionAsync(pair, SessionStatus.Held, at, scheduledBy: pair.Side(side));
            await this.FeedbackAsync(pair, session, side, rating, atUtc: at.AddHours(1));
        }

        // 22–27 November: each of the twenty Sales people once, the first five a 5, the others a 4.
        var sales = pairs.Take(10).SelectMany(p => new[] { (Pair: p, Side: ParticipantRole.Mentor), (Pair: p, Side: ParticipantRole.Mentee) }).ToList();
        for (var i = 0; i < sales.Count; i++)
        {
            await RateAsync(sales[i].Pair, sales[i].Side, At(11, 22 + (i % 6)), i < 5 ? 5 : 4);
        }

        // 28 November: the one rating that the attack tries to find.
        await RateAsync(sales[0].Pair, sales[0].Side, At(11, 28), 1);

        // 10 November: the Legal pair's only rating. 15 October: a month with a single rating.
        await RateAsync(pairs[10], ParticipantRole.Mentor, At(11, 10), 3);
        await RateAsync(sales[1].Pair, sales[1].Side, At(10, 15), 2);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// Leadership cannot work out one person's rating by comparing two figures: two periods a day apart, a period with
/// and without a month of one rating, a department with and without the others. HR still sees every figure exactly.
/// </summary>
public sealed partial class DifferencingTests(DifferencingApp app) : IClassFixture<DifferencingApp>
{
    private async Task<UptakeDashboard.Result> AsAsync(string role, DateOnly from, DateOnly to, string? department = null) =>
        await app.SendAsync(new UptakeDashboard.Query { ProgramId = app.ProgramId, Department = department, From = from, To = to }, (await app.PersonAsync(role)).As);

    private static readonly DateOnly Nov22 = new(2026, 11, 22);
    private static readonly DateOnly Nov27 = new(2026, 11, 27);
    private static readonly DateOnly Nov28 = new(2026, 11, 28);

    [Fact]
    public async Task Two_periods_a_day_apart_do_not_give_leadership_the_rating_of_the_day_between()
    {
        // HR sees the two figures that would give the rating away: 21 ratings averaging 4.10 and 20 averaging 4.25.
        var hrWeek = await AsAsync(Roles.HrCoordinator, Nov22, Nov28);
        var hrSixDays = await AsAsync(Roles.HrCoordinator, Nov22, Nov27);
        Assert.Equal((21, "4.10"), (hrWeek.Ratings, hrWeek.AverageRating.ToString()));
        Assert.Equal((20, "4.25"), (hrSixDays.Ratings, hrSixDays.AverageRating.ToString()));

        var week = await AsAsync(Roles.Leadership, Nov22, Nov28);
        var sixDays = await AsAsync(Roles.Leadership, Nov22, Nov27);

        // Either one of the two is not shown, or leadership sees the same thing both times.
        var oneHidden = week.AverageRating.Hidden || sixDays.AverageRating.Hidden;
        Assert.True(oneHidden || (week.AverageRating.ToString() == sixDays.AverageRating.ToString() && week.Raters == sixDays.Raters),
            $"Leadership sees {week.AverageRating} from {week.Raters} people, then {sixDays.AverageRating} from {sixDays.Raters}.");
        Assert.Equal(FigureTables.Of(week).Select(Cells), FigureTables.Of(sixDays).Select(Cells));
    }

    [Fact]
    public async Task A_month_holding_a_single_rating_hides_the_average_of_any_period_that_includes_it_from_leadership()
    {
        var november = await AsAsync(Roles.Leadership, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        var octoberToNovember = await AsAsync(Roles.Leadership, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30));

        // November: 22 ratings by 21 people, shown to one decimal. October adds one rating, which the difference would give away.
        Assert.False(november.AverageRating.Hidden);
        Assert.Matches(@"^\d\.\d$", november.AverageRating.ToString());
        Assert.True(octoberToNovember.AverageRating.Hidden);
        Assert.True(octoberToNovember.RatingByMonth.Single(m => m.Month == 10).Average.Hidden);

        var hr = await AsAsync(Roles.HrCoordinator, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30));
        Assert.False(hr.AverageRating.Hidden);
        Assert.Equal(23, hr.Ratings);
    }

    [Fact]
    public async Task A_department_whose_figures_differ_from_everyones_by_fewer_than_five_is_hidden_from_leadership()
    {
        var from = new DateOnly(2026, 11, 1);
        var to = new DateOnly(2026, 11, 30);
        var everyone = await AsAsync(Roles.Leadership, from, to);
        var sales = await AsAsync(Roles.Leadership, from, to, "Sales");

        // Everyone: 22 ratings by 21 people. Sales: 21 by 20. Subtracting would give the Legal pair's one rating.
        Assert.False(everyone.AverageRating.Hidden);
        Assert.True(sales.AverageRating.Hidden);
        Assert.True(sales.Raters.Hidden);

        // Likewise the mentors enrolled: 11 in all, shown rounded to 10, and 10 in Sales, which would give away the Legal one.
        Assert.Equal("10", everyone.Funnel.Single(f => f.Role == ParticipantRole.Mentor).Enrolled.ToString());
        Assert.True(sales.Funnel.Single(f => f.Role == ParticipantRole.Mentor).Enrolled.Hidden);

        var hr = await AsAsync(Roles.HrCoordinator, from, to, "Sales");
        Assert.Equal((21, 20, "4.10"), (hr.Ratings, hr.Raters.Value, hr.AverageRating.ToString()));
        Assert.Equal(10, hr.Funnel.Single(f => f.Role == ParticipantRole.Mentor).Enrolled.Value);
    }

    [Fact]
    public async Task Leadership_figures_are_worked_out_once_per_set_of_exact_figures_and_again_with_a_wider_group_that_moved()
    {
        var from = new DateOnly(2026, 11, 1);
        var to = new DateOnly(2026, 11, 30);
        var sales = await AsAsync(Roles.HrCoordinator, from, to, "Sales");
        var everyone = await AsAsync(Roles.HrCoordinator, from, to);

        // Sales against everyone: the Legal pair's one rating is the difference, so the average is hidden.
        var first = LeadershipFigures.ReusedOf(sales, [everyone]);
        Assert.True(first.AverageRating.Hidden);
        Assert.Same(first, LeadershipFigures.ReusedOf(sales, [everyone]));

        // The wider group worked out again (a write moved it) is a new result: here the same figures as Sales, which leave
        // nothing to subtract, so the view worked out with it shows the average.
        var moved = sales with { };
        var again = LeadershipFigures.ReusedOf(sales, [moved]);
        Assert.NotSame(first, again);
        Assert.False(again.AverageRating.Hidden);
        Assert.Equal(LeadershipFigures.Of(sales, [moved]).AverageRating.ToString(), again.AverageRating.ToString());
        Assert.True(LeadershipFigures.ReusedOf(sales, [everyone]).AverageRating.Hidden);
    }

    [Fact]
    public async Task Every_count_leadership_sees_is_0_fewer_than_5_or_a_multiple_of_5()
    {
        var client = await app.SignedInClientAsync(Roles.Leadership);
        var queries = new[] { $"ProgramId={app.ProgramId}", "", "Department=Sales", "From=2026-11-22&To=2026-11-28" };
        var tables = FigureTables.Of(await AsAsync(Roles.HrCoordinator, Nov22, Nov28)).Select(t => t.Key).ToList();
        var offending = new List<string>();
        foreach (var query in queries)
        {
            foreach (var table in tables)
            {
                using var response = await client.GetAsync(new Uri($"/Dashboard/Export?table={table}&{query}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var text = await response.Content.ReadAsStringAsync();
                foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
                {
                    // The first cell names the row (a stage, a week, a program); the others are figures. Counts are whole
                    // numbers; averages and percentages are not counts.
                    foreach (var cell in Fields().Matches(line).Select(m => m.Groups[1].Value.Trim('"')).Skip(1))
                    {
                        if (int.TryParse(cell.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count % 5 != 0)
                        {
                            offending.Add($"{table}?{query}: {line}");
                        }
                    }
                }
            }
        }

        var overview = await app.SendAsync(new UptakeOverview.Query(), (await app.PersonAsync(Roles.Leadership)).As);
        offending.AddRange(overview.PeopleByRole.Where(p => !p.People.IsSuppressed && p.People.Value % 5 != 0).Select(p => $"overview: {p.Role} {p.People}"));
        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));

        // HR's files hold the exact numbers: 11 mentors and 11 mentees, not rounded.
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var funnel = await (await hr.GetAsync(new Uri($"/Dashboard/Export?table=funnel&ProgramId={app.ProgramId}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Enrolled,11,11", funnel, StringComparison.Ordinal);
    }

    private static string Cells(FigureTable table) => string.Join("|", table.Rows.SelectMany(r => r));

    [GeneratedRegex("(\"(?:[^\"]|\"\")*\"|[^,]*)(?:,|$)")]
    private static partial Regex Fields();
}
