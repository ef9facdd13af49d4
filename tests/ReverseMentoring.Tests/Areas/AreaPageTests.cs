using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Areas;

/// <summary>Each area's first page, against a database of its own so counts are exact.</summary>
public sealed class AreaPageTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task AddProgramsAsync(int count, ProgramStatus status)
    {
        for (var i = 0; i < count; i++)
        {
            await _app.ProgramAsync(status, name: $"{status} program {i:00}", startsOn: new DateOnly(2027, 1, 1).AddDays(i), endsOn: new DateOnly(2027, 6, 30));
        }
    }

    [Fact]
    public async Task Programs_list_says_so_when_there_are_none()
    {
        var client = await _app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync("/Programs");

        Assert.Contains("There are no programs yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Programs_list_pages_twenty_at_a_time_with_closed_programs_last()
    {
        await AddProgramsAsync(3, ProgramStatus.Closed);
        await AddProgramsAsync(22, ProgramStatus.Enrolling);
        var coordinator = await _app.CreateUserAsync(Roles.HrCoordinator);
        var as_ = AppFactory.PrincipalFor(coordinator, Roles.HrCoordinator);

        var first = await _app.SendAsync(new ListPrograms.Query(1), as_);
        var second = await _app.SendAsync(new ListPrograms.Query(2), as_);
        var beyond = await _app.SendAsync(new ListPrograms.Query(99), as_);

        Assert.Equal((25, 2, 20), (first.Total, first.PageCount, first.Programs.Count));
        Assert.All(first.Programs, p => Assert.Equal(ProgramStatus.Enrolling, p.Status));
        Assert.Equal(5, second.Programs.Count);
        Assert.Equal(3, second.Programs.Count(p => p.Status == ProgramStatus.Closed));
        Assert.Equal(2, beyond.Page);

        var html = await (await _app.SignedInClientAsync(Roles.HrCoordinator)).GetHtmlAsync("/Programs?page=2");
        Assert.Contains("Page 2 of 2", html, StringComparison.Ordinal);
        Assert.Contains("Closed program 00", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_counts_by_role_and_hides_groups_smaller_than_five()
    {
        for (var i = 0; i < 6; i++)
        {
            await _app.CreateUserAsync(Roles.Mentor);
        }

        for (var i = 0; i < 3; i++)
        {
            await _app.CreateUserAsync(Roles.Mentee);
        }

        await AddProgramsAsync(2, ProgramStatus.Running);
        var leader = await _app.CreateUserAsync(Roles.Leadership);

        var result = await _app.SendAsync(new UptakeOverview.Query(), AppFactory.PrincipalFor(leader, Roles.Leadership));

        var people = result.PeopleByRole.ToDictionary(r => r.Role, r => r.People);
        // Leadership sees counts rounded to the nearest 5: the 6 mentors show as 5.
        Assert.Equal(5, people[Roles.Mentor].Value);
        Assert.Equal("5", people[Roles.Mentor].ToString());
        Assert.Equal("fewer than 5", people[Roles.Mentee].ToString());
        Assert.Equal("fewer than 5", people[Roles.Leadership].ToString());
        Assert.Equal("0", people[Roles.HrCoordinator].ToString());
        Assert.Equal(2, result.ProgramsByStatus.Single(s => s.Status == ProgramStatus.Running).Programs);

        var html = await (await _app.SignedInClientAsync(Roles.Leadership)).GetHtmlAsync("/Dashboard");
        Assert.Contains("fewer than 5", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participant_home_shows_the_person_and_the_programs_open_to_join()
    {
        await AddProgramsAsync(1, ProgramStatus.Enrolling);
        await AddProgramsAsync(1, ProgramStatus.Draft);
        var mentor = await _app.CreateUserAsync(Roles.Mentor, name: "Zoe Junior");

        var result = await _app.SendAsync(new MyMentoring.Query(), AppFactory.PrincipalFor(mentor, Roles.Mentor));

        Assert.Equal("Zoe Junior", result.DisplayName);
        Assert.Equal([Roles.Mentor], result.Roles);
        Assert.Equal(["Enrolling program 00"], result.OpenPrograms.Select(p => p.Name));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_coordinators_may_list_programs_whatever_calls_the_handler(string role)
    {
        var user = await _app.CreateUserAsync(role);

        var refused = await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(new ListPrograms.Query(1), AppFactory.PrincipalFor(user, role)));

        Assert.True(refused.SignedIn);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    public async Task Participants_may_not_read_the_dashboard_aggregates(string role)
    {
        var user = await _app.CreateUserAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(new UptakeOverview.Query(), AppFactory.PrincipalFor(user, role)));
    }

    [Theory]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Only_participants_have_a_participant_home(string role)
    {
        var user = await _app.CreateUserAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(new MyMentoring.Query(), AppFactory.PrincipalFor(user, role)));
    }

    [Fact]
    public async Task Health_reports_healthy_with_the_database_and_unhealthy_without_its_schema()
    {
        var client = _app.Client();
        var healthy = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());

        await _app.ExecuteDbContextAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE AspNetRoles RENAME TO AspNetRolesAway"));
        var unhealthy = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());

        await _app.ExecuteDbContextAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE AspNetRolesAway RENAME TO AspNetRoles"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }
}
