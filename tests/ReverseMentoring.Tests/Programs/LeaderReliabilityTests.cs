using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Sessions;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Sessions;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

/// <summary>
/// HR sees, per senior, the sessions held, moved and cancelled by them, missed and the feedback they gave: moves are
/// counted for the person who moved the session, through the app's own reschedule, and the page is HR's only.
/// </summary>
public sealed class LeaderReliabilityTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private static readonly DateTime WednesdayTenUtc = new(2027, 3, 3, 10, 0, 0);
    private static readonly DateTime LastFridayTenUtc = new(2027, 2, 26, 10, 0, 0);

    private static RescheduleSession.Command Move(Session session, int day) => new()
    {
        SessionId = session.Id,
        Version = session.Version,
        Date = new DateOnly(2027, 3, day),
        Time = new TimeOnly(11, 0),
        DurationMinutes = 60,
        Format = SessionFormats.Virtual,
        Location = "https://meet.example.com/moved",
        TopicIds = [],
    };

    [Fact]
    public async Task Each_senior_is_counted_for_what_they_moved_cancelled_missed_and_rated()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running, name: Unique("Reliability"));
        var restless = await app.PairAsync(program, PairStatus.Accepted, mentee: await app.PersonAsync(Roles.Mentee, "Rita Restless"));
        var steady = await app.PairAsync(program, PairStatus.Accepted, mentee: await app.PersonAsync(Roles.Mentee, "Sam Steady"));

        // Rita moves one session twice and cancels another; her mentor moves a third, which is not Rita's doing.
        var moved = await app.SessionAsync(restless, SessionStatus.Scheduled, WednesdayTenUtc);
        await app.SendAsync(Move(moved, 8), restless.Mentee.As);
        await app.SendAsync(Move(await app.SavedSessionAsync(moved.Id), 10), restless.Mentee.As);
        var byMentor = await app.SessionAsync(restless, SessionStatus.Scheduled, WednesdayTenUtc.AddDays(1));
        await app.SendAsync(Move(byMentor, 12), restless.Mentor.As);
        await app.SessionAsync(restless, SessionStatus.Cancelled, WednesdayTenUtc.AddDays(2), scheduledBy: restless.Mentee);
        await app.SessionAsync(restless, SessionStatus.Missed, LastFridayTenUtc.AddDays(-7));

        // Sam holds two sessions and rates one; his mentor cancels one.
        var held = await app.SessionAsync(steady, SessionStatus.Held, LastFridayTenUtc);
        await app.SessionAsync(steady, SessionStatus.Held, LastFridayTenUtc.AddDays(-14));
        await app.FeedbackAsync(steady, held, ParticipantRole.Mentee, 5);
        await app.FeedbackAsync(steady, held, ParticipantRole.Mentor, 4);
        await app.SessionAsync(steady, SessionStatus.Cancelled, WednesdayTenUtc, scheduledBy: steady.Mentor);

        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var result = await app.SendAsync(new LeaderReliability.Query(program.Id), hr.As);

        // Name, pairs, held, moved by them, cancelled by them, missed, feedback given; the most unsettled first.
        Assert.Equal(
            [("Rita Restless", 1, 0, 2, 1, 1, 0), ("Sam Steady", 1, 2, 0, 0, 0, 1)],
            result.Rows.Select(r => (r.Name, r.Pairs, r.Held, r.MovedByThem, r.CancelledByThem, r.Missed, r.FeedbackGiven)));
        Assert.Equal(restless.Mentee.User.Email, result.Rows[0].Email);
        Assert.Equal(2, await app.ExecuteDbContextAsync(db => db.SessionMoves.CountAsync(m => m.SessionId == moved.Id && m.ByUserId == restless.Mentee.User.Id)));
    }

    [Fact]
    public async Task The_page_and_its_download_are_for_hr_only()
    {
        var pair = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Running), PairStatus.Accepted, mentee: await app.PersonAsync(Roles.Mentee, "Zoë Ångström"));
        var url = $"/Programs/{pair.Program.Id}/Reliability";

        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        Assert.Contains("Zoë Ångström", WebUtility.HtmlDecode(await hr.GetStringAsync(new Uri(url, UriKind.Relative))), StringComparison.Ordinal);
        var csv = await (await hr.GetAsync(new Uri($"{url}?handler=Export", UriKind.Relative))).Content.ReadAsByteArrayAsync();
        Assert.Contains("Zoë Ångström", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);

        foreach (var who in new[] { pair.Mentee.User, pair.Mentor.User, await app.CreateUserAsync(Roles.Leadership) })
        {
            var client = await app.SignedInClientAsync(who);
            foreach (var path in new[] { url, $"{url}?handler=Export" })
            {
                var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/Account/AccessDenied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync(new Uri("/Programs/987654/Reliability", UriKind.Relative))).StatusCode);
    }
}
