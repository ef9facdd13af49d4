using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Sessions;
using ReverseMentoring.Web.Features.Groups;
using ReverseMentoring.Web.Features.SessionFeedback;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Groups;

/// <summary>
/// Feedback on a held group session: each member the mentor logged as present rates once under their own pair, the
/// mentor once; anyone else, or a second time, is refused and nothing is saved.
/// </summary>
public sealed class GroupFeedbackTests : IClassFixture<SessionsApp>
{
    private static readonly DateTime WednesdayTenUtc = new(2027, 3, 3, 10, 0, 0, DateTimeKind.Utc);

    private readonly SessionsApp _app;

    public GroupFeedbackTests(SessionsApp app)
    {
        _app = app;
        _app.Clock.Now = SessionsApp.Now;
    }

    /// <summary>A group of three whose session the mentor logged with the first two present.</summary>
    private async Task<(GroupWorld World, int SessionId)> HeldAsync()
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
        return (world, id);
    }

    private Task<List<Feedback>> FeedbackAsync(int sessionId) =>
        _app.ExecuteDbContextAsync(db => db.SessionFeedback.AsNoTracking().Where(f => f.SessionId == sessionId).OrderBy(f => f.Id).ToListAsync());

    private static GiveFeedback.Command Rate(int sessionId, int rating) => new() { SessionId = sessionId, Rating = rating, Comment = $"Rated {rating}." };

    [Fact]
    public async Task Each_member_who_came_rates_under_their_own_pair_and_the_mentor_once()
    {
        var (world, id) = await HeldAsync();

        Assert.Null((await _app.SendAsync(new GiveFeedback.Query(id), world.Mentees[0].As)).Refusal);
        Assert.Null((await _app.SendAsync(new GiveFeedback.Query(id), world.Mentor.As)).Refusal);
        await _app.SendAsync(Rate(id, 5), world.Mentees[0].As);
        await _app.SendAsync(Rate(id, 4), world.Mentees[1].As);
        await _app.SendAsync(Rate(id, 3), world.Mentor.As);

        var saved = await FeedbackAsync(id);
        Assert.Equal(3, saved.Count);
        Assert.Equal((world.Pairs[0].Id, ParticipantRole.Mentee, 5, world.Mentees[0].Id), (saved[0].PairId, saved[0].Role, saved[0].Rating, saved[0].ByUserId));
        Assert.Equal((world.Pairs[1].Id, ParticipantRole.Mentee, 4, world.Mentees[1].Id), (saved[1].PairId, saved[1].Role, saved[1].Rating, saved[1].ByUserId));
        Assert.Equal((ParticipantRole.Mentor, 3, world.Mentor.Id), (saved[2].Role, saved[2].Rating, saved[2].ByUserId));
        Assert.Contains(saved[2].PairId, world.Pairs.Select(p => p.Id));

        // Each sees their own feedback given, under the group's name.
        var mine = await _app.SendAsync(new MyFeedback.Query(), world.Mentees[1].As);
        var given = Assert.Single(mine.GivenFeedback, g => g.SessionId == id);
        Assert.Equal("Thursday circle", given.PartnerName);
        Assert.Equal(4, given.Rating);
    }

    [Fact]
    public async Task The_held_session_waits_for_feedback_from_the_mentor_and_those_who_came_only()
    {
        var (world, id) = await HeldAsync();

        Assert.Contains((await _app.SendAsync(new MyFeedback.Query(), world.Mentor.As)).PendingSessions, p => p.SessionId == id);
        Assert.Contains((await _app.SendAsync(new MyFeedback.Query(), world.Mentees[0].As)).PendingSessions, p => p.SessionId == id);
        Assert.DoesNotContain((await _app.SendAsync(new MyFeedback.Query(), world.Mentees[2].As)).PendingSessions, p => p.SessionId == id);

        await _app.SendAsync(Rate(id, 5), world.Mentees[0].As);

        Assert.DoesNotContain((await _app.SendAsync(new MyFeedback.Query(), world.Mentees[0].As)).PendingSessions, p => p.SessionId == id);
        Assert.Contains((await _app.SendAsync(new MyFeedback.Query(), world.Mentees[1].As)).PendingSessions, p => p.SessionId == id);
        Assert.Contains((await _app.SendAsync(new MyFeedback.Query(), world.Mentor.As)).PendingSessions, p => p.SessionId == id);
    }

    [Fact]
    public async Task A_member_who_did_not_come_an_outsider_and_a_second_rating_are_refused_and_nothing_is_saved()
    {
        var (world, id) = await HeldAsync();
        var outsider = await _app.PairAsync(world.Program);

        Assert.Equal(GiveFeedback.NotAttendedMessage, (await _app.SendAsync(new GiveFeedback.Query(id), world.Mentees[2].As)).Refusal);
        Assert.Equal(GiveFeedback.NotAttendedMessage, await TestData.RefusalAsync(() => _app.SendAsync(Rate(id, 5), world.Mentees[2].As), ""));
        await Assert.ThrowsAsync<NotFoundException>(() => _app.SendAsync(Rate(id, 5), outsider.Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => _app.SendAsync(Rate(id, 5), outsider.Mentor.As));
        Assert.Empty(await FeedbackAsync(id));

        await _app.SendAsync(Rate(id, 5), world.Mentees[0].As);
        await _app.SendAsync(Rate(id, 2), world.Mentor.As);
        Assert.Equal(GiveFeedback.AlreadyGivenMessage, await TestData.RefusalAsync(() => _app.SendAsync(Rate(id, 1), world.Mentees[0].As), ""));
        Assert.Equal(GiveFeedback.AlreadyGivenMessage, await TestData.RefusalAsync(() => _app.SendAsync(Rate(id, 1), world.Mentor.As), ""));
        Assert.Equal(GiveFeedback.AlreadyGivenMessage, (await _app.SendAsync(new GiveFeedback.Query(id), world.Mentor.As)).Refusal);

        var saved = await FeedbackAsync(id);
        Assert.Equal(2, saved.Count);
        Assert.Equal(new[] { 5, 2 }, saved.Select(f => f.Rating));
    }

    [Fact]
    public async Task A_group_session_not_yet_held_cannot_be_rated()
    {
        var world = await _app.GroupAsync(mentees: 2);
        var id = await _app.SendAsync(new ScheduleGroupSession.Command
        {
            GroupId = world.GroupId,
            Date = DateOnly.FromDateTime(WednesdayTenUtc),
            Time = new TimeOnly(10, 0),
            DurationMinutes = 60,
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/circle",
        }, world.Mentor.As);

        Assert.Equal(GiveFeedback.NotHeldMessage, await TestData.RefusalAsync(() => _app.SendAsync(Rate(id, 5), world.Mentees[0].As), ""));
        Assert.Empty(await FeedbackAsync(id));
    }
}
