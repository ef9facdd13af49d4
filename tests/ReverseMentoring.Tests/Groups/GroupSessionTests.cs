using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Tests.Sessions;
using ReverseMentoring.Web.Features.Groups;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Groups;

/// <summary>
/// One session for a whole group: one row, one calendar file naming everyone, one log by the mentor with attendance,
/// booking every attendee against pair and group sessions alike. The clock is Monday 1 March 2027, 08:00 UTC.
/// </summary>
public sealed class GroupSessionTests : IClassFixture<SessionsApp>
{
    private static readonly DateOnly Wednesday = new(2027, 3, 3);
    private static readonly DateTime WednesdayTenUtc = new(2027, 3, 3, 10, 0, 0, DateTimeKind.Utc);

    private readonly SessionsApp _app;

    public GroupSessionTests(SessionsApp app)
    {
        _app = app;
        _app.Clock.Now = SessionsApp.Now;
    }

    private static ScheduleGroupSession.Command Plan(GroupWorld world, DateOnly date, TimeOnly time) => new()
    {
        GroupId = world.GroupId,
        Date = date,
        Time = time,
        DurationMinutes = 60,
        Format = SessionFormats.Virtual,
        Location = "https://meet.example.com/circle",
    };

    private async Task<int> ScheduleAsync(GroupWorld world, DateOnly? date = null, TimeOnly? time = null) =>
        await _app.SendAsync(Plan(world, date ?? Wednesday, time ?? new TimeOnly(10, 0)), world.Mentor.As);

    private async Task<Session> SavedAsync(int id) =>
        await _app.ExecuteDbContextAsync(db => db.Sessions.AsNoTracking().Include(s => s.Attendance).SingleAsync(s => s.Id == id));

