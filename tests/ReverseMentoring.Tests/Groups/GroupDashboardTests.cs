using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Sessions;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Groups;

namespace ReverseMentoring.Tests.Groups;

/// <summary>
/// The dashboard's filtered figures keep a group session: a department filter takes it in through its member pairs, and
/// cadence counts it for each pair whose mentee came. The clock is Monday 1 March 2027, 08:00 UTC.
/// </summary>
public sealed class GroupDashboardTests : IClassFixture<SessionsApp>
{
    private static readonly DateTime WednesdayTenUtc = new(2027, 3, 3, 10, 0, 0, DateTimeKind.Utc);

    private readonly SessionsApp _app;

    public GroupDashboardTests(SessionsApp app)
    {
        _app = app;
        _app.Clock.Now = SessionsApp.Now;
    }

    [Fact]
    public async Task A_held_group_session_stays_in_a_department_filter_and_counts_for_the_cadence_of_those_who_came()
    {
        var world = await _app.GroupAsync(mentees: 3);
        var id = await _app.SendAsync(new ScheduleGroupSession.Command
        {
            GroupId = world.GroupId,
            Date = DateOnly.FromDateTime(WednesdayTenUtc),
            Time = new TimeOnly(10, 0),
            DurationMinutes = 60,
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/circle",
        }, world.Mentor.As);
        var version = await _app.ExecuteDbContextAsync(db => db.Sessions.Where(s => s.Id == id).Select(s => s.Version).SingleAsync());
        _app.Clock.Now = new DateTimeOffset(WednesdayTenUtc.AddHours(2));
        await _app.SendAsync(new LogGroupSession.Command
        {
            SessionId = id, Version = version, HeldMinutes = 60, AttendedPairIds = [world.Pairs[0].Id, world.Pairs[1].Id],
        }, world.Mentor.As);

        var firstMentee = world.Pairs[0].Id;
        var (heldInDepartment, meeting) = await _app.ExecuteDbContextAsync(async db =>
        {
            var department = await db.Pairs.Where(p => p.Id == firstMentee).Select(p => p.MenteeEnrolment!.Department).SingleAsync();
            var scope = UptakeDashboard.ScopeOf(db, world.Program.Id, department, null);
            var held = await scope.Sessions.CountAsync(s => s.Id == id && s.Status == SessionStatus.Held);

            // The period is the day of the session; a pair accepted before it is expected to meet at least once in it.
            var day = DateOnly.FromDateTime(WednesdayTenUtc);
            var all = UptakeDashboard.ScopeOf(db, world.Program.Id, null, null);
            var cadence = await UptakeDashboard.CadenceAsync(db, all, new UptakeDashboard.Period(day, day), CancellationToken.None);
            return (held, cadence.Single(c => c.ProgramId == world.Program.Id));
        });

        Assert.Equal(1, heldInDepartment);
        // Three pairs in the program, all accepted before Wednesday; two mentees came to the group session, so two pairs met.
        Assert.Equal((3, 2), (meeting.Pairs, meeting.Meeting));
    }
}
