using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>A program's meeting link pattern: checked when HR saves it, filled in for a virtual session left without a link.</summary>
public sealed class MeetingLinkTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private static readonly DateOnly Wednesday = new(2027, 3, 3);

    private static ScheduleSession.Command Plan(TestPair pair, SessionFormats format, string location) => new()
    {
        PairId = pair.Id,
        Date = Wednesday,
        Time = new TimeOnly(10, 0),
        DurationMinutes = 60,
        Format = format,
        Location = location,
        TopicIds = [pair.Program.Topics[0].Id],
    };

    private async Task<TestPair> PairWithPatternAsync(string pattern)
    {
        var program = await app.ProgramAsync(change: p => p.MeetingLinkTemplate = pattern);
        return await app.PairAsync(program);
    }

    [Fact]
    public async Task A_virtual_session_without_a_link_gets_the_programs_pattern_filled_in_for_the_pair()
    {
        var pair = await PairWithPatternAsync("https://zoom.example.com/my/{mentor}?pair={pair}&with={mentee}");

        var id = await app.SendAsync(Plan(pair, SessionFormats.Virtual, ""), pair.Mentee.As);

        var mentor = pair.Mentor.Email.Split('@')[0].ToLowerInvariant();
        var mentee = pair.Mentee.Email.Split('@')[0].ToLowerInvariant();
        Assert.Equal($"https://zoom.example.com/my/{Uri.EscapeDataString(mentor)}?pair={pair.Id}&with={Uri.EscapeDataString(mentee)}",
            (await app.SavedSessionAsync(id))!.Location);
        var invitation = Assert.Single(app.MailTo(pair.Mentor.Email));
        Assert.Contains($"https://zoom.example.com/my/{Uri.EscapeDataString(mentor)}", invitation.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_the_pair_enters_wins_over_the_pattern()
    {
        var pair = await PairWithPatternAsync("https://zoom.example.com/my/{mentor}");

        var id = await app.SendAsync(Plan(pair, SessionFormats.Virtual, "https://teams.example.com/our-room"), pair.Mentor.As);

        Assert.Equal("https://teams.example.com/our-room", (await app.SavedSessionAsync(id))!.Location);
    }

    [Fact]
    public async Task An_in_person_session_still_needs_a_place()
    {
        var pair = await PairWithPatternAsync("https://zoom.example.com/my/{mentor}");

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(Plan(pair, SessionFormats.InPerson, " "), pair.Mentor.As));

        Assert.Equal("Enter where you meet: a room or address, or the meeting link.", refused.Failures.Single(f => f.PropertyName == "Location").ErrorMessage);
        Assert.Equal(0, await app.SessionCountAsync(pair.Id));
    }

    [Fact]
    public async Task The_schedule_form_names_the_link_the_pair_will_get()
    {
        var pair = await PairWithPatternAsync("https://meet.example.com/rm-{pair}");

        var form = await app.SendAsync(new ScheduleSession.FormQuery(pair.Id), pair.Mentee.As);

        Assert.Equal($"https://meet.example.com/rm-{pair.Id}", form.MeetingLink);
    }

    [Theory]
    [InlineData("http://zoom.example.com/my/{mentor}", "Enter a meeting link pattern that starts with https://, such as https://zoom.us/my/{mentor}.")]
    [InlineData("javascript:alert(1)//{mentor}", "Enter a meeting link pattern that starts with https://, such as https://zoom.us/my/{mentor}.")]
    [InlineData("https://zoom.example.com/my/{manager}", "{manager} is not a placeholder this pattern can use; use {pair}, {mentor}, {mentee}.")]
    [InlineData("{mentor}", "Enter a meeting link pattern that starts with https://, such as https://zoom.us/my/{mentor}.")]
    public async Task Hr_cannot_save_a_pattern_that_would_not_make_a_safe_link(string pattern, string message)
    {
        var coordinator = await app.CreateUserAsync(Roles.HrCoordinator);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.CreateProgramAsync(AppFactory.PrincipalFor(coordinator, Roles.HrCoordinator), c => c.MeetingLinkTemplate = pattern));

        Assert.Equal(message, refused.Failures.Single(f => f.PropertyName == nameof(ProgramForm.MeetingLinkTemplate)).ErrorMessage);
    }

    [Fact]
    public async Task Hr_saves_a_pattern_with_the_program_and_a_copy_keeps_it()
    {
        var coordinator = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);

        var id = await app.CreateProgramAsync(coordinator, c => c.MeetingLinkTemplate = "  https://teams.example.com/l/{mentor}  ");

        var program = await app.SavedProgramAsync(id);
        Assert.Equal("https://teams.example.com/l/{mentor}", program!.MeetingLinkTemplate);
        Assert.Equal(program.MeetingLinkTemplate, program.CopyAsDraft("Next cohort", program.StartsOn.AddYears(1), program.EndsOn.AddYears(1), null, null, DateTime.UtcNow, null).MeetingLinkTemplate);
    }
}
