using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Conversations;
using ReverseMentoring.Web.Features.Groups;
using ReverseMentoring.Web.Features.Privacy;

namespace ReverseMentoring.Tests.Groups;

/// <summary>
/// Group messages are personal data like pair messages: erased with the person, in their download with their group
/// sessions, and deleted when the program's conversations pass retention.
/// </summary>
public sealed class GroupPrivacyTests(ConversationsApp app) : IClassFixture<ConversationsApp>
{
    private Task<int> SayAsync(GroupWorld world, Person author, string text) =>
        app.SendAsync(new PostGroupMessage.Command { GroupId = world.GroupId, Text = text }, author.As);

    private Task<int> GroupMessageCountAsync(int groupId) =>
        app.ExecuteDbContextAsync(db => db.GroupMessages.CountAsync(m => m.GroupId == groupId));

    private async Task<Person> CoordinatorOfAsync(MentoringProgram program)
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator, TestData.Unique("Coordinator"));
        await app.ExecuteDbContextAsync(async db =>
        {
            db.ProgramCoordinators.Add(new ProgramCoordinator { ProgramId = program.Id, UserId = hr.Id, AddedAtUtc = app.Now });
            await db.SaveChangesAsync();
        });
        return hr;
    }

    [Fact]
    public async Task Erasing_a_member_deletes_the_threads_of_their_groups_and_leaves_other_groups_alone()
    {
        var world = await app.GroupAsync(mentees: 2);
        var other = await app.GroupAsync(mentees: 2, name: "Another circle");
        await SayAsync(world, world.Mentees[0], "Erase-me group sentence");
        await SayAsync(world, world.Mentor, "The mentor's answer quoting the erase-me group sentence");
        await SayAsync(other, other.Mentees[0], "Another group's message stays");
        var hr = await CoordinatorOfAsync(world.Program);

        await app.SendAsync(new ErasePerson.Command { UserId = world.Mentees[0].Id, ConfirmEmail = world.Mentees[0].Email }, hr.As);

        Assert.Equal(0, await GroupMessageCountAsync(world.GroupId));
        Assert.Equal(1, await GroupMessageCountAsync(other.GroupId));
        Assert.Empty(await app.PlacesHoldingAsync("Erase-me group"));
    }

    [Fact]
    public async Task Erasing_a_groups_mentor_deletes_its_thread_too()
    {
        var world = await app.GroupAsync(mentees: 2);
        await SayAsync(world, world.Mentor, "Mentor's plan for the group");
        await SayAsync(world, world.Mentees[1], "A member's reply");
        var hr = await CoordinatorOfAsync(world.Program);

        await app.SendAsync(new ErasePerson.Command { UserId = world.Mentor.Id, ConfirmEmail = world.Mentor.Email }, hr.As);

        Assert.Equal(0, await GroupMessageCountAsync(world.GroupId));
    }

    [Fact]
    public async Task My_data_holds_my_groups_their_sessions_and_only_the_group_messages_I_wrote()
    {
        var world = await app.GroupAsync(mentees: 2);
        await SayAsync(world, world.Mentees[0], "Mine to download");
        await SayAsync(world, world.Mentor, "The mentor's words are the mentor's");
        var sessionId = await app.SendAsync(new ScheduleGroupSession.Command
        {
            GroupId = world.GroupId,
            Date = DateOnly.FromDateTime(app.Now).AddDays(9),
            Time = new TimeOnly(11, 0),
            DurationMinutes = 60,
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/circle",
        }, world.Mentor.As);

        var download = await app.SendAsync(new DownloadMyData.Query(), world.Mentees[0].As);

        using var json = JsonDocument.Parse(download.Json);
        var group = Assert.Single(json.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(world.GroupId, group.GetProperty("id").GetInt32());
        Assert.Equal("Mentee", group.GetProperty("yourRole").ToString());
        var session = Assert.Single(group.GetProperty("sessions").EnumerateArray());
        Assert.Equal(sessionId, session.GetProperty("id").GetInt32());
        Assert.Equal("https://meet.example.com/circle", session.GetProperty("location").GetString());
        var message = Assert.Single(group.GetProperty("messagesWritten").EnumerateArray());
        Assert.Equal("Mine to download", message.GetProperty("text").GetString());
        Assert.DoesNotContain("The mentor's words", System.Text.Encoding.UTF8.GetString(download.Json), StringComparison.Ordinal);

        // Another member's download holds the group and its session, without the first member's words.
        var theirs = (await app.SendAsync(new DownloadMyData.Query(), world.Mentees[1].As)).Json;
        using var theirJson = JsonDocument.Parse(theirs);
        var theirGroup = Assert.Single(theirJson.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(sessionId, Assert.Single(theirGroup.GetProperty("sessions").EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Empty(theirGroup.GetProperty("messagesWritten").EnumerateArray());
        Assert.DoesNotContain("Mine to download", System.Text.Encoding.UTF8.GetString(theirs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_messages_are_deleted_with_the_programs_conversations_after_retention_and_not_before()
    {
        var world = await app.GroupAsync(mentees: 2);
        await SayAsync(world, world.Mentees[0], "Kept until retention");
        var endsOn = DateOnly.FromDateTime(app.Now).AddDays(-PairMessage.RetentionDays + 1);

        await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == world.Program.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProgramStatus.Closed).SetProperty(p => p.EndsOn, endsOn).SetProperty(p => p.StartsOn, endsOn.AddDays(-180))));
        await app.RunRetentionAsync();
        Assert.Equal(1, await GroupMessageCountAsync(world.GroupId));

        app.Advance(TimeSpan.FromDays(2));
        await app.RunRetentionAsync();
        Assert.Equal(0, await GroupMessageCountAsync(world.GroupId));
    }
}
