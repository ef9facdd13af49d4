using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>
/// A session moves only through its own guarded methods: each legal move is taken through the app's request, and each
/// illegal one is refused with the message people see, leaving the session as it was.
/// </summary>
public sealed class SessionStateTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private static readonly DateTime WednesdayTenUtc = new(2027, 3, 3, 10, 0, 0);
    private static readonly DateTime LastFridayTenUtc = new(2027, 2, 26, 10, 0, 0);

    private static RescheduleSession.Command Move(Session session) => new()
    {
        SessionId = session.Id,
        Version = session.Version,
        Date = new DateOnly(2027, 3, 8),
        Time = new TimeOnly(11, 0),
        DurationMinutes = 45,
        Format = SessionFormats.Virtual,
        Location = "https://meet.example.com/moved",
        TopicIds = [],
    };

    private static CancelSession.Command Cancel(Session session) =>
        new() { SessionId = session.Id, Version = session.Version, Reason = "Called away to a client.", Confirm = true };

    private static LogSession.Command Log(Session session) =>
        new() { SessionId = session.Id, Version = session.Version, HeldMinutes = 50, Notes = "Tried the assistant on a real report." };

    private static async Task<string> RefusalAsync(Func<Task> send) =>
        Assert.Single((await Assert.ThrowsAsync<RequestValidationException>(send)).Failures).ErrorMessage;

    [Fact]
    public async Task A_planned_session_is_rescheduled_to_its_new_time()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);

        await app.SendAsync(Move(session), pair.Mentor.As);

        var moved = (await app.SavedSessionAsync(session.Id))!;
        Assert.Equal((new DateTime(2027, 3, 8, 11, 0, 0), new DateTime(2027, 3, 8, 11, 45, 0), 1), (moved.StartsAtUtc, moved.EndsAtUtc, moved.CalendarSequence));
        Assert.NotEqual(session.Version, moved.Version);
    }

    [Fact]
    public async Task A_held_session_cannot_be_rescheduled()
    {
        var pair = await app.PairAsync();
        var held = await app.SessionAsync(pair, SessionStatus.Held, LastFridayTenUtc);

        Assert.Equal(RescheduleSession.NotChangeable, await RefusalAsync(() => app.SendAsync(Move(held), pair.Mentee.As)));

        var unchanged = (await app.SavedSessionAsync(held.Id))!;
        Assert.Equal((SessionStatus.Held, LastFridayTenUtc, 0), (unchanged.Status, unchanged.StartsAtUtc, unchanged.CalendarSequence));
    }

    [Fact]
    public async Task A_planned_session_is_cancelled_with_who_why_and_when()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);

        await app.SendAsync(Cancel(session), pair.Mentee.As);

        var cancelled = (await app.SavedSessionAsync(session.Id))!;
        Assert.Equal(
            (SessionStatus.Cancelled, "Called away to a client.", pair.Mentee.User.Id, (DateTime?)SessionsApp.Now.UtcDateTime, 1),
            (cancelled.Status, cancelled.CancelReason, cancelled.CancelledByUserId, cancelled.CancelledAtUtc, cancelled.CalendarSequence));
    }

    [Fact]
    public async Task A_held_session_cannot_be_cancelled()
    {
        var pair = await app.PairAsync();
        var held = await app.SessionAsync(pair, SessionStatus.Held, LastFridayTenUtc);

        Assert.Equal(Session.NotCancellableMessage, await RefusalAsync(() => app.SendAsync(Cancel(held), pair.Mentor.As)));

        var unchanged = (await app.SavedSessionAsync(held.Id))!;
        Assert.Equal((SessionStatus.Held, (string?)null), (unchanged.Status, unchanged.CancelReason));
    }

    [Fact]
    public async Task A_session_that_took_place_is_logged_as_held()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, LastFridayTenUtc);

        await app.SendAsync(Log(session), pair.Mentee.As);

        var held = (await app.SavedSessionAsync(session.Id))!;
        Assert.Equal(
            (SessionStatus.Held, (int?)50, pair.Mentee.User.Id, (DateTime?)SessionsApp.Now.UtcDateTime),
            (held.Status, held.HeldMinutes, held.LoggedByUserId, held.LoggedAtUtc));
    }

    [Fact]
    public async Task A_cancelled_session_cannot_be_logged()
    {
        var pair = await app.PairAsync();
        var cancelled = await app.SessionAsync(pair, SessionStatus.Cancelled, LastFridayTenUtc);

        Assert.Equal(LogSession.CancelledMessage, await RefusalAsync(() => app.SendAsync(Log(cancelled), pair.Mentor.As)));

        var unchanged = (await app.SavedSessionAsync(cancelled.Id))!;
        Assert.Equal((SessionStatus.Cancelled, (int?)null, (DateTime?)null), (unchanged.Status, unchanged.HeldMinutes, unchanged.LoggedAtUtc));
    }

    [Fact]
    public void A_session_refuses_every_move_its_state_does_not_allow()
    {
        var now = SessionsApp.Now.UtcDateTime;
        Session Past(SessionStatus status) => new()
        {
            StartsAtUtc = now.AddDays(-5), DurationMinutes = 60, EndsAtUtc = now.AddDays(-5).AddMinutes(60), Status = status,
        };

        Assert.Throws<DomainRuleException>(() => Past(SessionStatus.Held).MarkMissed(now));
        Assert.Throws<DomainRuleException>(() => Past(SessionStatus.Cancelled).MarkMissed(now));
        Assert.Throws<DomainRuleException>(() => Past(SessionStatus.Scheduled).Cancel("someone", "Too late.", now));
        Assert.Throws<DomainRuleException>(() => Past(SessionStatus.Missed).Reschedule("someone", now.AddDays(2), 60, SessionFormats.Virtual, "https://meet.example.com/x", [], now));
        Assert.Throws<DomainRuleException>(() => Past(SessionStatus.Cancelled).Log("someone", 60, [], null, false, null, now));

        // Not yet two days after its end: not missed yet.
        var recent = new Session { StartsAtUtc = now.AddHours(-30), DurationMinutes = 60, EndsAtUtc = now.AddHours(-29), Status = SessionStatus.Scheduled };
        Assert.Throws<DomainRuleException>(() => recent.MarkMissed(now));
        Assert.Equal(SessionStatus.Scheduled, recent.Status);
    }
}
