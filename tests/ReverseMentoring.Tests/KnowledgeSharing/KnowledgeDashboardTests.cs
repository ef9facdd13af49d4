using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.KnowledgeSharing;

/// <summary>
/// The dashboard's knowledge-sharing figures on a hand-built program, in February 2027:
/// session one: seniors A to F booked, A to E came, rated by A 5, B 4, C 4, D 3;
/// session two: A and G booked and came, rated by G 2;
/// a third was cancelled and a fourth is still to come (neither counts).
/// Held: 2. Seats attended: 5 + 2 = 7. Seniors reached: A, B, C, D, E, G = 6.
/// Average rating: (5 + 4 + 4 + 3 + 2) / 5 = 18 / 5 = 3.60, from 5 people.
/// Leadership: 2 sessions is "fewer than 5"; 7 seats and 6 seniors round to 5; 5 ratings are fewer than the 10 an average needs.
/// </summary>
public sealed class KnowledgeDashboardTests(KnowledgeApp app) : IClassFixture<KnowledgeApp>, IAsyncLifetime
{
    private MentoringProgram _program = null!;
    private string _department = null!;

    public async Task InitializeAsync()
    {
        _program = await app.ProgramAsync();
        var host = await app.JuniorAsync(_program);
        var seniors = new List<Person>();
        for (var i = 0; i < 7; i++)
        {
            seniors.Add(await app.SeniorAsync(_program));
        }

        var (a, b, c, d, e, f, g) = (seniors[0], seniors[1], seniors[2], seniors[3], seniors[4], seniors[5], seniors[6]);
        _department = TestData.Unique("Finance");
        await app.ExecuteDbContextAsync(async db =>
        {
            string[] inDepartment = [a.Id, b.Id, g.Id];
            foreach (var enrolment in db.Enrolments.Where(x => x.ProgramId == _program.Id && inDepartment.Contains(x.UserId)))
            {
                enrolment.Department = _department;
            }

            await db.SaveChangesAsync();
        });
        var first = new DateTime(2027, 2, 10, 10, 0, 0, DateTimeKind.Utc);
        await app.KnowledgeSessionAsync(_program, host, first, capacity: 10, change: k =>
        {
            foreach (var person in new[] { a, b, c, d, e, f })
            {
                k.SignUp(person.Id, first.AddDays(-2));
            }

            k.RecordAttendance([a.Id, b.Id, c.Id, d.Id, e.Id], first.AddHours(1));
            foreach (var (person, rating) in new[] { (a, 5), (b, 4), (c, 4), (d, 3) })
            {
                k.GiveFeedback(person.Id, rating, "Named comment.", first.AddHours(2));
            }
        });
        var second = new DateTime(2027, 2, 17, 10, 0, 0, DateTimeKind.Utc);
        await app.KnowledgeSessionAsync(_program, host, second, change: k =>
        {
            k.SignUp(a.Id, second.AddDays(-1));
            k.SignUp(g.Id, second.AddDays(-1));
            k.RecordAttendance([a.Id, g.Id], second.AddHours(1));
            k.GiveFeedback(g.Id, 2, null, second.AddHours(2));
        });
        var third = new DateTime(2027, 2, 20, 10, 0, 0, DateTimeKind.Utc);
        await app.KnowledgeSessionAsync(_program, host, third, change: k =>
        {
            k.SignUp(b.Id, third.AddDays(-1));
            k.Cancel("Snow.", third.AddHours(-2));
        });
        await app.KnowledgeSessionAsync(_program, host, app.UtcNow.AddDays(3), change: k => k.SignUp(c.Id, app.UtcNow));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<UptakeDashboard.Result> AsAsync(string role) =>
        await app.SendAsync(new UptakeDashboard.Query { ProgramId = _program.Id, From = new DateOnly(2027, 2, 1), To = new DateOnly(2027, 2, 28) },
            (await app.PersonAsync(role)).As);

    [Fact]
    public async Task Hr_sees_the_exact_reach_beyond_pairs()
    {
        var k = (await AsAsync(Roles.HrCoordinator)).Knowledge;

        Assert.Equal((2, 7, 6), (k.SessionsHeld.Value, k.SeatsAttended.Value, k.SeniorsReached.Value));
        Assert.Equal(3.60, k.AverageRating.Value!.Value, 2);
        Assert.Equal(5, k.AverageRating.Basis);
    }

    [Fact]
    public async Task A_department_counts_the_seats_of_its_own_people_and_the_sessions_they_sat_in()
    {
        // A, B and G are in the department: A and B sat in session one, A and G in session two.
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var k = (await app.SendAsync(
            new UptakeDashboard.Query { ProgramId = _program.Id, Department = _department, From = new DateOnly(2027, 2, 1), To = new DateOnly(2027, 2, 28) },
            hr)).Knowledge;

        Assert.Equal((2, 4, 3), (k.SessionsHeld.Value, k.SeatsAttended.Value, k.SeniorsReached.Value));
        // Three ratings (A 5, B 4, G 2) from three people: too few for an average, even for HR.
        Assert.Equal((true, 3), (k.AverageRating.Hidden, k.AverageRating.Basis));
    }

    [Fact]
    public async Task Leadership_sees_rounded_counts_and_nothing_below_five()
    {
        var k = (await AsAsync(Roles.Leadership)).Knowledge;

        Assert.True(k.SessionsHeld.Hidden);
        Assert.Equal((false, 5), (k.SeatsAttended.Hidden, k.SeatsAttended.Value));
        Assert.Equal((false, 5), (k.SeniorsReached.Hidden, k.SeniorsReached.Value));
        Assert.True(k.AverageRating.Hidden);
        Assert.Null(k.AverageRating.Value);
    }

    [Fact]
    public async Task The_dashboard_and_the_program_report_show_the_section_without_comments()
    {
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var leader = await app.SignedInClientAsync(Roles.Leadership);

        var report = await hr.GetHtmlAsync($"/Programs/{_program.Id}/Report?From=2027-02-01&To=2027-02-28");
        var dashboard = await leader.GetHtmlAsync($"/Dashboard?ProgramId={_program.Id}&From=2027-02-01&To=2027-02-28");
        var csv = await leader.GetStringAsync(new Uri($"/Dashboard/Export?table=knowledge&ProgramId={_program.Id}&From=2027-02-01&To=2027-02-28", UriKind.Relative));

        Assert.Contains("id=\"table-knowledge\"", report, StringComparison.Ordinal);
        Assert.Contains("id=\"table-knowledge\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("Seniors reached", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Named comment.", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("Named comment.", csv, StringComparison.Ordinal);
    }
}
