using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

public sealed class SchedulingTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private static readonly DateOnly Wednesday = new(2027, 3, 3);
    private static readonly TimeOnly Ten = new(10, 0);

    /// <summary>A valid plan for the pair: virtual, 60 minutes, the first topic, on the given local date and time.</summary>
    private static ScheduleSession.Command Plan(TestPair pair, DateOnly date, TimeOnly time) => new()
    {
        PairId = pair.Id,
        Date = date,
        Time = time,
        DurationMinutes = 60,
        Format = SessionFormats.Virtual,
        Location = "https://meet.example.com/maya-simon",
        TopicIds = [pair.Program.Topics[0].Id],
    };

    private static async Task<RequestValidationException> RefusedAsync(Func<Task> send) => await Assert.ThrowsAsync<RequestValidationException>(send);

    private static string? MessageFor(RequestValidationException refused, string field) =>
        refused.Failures.FirstOrDefault(f => f.PropertyName == field)?.ErrorMessage;

    [Fact]
    public async Task A_mentee_schedules_a_session_stored_in_utc_with_its_agenda()
    {
        var pair = await app.PairAsync();
        var plan = Plan(pair, Wednesday, Ten);
        plan.Location = "  https://meet.example.com/maya-simon  ";

        var id = await app.SendAsync(plan, pair.Mentee.As);

        var session = await app.SavedSessionAsync(id);
        Assert.NotNull(session);
        Assert.Equal(pair.Id, session.PairId);
        Assert.Equal(pair.ProgramId, session.ProgramId);
        Assert.Equal(new DateTime(2027, 3, 3, 10, 0, 0), session.StartsAtUtc);
        Assert.Equal(new DateTime(2027, 3, 3, 11, 0, 0), session.EndsAtUtc);
        Assert.Equal(60, session.DurationMinutes);
        Assert.Equal(SessionFormats.Virtual, session.Format);
        Assert.Equal("https://meet.example.com/maya-simon", session.Location);
        Assert.Equal(SessionStatus.Scheduled, session.Status);
        Assert.Equal(pair.Mentee.User.Id, session.ScheduledByUserId);
        Assert.Equal(0, session.CalendarSequence);
        var topic = Assert.Single(session.Topics);
        Assert.Equal(pair.Program.Topics[0].Id, topic.ProgramTopicId);
        Assert.Equal(SessionTopicKind.Agenda, topic.Kind);
    }

    [Fact]
    public async Task Scheduling_emails_the_other_side_an_invitation_with_the_calendar_file()
    {
        var pair = await app.PairAsync(mentorZone: "Asia/Tokyo");

        var id = await app.SendAsync(Plan(pair, Wednesday, Ten), pair.Mentee.As);

        var mail = Assert.Single(app.MailTo(pair.Mentor.User.Email!));
        Assert.Empty(app.MailTo(pair.Mentee.User.Email!));
        Assert.Equal("Session scheduled: Wed 3 Mar 2027, 19:00–20:00 (Asia/Tokyo)", mail.Subject);
        Assert.Contains("Simon Senior scheduled", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Sessions/{id}", mail.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimeKit.TextPart>(Assert.Single(mail.Attachments));
        Assert.Equal($"session-{id}.ics", attachment.FileName);
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        Assert.Equal("REQUEST", attachment.ContentType.Parameters["method"]);
        var calendar = Ical.Net.Calendar.Load(attachment.Text)!;
        Assert.Equal("REQUEST", calendar.Method);
        var invite = Assert.Single(calendar.Events);
        Assert.Equal(new DateTime(2027, 3, 3, 10, 0, 0, DateTimeKind.Utc), invite.Start!.AsUtc);
        Assert.True(await app.ExecuteDbContextAsync(db => Task.FromResult(
            db.OutboxMessages.Any(n => n.Key == $"session:{id}:invite:0:{pair.Mentor.User.Id}"))));
    }

    [Fact]
    public async Task A_time_entered_in_New_York_the_day_after_its_clocks_change_is_stored_in_summer_time()
    {
        var pair = await app.PairAsync(menteeZone: "America/New_York");

        var id = await app.SendAsync(Plan(pair, new DateOnly(2027, 3, 15), Ten), pair.Mentee.As);

        Assert.Equal(new DateTime(2027, 3, 15, 14, 0, 0), (await app.SavedSessionAsync(id))!.StartsAtUtc);
    }

    [Fact]
    public async Task A_time_entered_in_London_the_day_after_its_clocks_change_is_stored_in_summer_time()
    {
        var pair = await app.PairAsync();

        var id = await app.SendAsync(Plan(pair, new DateOnly(2027, 3, 29), Ten), pair.Mentor.As);

        Assert.Equal(new DateTime(2027, 3, 29, 9, 0, 0), (await app.SavedSessionAsync(id))!.StartsAtUtc);
    }

    [Fact]
    public async Task A_time_that_does_not_exist_because_the_clocks_go_forward_is_refused()
    {
        var pair = await app.PairAsync();

        var refused = await RefusedAsync(() => app.SendAsync(Plan(pair, new DateOnly(2027, 3, 28), new TimeOnly(1, 30)), pair.Mentor.As));

        Assert.Contains("does not exist", MessageFor(refused, "Time"), StringComparison.Ordinal);
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));
    }

    [Fact]
    public async Task A_start_in_the_past_is_refused()
    {
        var pair = await app.PairAsync();

        var refused = await RefusedAsync(() => app.SendAsync(Plan(pair, new DateOnly(2027, 3, 1), new TimeOnly(7, 30)), pair.Mentor.As));

        Assert.Equal("Mon 1 Mar 2027 at 07:30 has passed. Choose a date and time in the future.", MessageFor(refused, "Date"));
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));
    }

    public static TheoryData<string, string, string> InvalidPlans => new()
    {
        { "no date", "Date", "Enter the date of the session." },
        { "no time", "Time", "Enter the time the session starts." },
        { "too short", "DurationMinutes", "A session lasts 15 to 240 minutes." },
        { "too long", "DurationMinutes", "A session lasts 15 to 240 minutes." },
        { "no format", "Format", "Choose how you meet: in person, virtual or group." },
        { "no location", "Location", "Enter the meeting link, starting with https://: this program has no meeting link pattern to fill in." },
        { "overlong location", "Location", "A location has at most 300 characters; shorten it." },
        { "virtual without a link", "Location", "For a virtual session, enter the meeting link, starting with https:// (or http://)." },
        { "format the program does not allow", "Format", "This program's sessions are in person or virtual: choose one of those." },
        { "topic of another program", "TopicIds", "Choose topics from this program's list." },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public async Task An_invalid_plan_is_refused_with_a_message_on_its_field_and_nothing_is_saved(string problem, string field, string message)
    {
        var pair = await app.PairAsync();
        var other = await app.ProgramAsync();
        var plan = Plan(pair, Wednesday, Ten);
        switch (problem)
        {
            case "no date": plan.Date = null; break;
            case "no time": plan.Time = null; break;
            case "too short": plan.DurationMinutes = 10; break;
            case "too long": plan.DurationMinutes = 300; break;
            case "no format": plan.Format = SessionFormats.None; break;
            case "no location": plan.Location = "  "; break;
            case "overlong location": plan.Location = "https://meet.example.com/" + new string('a', 300); break;
            case "virtual without a link": plan.Location = "Room 4.12"; break;
            case "format the program does not allow": plan.Format = SessionFormats.Group; break;
            case "topic of another program": plan.TopicIds = [other.Topics[0].Id]; break;
        }

        var refused = await RefusedAsync(() => app.SendAsync(plan, pair.Mentee.As));

        Assert.Equal(message, MessageFor(refused, field));
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));
        Assert.Empty(app.MailTo(pair.Mentor.User.Email!));
    }

    [Fact]
    public async Task A_group_session_is_allowed_when_the_program_allows_group_meetings()
    {
        var pair = await app.PairAsync(await app.ProgramAsync(formats: SessionFormats.Group | SessionFormats.InPerson));
        var plan = Plan(pair, Wednesday, Ten);
        plan.Format = SessionFormats.Group;
        plan.Location = "Board room";

        var id = await app.SendAsync(plan, pair.Mentor.As);

        Assert.Equal(SessionFormats.Group, (await app.SavedSessionAsync(id))!.Format);
    }

    [Fact]
    public async Task A_clash_with_the_partners_session_in_another_pair_names_the_partner_and_saves_nothing()
    {
        var pair = await app.PairAsync();
        // Group mentoring: the same mentor enrolment in a second pair.
        var other = await app.PairAsync(pair.Program, mentor: pair.Mentor, menteeName: "Olivia Other");
        await app.SessionAsync(other, SessionStatus.Scheduled, new DateTime(2027, 3, 3, 10, 30, 0));

        var refused = await RefusedAsync(() => app.SendAsync(Plan(pair, Wednesday, Ten), pair.Mentee.As));

        Assert.Equal("Maya Mentor already has a session from 10:30 to 11:30 on Wed 3 Mar 2027 (Europe/London). Choose another time.", MessageFor(refused, "Date"));
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));
    }

    [Fact]
    public async Task A_clash_with_my_own_session_in_another_program_says_so_in_my_time_zone()
    {
        var pair = await app.PairAsync(menteeZone: "America/New_York");
        var program = await app.ProgramAsync();
        var elsewhere = await app.PairAsync(program, mentorName: "Other Mentor", mentee: pair.Mentee, menteeZone: "America/New_York");
        await app.SessionAsync(elsewhere, SessionStatus.Scheduled, new DateTime(2027, 3, 10, 14, 0, 0), minutes: 30);

        var refused = await RefusedAsync(() => app.SendAsync(Plan(pair, new DateOnly(2027, 3, 10), new TimeOnly(8, 45)), pair.Mentee.As));

        Assert.Equal("You already have a session from 09:00 to 09:30 on Wed 10 Mar 2027 (America/New_York). Choose another time.", MessageFor(refused, "Date"));
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));
    }

    [Fact]
    public async Task A_cancelled_session_does_not_block_the_time()
    {
        var pair = await app.PairAsync();
        await app.SessionAsync(pair, SessionStatus.Cancelled, new DateTime(2027, 3, 3, 10, 0, 0));

        var id = await app.SendAsync(Plan(pair, Wednesday, Ten), pair.Mentee.As);

        Assert.Equal(SessionStatus.Scheduled, (await app.SavedSessionAsync(id))!.Status);
        Assert.Equal(2, await app.SessionCountAsync(pair.Id));
    }

    [Fact]
    public async Task Back_to_back_sessions_do_not_clash()
    {
        var pair = await app.PairAsync();
        await app.SessionAsync(pair, SessionStatus.Scheduled, new DateTime(2027, 3, 3, 9, 0, 0));

        await app.SendAsync(Plan(pair, Wednesday, Ten), pair.Mentee.As);

        Assert.Equal(2, await app.SessionCountAsync(pair.Id));
    }

    [Fact]
    public async Task Someone_outside_the_pair_cannot_schedule_for_it()
    {
        var pair = await app.PairAsync();
        var stranger = await app.PairAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Plan(pair, Wednesday, Ten), stranger.Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ScheduleSession.FormQuery(pair.Id), stranger.Mentor.As));
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));
    }

    [Theory]
    [InlineData(PairStatus.Proposed)]
    [InlineData(PairStatus.Declined)]
    [InlineData(PairStatus.Ended)]
    public async Task A_pair_that_is_not_confirmed_has_no_scheduling(PairStatus status)
    {
        var pair = await app.PairAsync(await app.ProgramAsync(), status);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Plan(pair, Wednesday, Ten), pair.Mentee.As));
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));
    }

    [Fact]
    public async Task A_closed_program_has_no_scheduling()
    {
        var pair = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Closed));

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Plan(pair, Wednesday, Ten), pair.Mentor.As));
    }

    [Theory]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Hr_and_leadership_cannot_schedule_sessions(string role)
    {
        var pair = await app.PairAsync();
        var person = await app.PersonAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Plan(pair, Wednesday, Ten), person.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ScheduleSession.FormQuery(pair.Id), person.As));
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));
    }

    [Fact]
    public async Task The_form_suggests_the_next_free_times_of_both_people_in_the_viewers_time_zone()
    {
        // Maya (London) is free Monday and Wednesday 09:00-12:00; Simon (New York) Monday and Wednesday 06:00-08:00, i.e. 11:00-13:00 London.
        var early = new List<AvailabilitySlot>
        {
            new() { Day = DayOfWeek.Monday, Starts = new TimeOnly(6, 0), Ends = new TimeOnly(8, 0) },
            new() { Day = DayOfWeek.Wednesday, Starts = new TimeOnly(6, 0), Ends = new TimeOnly(8, 0) },
        };
        var program = await app.ProgramAsync(topics: ["AI assistants at work", "Social media basics"]);
        var simon = await app.ProfileZoneAsync(await app.PersonAsync(Roles.Mentee, TestData.MenteeName), "America/New_York");
        await app.EnrolAsync(program, simon, ParticipantRole.Mentee, timeZoneId: "America/New_York", availability: early);
        var pair = await app.PairAsync(program, mentee: simon);
        await app.SessionAsync(pair, SessionStatus.Scheduled, new DateTime(2027, 3, 3, 11, 0, 0));

        var form = await app.SendAsync(new ScheduleSession.FormQuery(pair.Id), pair.Mentor.As);

        Assert.Equal(60, form.Minutes);
        Assert.Equal("Europe/London", form.MyZone);
        Assert.Equal("America/New_York", form.PartnerZone);
        Assert.Equal([SessionFormats.InPerson, SessionFormats.Virtual], form.Formats);
        Assert.Equal(2, form.Topics.Count);
        Assert.Equal(SessionRules.SuggestionCount, form.Suggestions.Count);

        // Monday 1 March 11:00; Wednesday 3 March is taken at 11:00, so none that day; then Monday 8 March.
        Assert.Equal(new DateOnly(2027, 3, 1), form.Suggestions[0].Date);
        Assert.Equal(new TimeOnly(11, 0), form.Suggestions[0].Time);
        Assert.Equal("Mon 1 Mar 2027, 11:00–12:00 (Europe/London)", form.Suggestions[0].Text);
        Assert.Equal(new DateOnly(2027, 3, 8), form.Suggestions[1].Date);

        // From 14 March New York is on summer time, so Simon's 06:00 is 10:00 in London.
        Assert.Equal((new DateOnly(2027, 3, 15), new TimeOnly(10, 0)), (form.Suggestions[3].Date, form.Suggestions[3].Time));
    }
}
