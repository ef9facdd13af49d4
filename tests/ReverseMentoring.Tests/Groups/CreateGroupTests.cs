using ReverseMentoring.Web.Features.Groups;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Groups;

/// <summary>A mentor runs some of their accepted mentees as one group: only their own, accepted, in one program, two or more.</summary>
public sealed class CreateGroupTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CreateGroup.Command Create(MentoringProgram program, params int[] pairIds) =>
        new() { ProgramId = program.Id, Name = "Thursday circle", PairIds = [.. pairIds] };

    [Fact]
    public async Task A_mentor_groups_some_of_their_accepted_mentees()
    {
        var world = await app.GroupAsync(mentees: 3, grouped: 2);

        var group = await app.SendAsync(new ViewGroup.Query(world.GroupId), world.Mentor.As);

        Assert.Equal("Thursday circle", group.Name);
        Assert.True(group.IAmMentor);
        Assert.Equal(2, group.Members.Count);
        Assert.Equal(1, await app.GroupCountAsync(world.Program.Id));
    }

    [Fact]
    public async Task A_group_needs_two_mentees()
    {
        var world = await app.GroupAsync(mentees: 2, grouped: 0);

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(Create(world.Program, world.Pairs[0].Id), world.Mentor.As), nameof(CreateGroup.Command.PairIds));

        Assert.Equal(MentoringGroup.TooFewMessage, refusal);
        Assert.Equal(0, await app.GroupCountAsync(world.Program.Id));
    }

    [Fact]
    public async Task Another_mentors_pair_is_refused_next_to_the_mentees_and_nothing_is_saved()
    {
        var world = await app.GroupAsync(mentees: 2, grouped: 0);
        var other = await app.PairAsync(world.Program, mentorName: TestData.Unique("Other mentor"), menteeName: TestData.Unique("Other mentee"));

        var refusal = await TestData.RefusalAsync(
            () => app.SendAsync(Create(world.Program, world.Pairs[0].Id, other.Id), world.Mentor.As), nameof(CreateGroup.Command.PairIds));

        Assert.Equal(MentoringGroup.NotYourPairMessage, refusal);
        Assert.Equal(0, await app.GroupCountAsync(world.Program.Id));
    }

    [Fact]
    public async Task A_pair_not_yet_accepted_cannot_join()
    {
        var world = await app.GroupAsync(mentees: 1, grouped: 0);
        var proposed = await app.PairAsync(world.Program, PairStatus.Proposed, mentor: world.Mentor, menteeName: TestData.Unique("Mentee"));

        var refusal = await TestData.RefusalAsync(
            () => app.SendAsync(Create(world.Program, world.Pairs[0].Id, proposed.Id), world.Mentor.As), nameof(CreateGroup.Command.PairIds));

        Assert.Equal(MentoringGroup.NotYourPairMessage, refusal);
        Assert.Equal(0, await app.GroupCountAsync(world.Program.Id));
    }

    [Fact]
    public async Task A_pair_of_another_program_cannot_join()
    {
        var world = await app.GroupAsync(mentees: 1, grouped: 0);
        var elsewhere = await app.PairAsync(mentor: world.Mentor, menteeName: TestData.Unique("Mentee"));

        var refusal = await TestData.RefusalAsync(
            () => app.SendAsync(Create(world.Program, world.Pairs[0].Id, elsewhere.Id), world.Mentor.As), nameof(CreateGroup.Command.PairIds));

        Assert.Equal(MentoringGroup.NotYourPairMessage, refusal);
    }

    [Fact]
    public async Task A_pair_meets_in_one_live_group_at_a_time()
    {
        var world = await app.GroupAsync(mentees: 3, grouped: 2);

        var refusal = await TestData.RefusalAsync(
            () => app.SendAsync(Create(world.Program, world.Pairs[1].Id, world.Pairs[2].Id), world.Mentor.As), nameof(CreateGroup.Command.PairIds));

        Assert.Equal(MentoringGroup.AlreadyGroupedMessage, refusal);
        Assert.Equal(1, await app.GroupCountAsync(world.Program.Id));
    }

    [Fact]
    public async Task A_name_is_required_next_to_its_field()
    {
        var world = await app.GroupAsync(mentees: 2, grouped: 0);
        var command = Create(world.Program, world.Pairs[0].Id, world.Pairs[1].Id);
        command.Name = " ";

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(command, world.Mentor.As), nameof(CreateGroup.Command.Name));

        Assert.NotNull(refusal);
        Assert.Equal(0, await app.GroupCountAsync(world.Program.Id));
    }

    [Fact]
    public async Task Mentees_HR_and_leadership_cannot_create_a_group()
    {
        var world = await app.GroupAsync(mentees: 2, grouped: 0);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var leader = await app.PersonAsync(Roles.Leadership);

        foreach (var who in new[] { world.Pairs[0].Mentee, hr, leader })
        {
            await Assert.ThrowsAsync<RequestAuthorizationException>(
                () => app.SendAsync(Create(world.Program, world.Pairs[0].Id, world.Pairs[1].Id), who.As));
        }

        Assert.Equal(0, await app.GroupCountAsync(world.Program.Id));
    }

    [Fact]
    public async Task A_mentor_of_another_program_cannot_group_there()
    {
        var world = await app.GroupAsync(mentees: 2, grouped: 0);
        var outsider = await app.PairAsync(mentorName: TestData.Unique("Outsider"));

        await Assert.ThrowsAsync<NotFoundException>(
            () => app.SendAsync(Create(world.Program, world.Pairs[0].Id, world.Pairs[1].Id), outsider.Mentor.As));
        Assert.Equal(0, await app.GroupCountAsync(world.Program.Id));
    }

    [Fact]
    public async Task Members_see_the_group_and_an_outsider_participant_does_not()
    {
        var world = await app.GroupAsync(mentees: 3, grouped: 2);
        var outsider = await app.PairAsync(world.Program, mentorName: TestData.Unique("Outsider"), menteeName: TestData.Unique("Outsider mentee"));

        var seen = await app.SendAsync(new ViewGroup.Query(world.GroupId), world.Pairs[0].Mentee.As);
        Assert.False(seen.IAmMentor);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ViewGroup.Query(world.GroupId), world.Pairs[2].Mentee.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ViewGroup.Query(world.GroupId), outsider.Mentor.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ViewGroup.Query(world.GroupId), outsider.Mentee.As));
    }

    [Fact]
    public async Task HR_sees_the_group_on_the_programs_pairs_page()
    {
        var world = await app.GroupAsync(mentees: 2);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var page = await app.SendAsync(new ReverseMentoring.Web.Features.Pairs.ProgramPairs.Query(world.Program.Id), hr.As);

        var group = Assert.Single(page.Groups);
        Assert.Equal("Thursday circle", group.Name);
        Assert.Equal(2, group.Members.Count);
    }
}
