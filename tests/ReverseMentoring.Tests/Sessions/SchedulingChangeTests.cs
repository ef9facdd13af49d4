using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>Rescheduling and cancelling: either side, only planned sessions still ahead, with the other side told.</summary>
public sealed class SchedulingChangeTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private static readonly DateTime WednesdayTenUtc = new(2027, 3, 3, 10, 0, 0);

    private static RescheduleSession.Command Move(Session session, DateOnly date, TimeOnly time, params int[] topicIds) => new()
    {
        SessionId = session.Id,
        Version = session.Version,
        Date = date,
        Time = time,
        DurationMinutes = 90,
        Format = SessionFormats.InPerson,
        Location = "Room 2.01",
        TopicIds = [.. topicIds],
    };

    private static CancelSession.Command Cancel(Session session, string reason = "I am ill.", bool confirm = true) =>
        new() { SessionId = session.Id, Version = session.Version, Reason = reason, Confirm = confirm };

    [Fact]
    public async Task Rescheduling_moves_the_session_raises_its_sequence_and_sends_the_update()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);

        await app.SendAsync(Move(session, new DateOnly(2027, 3, 29), new TimeOnly(10, 0), pair.Program.Topics[1].Id), pair.Mentee.As);

        var moved = (await app.SavedSessionAsync(session.Id))!;
        Assert.Equal(new DateTime(2027, 3, 29, 9, 0, 0), moved.StartsAtUtc);
        Assert.Equal(new DateTime(2027, 3, 29, 10, 30, 0), moved.EndsAtUtc);
        Assert.Equal(90, moved.DurationMinutes);
        Assert.Equal(SessionFormats.InPerson, moved.Format);
        Assert.Equal("Room 2.01", moved.Location);
        Assert.Equal(1, moved.CalendarSequence);
        Assert.NotEqual(session.Version, moved.Version);
        Assert.NotNull(moved.UpdatedAtUtc);
        Assert.Equal(pair.Program.Topics[1].Id, Assert.Single(moved.Topics).ProgramTopicId);

        var mail = Assert.Single(app.MailTo(pair.Mentor.User.Email!));
        Assert.StartsWith("Session moved: Mon 29 Mar 2027, 10:00–11:30 (Europe/London)", mail.Subject, StringComparison.Ordinal);
        var calendar = Ical.Net.Calendar.Load(Assert.IsType<MimeKit.TextPart>(Assert.Single(mail.Attachments)).Text)!;
        var update = Assert.Single(calendar.Events);
        Assert.Equal(1, update.Sequence);
        Assert.Equal($"session-{session.Id}@reversementoring", update.Uid);
        Assert.Equal(new DateTime(2027, 3, 29, 9, 0, 0, DateTimeKind.Utc), update.Start!.AsUtc);
    }

    [Fact]
    public async Task A_session_can_move_into_its_own_old_time()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);

        await app.SendAsync(Move(session, new DateOnly(2027, 3, 3), new TimeOnly(10, 30)), pair.Mentor.As);

        Assert.Equal(new DateTime(2027, 3, 3, 10, 30, 0), (await app.SavedSessionAsync(session.Id))!.StartsAtUtc);
    }

    [Fact]
    public async Task Rescheduling_with_a_stale_version_is_refused_and_changes_nothing()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);
        var stale = Move(session, new DateOnly(2027, 3, 8), new TimeOnly(10, 0));
        stale.Version = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(stale, pair.Mentor.As));

        Assert.Equal(SessionRules.ConflictMessage, Assert.Single(refused.Failures).ErrorMessage);
        var unchanged = (await app.SavedSessionAsync(session.Id))!;
        Assert.Equal(WednesdayTenUtc, unchanged.StartsAtUtc);
        Assert.Equal(0, unchanged.CalendarSequence);
        Assert.Empty(app.MailTo(pair.Mentee.User.Email!));
    }

    [Fact]
    public async Task Rescheduling_into_a_clash_is_refused_and_changes_nothing()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);
        await app.SessionAsync(pair, SessionStatus.Scheduled, new DateTime(2027, 3, 8, 10, 0, 0));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(Move(session, new DateOnly(2027, 3, 8), new TimeOnly(9, 0)), pair.Mentor.As));

        Assert.Equal("Date", refused.Failures.Single().PropertyName);
        Assert.Equal(WednesdayTenUtc, (await app.SavedSessionAsync(session.Id))!.StartsAtUtc);
    }

    [Theory]
    [InlineData(SessionStatus.Cancelled)]
    [InlineData(SessionStatus.Held)]
    public async Task Only_a_scheduled_session_can_be_rescheduled(SessionStatus status)
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, status, WednesdayTenUtc);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(Move(session, new DateOnly(2027, 3, 8), new TimeOnly(10, 0)), pair.Mentor.As));

        Assert.Equal(RescheduleSession.NotChangeable, Assert.Single(refused.Failures).ErrorMessage);
        Assert.Equal(WednesdayTenUtc, (await app.SavedSessionAsync(session.Id))!.StartsAtUtc);
    }

    [Fact]
    public async Task A_session_that_has_started_cannot_be_rescheduled()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, new DateTime(2027, 3, 1, 7, 30, 0));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(Move(session, new DateOnly(2027, 3, 8), new TimeOnly(10, 0)), pair.Mentor.As));

        Assert.Equal(RescheduleSession.NotChangeable, Assert.Single(refused.Failures).ErrorMessage);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RescheduleSession.FormQuery(session.Id), pair.Mentor.As));
    }

    [Fact]
    public async Task Rescheduling_follows_the_same_field_rules_as_scheduling()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);
        var move = Move(session, new DateOnly(2027, 3, 8), new TimeOnly(10, 0));
        move.DurationMinutes = 5;
        move.Location = "";

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(move, pair.Mentor.As));

        Assert.Contains(refused.Failures, f => f.PropertyName == "DurationMinutes");
        Assert.Contains(refused.Failures, f => f.PropertyName == "Location");
        Assert.Equal(WednesdayTenUtc, (await app.SavedSessionAsync(session.Id))!.StartsAtUtc);
    }

    [Fact]
    public async Task Another_pairs_session_cannot_be_rescheduled_or_cancelled()
    {
        var pair = await app.PairAsync();
        var stranger = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Move(session, new DateOnly(2027, 3, 8), new TimeOnly(10, 0)), stranger.Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RescheduleSession.FormQuery(session.Id), stranger.Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Cancel(session), stranger.Mentor.As));
        var unchanged = (await app.SavedSessionAsync(session.Id))!;
        Assert.Equal(SessionStatus.Scheduled, unchanged.Status);
        Assert.Equal(WednesdayTenUtc, unchanged.StartsAtUtc);
    }

    [Theory]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Hr_and_leadership_cannot_reschedule_or_cancel(string role)
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);
        var person = await app.PersonAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Move(session, new DateOnly(2027, 3, 8), new TimeOnly(10, 0)), person.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Cancel(session), person.As));
        Assert.Equal(SessionStatus.Scheduled, (await app.SavedSessionAsync(session.Id))!.Status);
    }

    [Fact]
    public async Task Cancelling_records_who_why_and_when_and_sends_the_cancellation()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);

        await app.SendAsync(Cancel(session, "  A board meeting came up.  "), pair.Mentee.As);

        var cancelled = (await app.SavedSessionAsync(session.Id))!;
        Assert.Equal(SessionStatus.Cancelled, cancelled.Status);
        Assert.Equal("A board meeting came up.", cancelled.CancelReason);
        Assert.Equal(pair.Mentee.User.Id, cancelled.CancelledByUserId);
        Assert.Equal(SessionsApp.Now.UtcDateTime, cancelled.CancelledAtUtc);
        Assert.Equal(1, cancelled.CalendarSequence);

        var mail = Assert.Single(app.MailTo(pair.Mentor.User.Email!));
        Assert.StartsWith("Session cancelled", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("A board meeting came up.", mail.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimeKit.TextPart>(Assert.Single(mail.Attachments));
        Assert.Equal("CANCEL", attachment.ContentType.Parameters["method"]);
        var calendar = Ical.Net.Calendar.Load(attachment.Text)!;
        Assert.Equal("CANCEL", calendar.Method);
        var withdrawn = Assert.Single(calendar.Events);
        Assert.Equal("CANCELLED", withdrawn.Status);
        Assert.Equal(1, withdrawn.Sequence);
        Assert.Equal($"session-{session.Id}@reversementoring", withdrawn.Uid);
    }

    public static TheoryData<string, bool, string, string> InvalidCancellations => new()
    {
        { "", true, "Reason", "Say why you cancel; the other side reads it." },
        { new string('x', 501), true, "Reason", "A reason has at most 500 characters; shorten it." },
        { "I am ill.", false, "Confirm", "Tick the box to confirm you want to cancel this session." },
    };

    [Theory]
    [MemberData(nameof(InvalidCancellations))]
    public async Task An_invalid_cancellation_is_refused_with_a_message_and_changes_nothing(string reason, bool confirm, string field, string message)
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, WednesdayTenUtc);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(Cancel(session, reason, confirm), pair.Mentor.As));

        Assert.Equal(message, refused.Failures.Single(f => f.PropertyName == field).ErrorMessage);
        var unchanged = (await app.SavedSessionAsync(session.Id))!;
        Assert.Equal(SessionStatus.Scheduled, unchanged.Status);
        Assert.Null(unchanged.CancelReason);
        Assert.Empty(app.MailTo(pair.Mentee.User.Email!));
    }

    [Fact]
    public async Task A_cancelled_session_cannot_be_cancelled_again()
    {
        var pair = await app.PairAsync();
        var session = await app.SessionAsync(pair, SessionStatus.Cancelled, WednesdayTenUtc);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(Cancel(session), pair.Mentor.As));

        Assert.Equal("Only a scheduled session that has not started yet can be cancelled.", Assert.Single(refused.Failures).ErrorMessage);
    }
}