    private async Task<int> RunRemindersAsync(DateTime utc)
    {
        var clock = new TestClock(new DateTimeOffset(utc, TimeSpan.Zero));
        var job = new SessionReminders(
            _app.Services.GetRequiredService<IServiceScopeFactory>(),
            _app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
            clock,
            NullLogger<SessionReminders>.Instance);
        return await job.CheckSessionsAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Scheduling_makes_one_session_whose_calendar_file_names_every_attendee_for_each_of_them()
    {
        var world = await _app.GroupAsync(mentees: 3);

        var id = await ScheduleAsync(world);

        Assert.Equal(1, await _app.GroupSessionCountAsync(world.GroupId));
        var saved = await SavedAsync(id);
        Assert.Null(saved.PairId);
        Assert.Equal(WednesdayTenUtc, saved.StartsAtUtc);
        var everyone = new[] { world.Mentor }.Concat(world.Mentees).Select(p => "mailto:" + p.Email).Order(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var person in new[] { world.Mentor }.Concat(world.Mentees))
        {
            var file = await _app.SendAsync(new GroupSessionCalendarFile.Query(id), person.As);
            var calendar = Ical.Net.Calendar.Load(file.Text)!;
            var meeting = Assert.Single(calendar.Events);
            Assert.Equal(4, meeting.Attendees.Count);
            Assert.Equal(everyone, meeting.Attendees.Select(a => a.Value!.ToString()).Order(StringComparer.OrdinalIgnoreCase).ToList());
        }

        // Each member gets one invitation; the mentor, who scheduled it, none.
        foreach (var mentee in world.Mentees)
        {
            Assert.Single(_app.MailTo(mentee.Email), m => (m.Subject ?? "").StartsWith("Group session scheduled", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(_app.MailTo(world.Mentor.Email), m => (m.Subject ?? "").StartsWith("Group session scheduled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_mentor_schedules_and_an_outsider_cannot_read_the_session()
    {
        var world = await _app.GroupAsync(mentees: 3, grouped: 2);
        var id = await ScheduleAsync(world);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(Plan(world, Wednesday, new TimeOnly(14, 0)), world.Mentees[0].As));
        await Assert.ThrowsAsync<NotFoundException>(() => _app.SendAsync(new ViewGroupSession.Query(id), world.Mentees[2].As));
        await Assert.ThrowsAsync<NotFoundException>(() => _app.SendAsync(new GroupSessionCalendarFile.Query(id), world.Mentees[2].As));

        // The pair pages never open a group session: it has no pair.
        await Assert.ThrowsAsync<NotFoundException>(() => _app.SendAsync(new ViewSession.Query(id), world.Mentor.As));
        Assert.Equal(1, await _app.GroupSessionCountAsync(world.GroupId));
    }

    [Fact]
    public async Task A_members_own_pair_session_blocks_the_group_at_that_time()
    {
        var world = await _app.GroupAsync(mentees: 3);
        var busy = world.Pairs[1];
        await _app.SessionAsync(busy, SessionStatus.Scheduled, WednesdayTenUtc.AddMinutes(30));

        var refusal = await TestData.RefusalAsync(() => ScheduleAsync(world), nameof(ScheduleGroupSession.Command.Date));

        Assert.NotNull(refusal);
        Assert.Contains("You already have", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await _app.GroupSessionCountAsync(world.GroupId));
    }

    [Fact]
    public async Task A_members_other_booking_is_named_when_the_mentor_is_free()
    {
        var world = await _app.GroupAsync(mentees: 3);
        var member = world.Pairs[2];

        // The member's session in another program, with another mentor, at the same time.
        var elsewhere = await _app.PairAsync(mentee: member.Mentee, mentorName: TestData.Unique("Other mentor"));
        await _app.SessionAsync(elsewhere, SessionStatus.Scheduled, WednesdayTenUtc);

        var refusal = await TestData.RefusalAsync(() => ScheduleAsync(world), nameof(ScheduleGroupSession.Command.Date));

        Assert.NotNull(refusal);
        Assert.Contains($"{member.Mentee.User.DisplayName} already has", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_session_blocks_each_members_pair_session_at_that_time()
    {
        var world = await _app.GroupAsync(mentees: 3);
        await ScheduleAsync(world);
        var pair = world.Pairs[0];

        var refusal = await TestData.RefusalAsync(() => _app.SendAsync(new ScheduleSession.Command
        {
            PairId = pair.Id,
            Date = Wednesday,
            Time = new TimeOnly(10, 30),
            DurationMinutes = 60,
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/pair",
        }, pair.Mentee.As), nameof(ScheduleSession.Command.Date));

        Assert.NotNull(refusal);
        Assert.Contains("already", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await _app.SessionCountAsync(pair.Id));
    }

    [Fact]
    public async Task Two_group_sessions_of_the_same_mentor_collide()
    {
        var world = await _app.GroupAsync(mentees: 4, grouped: 2);
        await ScheduleAsync(world);
        var second = await _app.SendAsync(new CreateGroup.Command
        {
            ProgramId = world.Program.Id, Name = "Second circle", PairIds = [world.Pairs[2].Id, world.Pairs[3].Id],
        }, world.Mentor.As);

        var refusal = await TestData.RefusalAsync(
            () => _app.SendAsync(Plan(world with { GroupId = second }, Wednesday, new TimeOnly(10, 15)), world.Mentor.As),
            nameof(ScheduleGroupSession.Command.Date));

        Assert.StartsWith("You already have", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await _app.GroupSessionCountAsync(second));
    }

    [Fact]
    public async Task The_mentor_logs_once_with_attendance_and_health_counts_it_for_those_who_came()
    {
        var world = await _app.GroupAsync(mentees: 3);
        var id = await ScheduleAsync(world);
        var version = (await SavedAsync(id)).Version;
        _app.Clock.Now = new DateTimeOffset(WednesdayTenUtc.AddHours(2));

        await _app.SendAsync(new LogGroupSession.Command
        {
            SessionId = id, Version = version, HeldMinutes = 55, Notes = "Good start.", AttendedPairIds = [world.Pairs[0].Id, world.Pairs[1].Id],
        }, world.Mentor.As);

        var held = await SavedAsync(id);
        Assert.Equal(SessionStatus.Held, held.Status);
        Assert.Equal(3, held.Attendance.Count);
        Assert.Equal(new[] { world.Pairs[0].Id, world.Pairs[1].Id }.Order(), held.Attendance.Where(a => a.Attended).Select(a => a.PairId).Order());

        var ids = world.Pairs.Select(p => p.Id).ToList();
        var now = _app.Clock.Now.UtcDateTime;
        var facts = await _app.ExecuteDbContextAsync(db => db.Pairs.Where(p => ids.Contains(p.Id)).HealthFacts(db, now).ToListAsync());
        Assert.Equal(WednesdayTenUtc, facts.Single(f => f.PairId == world.Pairs[0].Id).LastHeldUtc);
        Assert.Equal(WednesdayTenUtc, facts.Single(f => f.PairId == world.Pairs[1].Id).LastHeldUtc);
        Assert.Null(facts.Single(f => f.PairId == world.Pairs[2].Id).LastHeldUtc);
    }

    [Fact]
    public async Task A_member_cannot_log_or_cancel_and_is_told_why()
    {
        var world = await _app.GroupAsync(mentees: 2);
        var id = await ScheduleAsync(world);
        var version = (await SavedAsync(id)).Version;

        var cancel = await TestData.RefusalAsync(() => _app.SendAsync(new CancelGroupSession.Command { SessionId = id, Version = version, Reason = "Ill." }, world.Mentees[0].As),
            nameof(CancelGroupSession.Command.Reason));
        Assert.Equal(GroupRules.OnlyMentorMessage, cancel);

        _app.Clock.Now = new DateTimeOffset(WednesdayTenUtc.AddHours(2));
        var log = await TestData.RefusalAsync(() => _app.SendAsync(new LogGroupSession.Command { SessionId = id, Version = version, HeldMinutes = 60 }, world.Mentees[0].As), "");
        Assert.Equal(GroupRules.OnlyMentorMessage, log);

        var saved = await SavedAsync(id);
        Assert.Equal(SessionStatus.Scheduled, saved.Status);
        Assert.Empty(saved.Attendance);
    }

    [Fact]
    public async Task An_attendee_outside_the_group_is_refused_and_nothing_is_logged()
    {
        var world = await _app.GroupAsync(mentees: 3, grouped: 2);
        var id = await ScheduleAsync(world);
        var version = (await SavedAsync(id)).Version;
        _app.Clock.Now = new DateTimeOffset(WednesdayTenUtc.AddHours(2));

        var refusal = await TestData.RefusalAsync(() => _app.SendAsync(new LogGroupSession.Command
        {
            SessionId = id, Version = version, HeldMinutes = 60, AttendedPairIds = [world.Pairs[0].Id, world.Pairs[2].Id],
        }, world.Mentor.As), nameof(LogGroupSession.Command.AttendedPairIds));

        Assert.Equal(Session.AttendeeOutsideGroupMessage, refusal);
        var saved = await SavedAsync(id);
        Assert.Equal(SessionStatus.Scheduled, saved.Status);
        Assert.Empty(saved.Attendance);
    }

    [Fact]
    public async Task The_mentor_cancels_once_for_everyone()
    {
        var world = await _app.GroupAsync(mentees: 2);
        var id = await ScheduleAsync(world);
        var version = (await SavedAsync(id)).Version;

        await _app.SendAsync(new CancelGroupSession.Command { SessionId = id, Version = version, Reason = "Offsite that day." }, world.Mentor.As);

        Assert.Equal(SessionStatus.Cancelled, (await SavedAsync(id)).Status);
        foreach (var mentee in world.Mentees)
        {
            Assert.Single(_app.MailTo(mentee.Email), m => (m.Subject ?? "").StartsWith("Group session cancelled", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Everyone_is_reminded_of_tomorrows_group_session_once()
    {
        var world = await _app.GroupAsync(mentees: 3);
        await ScheduleAsync(world);

        await RunRemindersAsync(WednesdayTenUtc.AddHours(-20));
        await RunRemindersAsync(WednesdayTenUtc.AddHours(-10));

        foreach (var person in new[] { world.Mentor }.Concat(world.Mentees))
        {
            Assert.Single(_app.MailTo(person.Email), m => (m.Subject ?? "").Contains("group session of Thursday circle is coming up", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_group_session_nobody_logged_is_marked_missed_once()
    {
        var world = await _app.GroupAsync(mentees: 3);
        var id = await ScheduleAsync(world);

        await RunRemindersAsync(WednesdayTenUtc.AddHours(51));
        await RunRemindersAsync(WednesdayTenUtc.AddHours(60));

        var missed = await SavedAsync(id);
        Assert.Equal(SessionStatus.Missed, missed.Status);
        Assert.Equal(WednesdayTenUtc.AddHours(51), missed.MissedAtUtc);
        Assert.Equal(1, await _app.GroupSessionCountAsync(world.GroupId));
        foreach (var pair in world.Pairs)
        {
            Assert.Equal(0, await _app.SessionCountAsync(pair.Id));
        }
    }

    [Fact]
    public async Task Messages_of_the_group_are_read_by_its_mentor_and_members_only()
    {
        var world = await _app.GroupAsync(mentees: 3, grouped: 2);
        await _app.SendAsync(new PostGroupMessage.Command { GroupId = world.GroupId, Text = "Slides for Thursday attached soon." }, world.Mentees[0].As);
        var hr = await _app.PersonAsync(Roles.HrCoordinator);

        var mentorView = await _app.SendAsync(new ViewGroup.Query(world.GroupId), world.Mentor.As);
        var memberView = await _app.SendAsync(new ViewGroup.Query(world.GroupId), world.Mentees[1].As);
        Assert.Equal("Slides for Thursday attached soon.", Assert.Single(mentorView.Messages).Text);
        Assert.Single(memberView.Messages);

        await Assert.ThrowsAsync<NotFoundException>(() => _app.SendAsync(new ViewGroup.Query(world.GroupId), world.Mentees[2].As));
        await Assert.ThrowsAsync<NotFoundException>(
            () => _app.SendAsync(new PostGroupMessage.Command { GroupId = world.GroupId, Text = "Let me in." }, world.Mentees[2].As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(new ViewGroup.Query(world.GroupId), hr.As));
        Assert.Equal(1, await _app.ExecuteDbContextAsync(db => db.GroupMessages.CountAsync(m => m.GroupId == world.GroupId)));
    }
}
