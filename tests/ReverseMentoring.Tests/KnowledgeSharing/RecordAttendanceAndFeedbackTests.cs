using Mediator;
using ReverseMentoring.Web.Features.KnowledgeSharing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.KnowledgeSharing;

public sealed class RecordAttendanceAndFeedbackTests(KnowledgeApp app) : IClassFixture<KnowledgeApp>
{
    /// <summary>A session that started an hour ago, with two seniors booked (signed up before it began).</summary>
    private async Task<(int Id, Person Host, Person Came, Person Missed)> PastSessionAsync(MentoringProgram program)
    {
        var host = await app.JuniorAsync(program);
        var came = await app.SeniorAsync(program);
        var missed = await app.SeniorAsync(program);
        var starts = app.UtcNow.AddHours(-1);
        var id = await app.KnowledgeSessionAsync(program, host, starts, change: k =>
        {
            k.SignUp(came.Id, starts.AddDays(-1));
            k.SignUp(missed.Id, starts.AddDays(-1));
        });
        return (id, host, came, missed);
    }

    private Task<Unit> FeedbackAsync(int id, Person by, int rating, string? comment = null) =>
        app.SendAsync(new GiveKnowledgeFeedback.Command { SessionId = id, Rating = rating, Comment = comment }, by.As);

    [Fact]
    public async Task The_host_records_who_came_and_the_session_is_held()
    {
        var (id, host, came, missed) = await PastSessionAsync(await app.ProgramAsync());

        await app.SendAsync(new RecordKnowledgeAttendance.Command { SessionId = id, AttendedUserIds = [came.Id] }, host.As);

        var saved = await app.SavedKnowledgeAsync(id);
        Assert.Equal(KnowledgeSessionStatus.Held, saved.Status);
        Assert.True(saved.Seats.Single(s => s.UserId == came.Id).Attended);
        Assert.False(saved.Seats.Single(s => s.UserId == missed.Id).Attended);
    }

    [Fact]
    public async Task Attendance_is_refused_before_the_start_for_someone_not_booked_and_to_anyone_but_the_host()
    {
        var program = await app.ProgramAsync();
        var (id, host, came, _) = await PastSessionAsync(program);
        var future = await app.KnowledgeSessionAsync(program, host, app.UtcNow.AddDays(2));
        var stranger = await app.SeniorAsync(program);

        var early = await RefusalAsync(() => app.SendAsync(new RecordKnowledgeAttendance.Command { SessionId = future, AttendedUserIds = [] }, host.As), "AttendedUserIds");
        var tampered = await RefusalAsync(() => app.SendAsync(new RecordKnowledgeAttendance.Command { SessionId = id, AttendedUserIds = [stranger.Id] }, host.As), "AttendedUserIds");
        var otherJunior = await app.JuniorAsync(program);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var leader = await app.PersonAsync(Roles.Leadership);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RecordKnowledgeAttendance.Command { SessionId = id, AttendedUserIds = [came.Id] }, otherJunior.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RecordKnowledgeAttendance.Command { SessionId = id, AttendedUserIds = [came.Id] }, hr.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RecordKnowledgeAttendance.Command { SessionId = id, AttendedUserIds = [came.Id] }, came.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RecordKnowledgeAttendance.Command { SessionId = id, AttendedUserIds = [came.Id] }, leader.As));

        Assert.Contains("not started yet", early, StringComparison.Ordinal);
        Assert.Contains("booked seat", tampered, StringComparison.Ordinal);
        Assert.Equal(KnowledgeSessionStatus.Open, (await app.SavedKnowledgeAsync(id)).Status);
    }

    [Fact]
    public async Task Each_attendee_gives_feedback_once()
    {
        var (id, host, came, _) = await PastSessionAsync(await app.ProgramAsync());
        await app.SendAsync(new RecordKnowledgeAttendance.Command { SessionId = id, AttendedUserIds = [came.Id] }, host.As);

        await FeedbackAsync(id, came, 4, "Useful prompts.");
        var twice = await RefusalAsync(() => FeedbackAsync(id, came, 5), "");

        var seat = (await app.SavedKnowledgeAsync(id)).Seats.Single(s => s.UserId == came.Id);
        Assert.Equal((4, "Useful prompts."), (seat.Rating!.Value, seat.Comment!));
        Assert.Contains("already given feedback", twice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_without_attending_before_attendance_or_out_of_range_is_refused()
    {
        var (id, host, came, missed) = await PastSessionAsync(await app.ProgramAsync());

        var beforeAttendance = await RefusalAsync(() => FeedbackAsync(id, came, 4), "");
        await app.SendAsync(new RecordKnowledgeAttendance.Command { SessionId = id, AttendedUserIds = [came.Id] }, host.As);
        var notThere = await RefusalAsync(() => FeedbackAsync(id, missed, 4), "");
        var zero = await RefusalAsync(() => FeedbackAsync(id, came, 0), "Rating");
        var longComment = await RefusalAsync(() => FeedbackAsync(id, came, 3, new string('x', 2001)), "Comment");
        var outsider = await app.SeniorAsync(await app.ProgramAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => FeedbackAsync(id, outsider, 4));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => FeedbackAsync(id, host, 4));

        Assert.Contains("marked as having come", beforeAttendance, StringComparison.Ordinal);
        Assert.Contains("marked as having come", notThere, StringComparison.Ordinal);
        Assert.NotNull(zero);
        Assert.NotNull(longComment);
        Assert.All((await app.SavedKnowledgeAsync(id)).Seats, s => Assert.Null(s.Rating));
    }
}
