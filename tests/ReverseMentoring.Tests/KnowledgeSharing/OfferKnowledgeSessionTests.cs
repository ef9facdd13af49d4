using ReverseMentoring.Tests.Chat;
using ReverseMentoring.Web.Features.KnowledgeSharing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.KnowledgeSharing;

public sealed class OfferKnowledgeSessionTests(KnowledgeApp app) : IClassFixture<KnowledgeApp>
{
    // Tuesday 9 March 2027, 10:00 in the offerer's zone (UTC for test people).
    private static OfferKnowledgeSession.Command Form(int programId, Action<OfferKnowledgeSession.Command>? change = null)
    {
        var command = new OfferKnowledgeSession.Command
        {
            ProgramId = programId,
            Title = "AI assistants for busy leaders",
            Description = "Drafting, summarising and checking with an assistant.",
            Date = new DateOnly(2027, 3, 9),
            Time = new TimeOnly(10, 0),
            DurationMinutes = 60,
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/ai",
            Capacity = 12,
        };
        change?.Invoke(command);
        return command;
    }

    [Fact]
    public async Task A_junior_of_the_program_offers_a_session_that_starts_when_they_said_in_their_zone()
    {
        var program = await app.ProgramAsync();
        var junior = await app.ProfileZoneAsync(await app.JuniorAsync(program), "Europe/Berlin");

        var id = await app.SendAsync(Form(program.Id), junior.As);

        var saved = await app.SavedKnowledgeAsync(id);
        Assert.Equal(junior.Id, saved.HostUserId);
        Assert.Equal(KnowledgeSessionStatus.Open, saved.Status);
        Assert.Equal(12, saved.Capacity);

        // 10:00 in Berlin in March (UTC+1) is 09:00 UTC.
        Assert.Equal(new DateTime(2027, 3, 9, 9, 0, 0, DateTimeKind.Utc), saved.StartsAtUtc);
        Assert.Equal(saved.StartsAtUtc.AddMinutes(60), saved.EndsAtUtc);
    }

    [Fact]
    public async Task Hr_offers_a_session_in_any_program()
    {
        var program = await app.ProgramAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var id = await app.SendAsync(Form(program.Id), hr.As);

        Assert.Equal(hr.Id, (await app.SavedKnowledgeAsync(id)).HostUserId);
    }

    [Fact]
    public async Task A_virtual_session_without_a_link_meets_in_a_room_of_its_own_from_the_programs_pattern()
    {
        var program = await app.ProgramAsync(change: p => p.MeetingLinkTemplate = "https://meet.example.com/rm-{pair}/{mentor}");
        var junior = await app.PersonAsync(Roles.Mentor, email: $"maya.{Guid.NewGuid():N}@example.com");
        await app.EnrolAsync(program, junior, ParticipantRole.Mentor);

        var id = await app.SendAsync(Form(program.Id, c => c.Location = ""), junior.As);

        var local = junior.Email[..junior.Email.IndexOf('@', StringComparison.Ordinal)];
        Assert.Equal($"https://meet.example.com/rm-knowledge-{id}/{local}", (await app.SavedKnowledgeAsync(id)).Location);
    }

    [Fact]
    public async Task The_programs_chat_hears_of_the_session_once_without_the_hosts_name()
    {
        using var webhook = new LoopbackWebhook();
        var program = await app.ProgramAsync(change: p => p.ConnectChat(ChatKind.Slack, webhook.Url("knowledge"), weeklySummary: false));
        var junior = await app.JuniorAsync(program, Unique("Juniper"));

        var id = await app.SendAsync(Form(program.Id), junior.As);

        var posted = Assert.Single(await app.QueuedAsync($"chat:knowledge:{id}:"));
        Assert.Contains("AI assistants for busy leaders", posted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(junior.User.DisplayName, posted.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100000)]
    public async Task A_capacity_outside_1_to_500_is_refused_on_its_field_and_nothing_is_saved(int capacity)
    {
        var program = await app.ProgramAsync();
        var junior = await app.JuniorAsync(program);
        var before = await app.KnowledgeCountAsync();

        var refusal = await RefusalAsync(() => app.SendAsync(Form(program.Id, c => c.Capacity = capacity), junior.As), nameof(OfferKnowledgeSession.Command.Capacity));

        Assert.Equal(KnowledgeSession.CapacityMessage, refusal);
        Assert.Equal(before, await app.KnowledgeCountAsync());
    }

    [Fact]
    public async Task A_title_of_ten_thousand_characters_is_refused_on_its_field()
    {
        var program = await app.ProgramAsync();
        var junior = await app.JuniorAsync(program);

        var refusal = await RefusalAsync(() => app.SendAsync(Form(program.Id, c => c.Title = new string('x', 10_000)), junior.As), nameof(OfferKnowledgeSession.Command.Title));

        Assert.Contains("at most 150 characters", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_in_the_past_is_refused_on_the_date()
    {
        var program = await app.ProgramAsync();
        var junior = await app.JuniorAsync(program);
        var before = await app.KnowledgeCountAsync();

        var refusal = await RefusalAsync(() => app.SendAsync(Form(program.Id, c => c.Date = new DateOnly(2027, 2, 28)), junior.As), nameof(OfferKnowledgeSession.Command.Date));

        Assert.Contains("has passed", refusal, StringComparison.Ordinal);
        Assert.Equal(before, await app.KnowledgeCountAsync());
    }

    [Fact]
    public async Task A_junior_cannot_offer_in_a_program_they_are_not_approved_in_nor_a_senior_in_their_own()
    {
        var program = await app.ProgramAsync();
        var other = await app.ProgramAsync();
        var junior = await app.JuniorAsync(other);
        var pending = await app.PersonAsync(Roles.Mentor);
        await app.EnrolAsync(program, pending, ParticipantRole.Mentor, EnrolmentStatus.Pending);
        var senior = await app.SeniorAsync(program);

        foreach (var person in new[] { junior, pending, senior })
        {
            var refusal = await RefusalAsync(() => app.SendAsync(Form(program.Id), person.As), nameof(OfferKnowledgeSession.Command.ProgramId));
            Assert.Contains("Choose one of your programs", refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Leadership_and_people_without_a_role_cannot_offer()
    {
        var program = await app.ProgramAsync();
        var leader = await app.PersonAsync(Roles.Leadership);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Form(program.Id), leader.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Form(program.Id)));
    }

    [Fact]
    public async Task A_format_the_program_does_not_allow_is_refused_on_its_field()
    {
        var program = await app.ProgramAsync(formats: SessionFormats.InPerson);
        var junior = await app.JuniorAsync(program);

        var refusal = await RefusalAsync(() => app.SendAsync(Form(program.Id), junior.As), nameof(OfferKnowledgeSession.Command.Format));

        Assert.Contains("in person", refusal, StringComparison.OrdinalIgnoreCase);
    }
}
