using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

public sealed class ProgramStatusTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task MoveAsync(System.Security.Claims.ClaimsPrincipal coordinator, int id, ProgramStatus to) =>
        await app.SendAsync(new ChangeProgramStatus.Command { Id = id, To = to, Version = await app.ProgramVersionAsync(id) }, coordinator);

    private async Task<string?> RefusedMoveAsync(System.Security.Claims.ClaimsPrincipal coordinator, int id, ProgramStatus to)
    {
        var version = await app.ProgramVersionAsync(id);
        return await RefusalAsync(() => app.SendAsync(new ChangeProgramStatus.Command { Id = id, To = to, Version = version }, coordinator), "");
    }

    private async Task<Person> EnrolSomeoneAsync(int programId, ParticipantRole role, EnrolmentStatus status)
    {
        var person = await app.PersonAsync(role);
        await app.EnrolAsync(await app.SavedProgramAsync(programId), person, role, status);
        return person;
    }

    private async Task<(Person Mentor, Person Mentee)> ApproveOneOfEachAsync(int id) =>
        (await EnrolSomeoneAsync(id, ParticipantRole.Mentor, EnrolmentStatus.Approved), await EnrolSomeoneAsync(id, ParticipantRole.Mentee, EnrolmentStatus.Approved));

    [Fact]
    public async Task A_program_goes_from_draft_to_closed_one_step_at_a_time()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);

        await MoveAsync(coordinator, id, ProgramStatus.Enrolling);
        Assert.Equal(ProgramStatus.Enrolling, (await app.SavedProgramAsync(id)).Status);
        var (mentor, mentee) = await ApproveOneOfEachAsync(id);
        await MoveAsync(coordinator, id, ProgramStatus.Matching);
        Assert.Equal(ProgramStatus.Matching, (await app.SavedProgramAsync(id)).Status);

        // Running needs an accepted pair; the pairing board's tests cover how one comes about.
        await app.PairAsync(await app.SavedProgramAsync(id), mentor: mentor, mentee: mentee);
        await MoveAsync(coordinator, id, ProgramStatus.Running);
        Assert.Equal(ProgramStatus.Running, (await app.SavedProgramAsync(id)).Status);
        await MoveAsync(coordinator, id, ProgramStatus.Closed);
        Assert.Equal(ProgramStatus.Closed, (await app.SavedProgramAsync(id)).Status);
    }

    [Theory]
    [InlineData(ProgramStatus.Draft, ProgramStatus.Matching)]
    [InlineData(ProgramStatus.Draft, ProgramStatus.Running)]
    [InlineData(ProgramStatus.Draft, ProgramStatus.Closed)]
    [InlineData(ProgramStatus.Enrolling, ProgramStatus.Running)]
    [InlineData(ProgramStatus.Enrolling, ProgramStatus.Closed)]
    [InlineData(ProgramStatus.Matching, ProgramStatus.Enrolling)]
    [InlineData(ProgramStatus.Matching, ProgramStatus.Closed)]
    [InlineData(ProgramStatus.Running, ProgramStatus.Matching)]
    [InlineData(ProgramStatus.Closed, ProgramStatus.Running)]
    [InlineData(ProgramStatus.Closed, ProgramStatus.Draft)]
    public async Task A_program_does_not_skip_or_go_back_a_step(ProgramStatus from, ProgramStatus to)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await ApproveOneOfEachAsync(id);
        await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, from)));

        var message = await RefusedMoveAsync(coordinator, id, to);

        Assert.Equal($"A program that is {from.ToString().ToLowerInvariant()} cannot move to {to.ToString().ToLowerInvariant()}. It moves one step at a time.", message);
        Assert.Equal(from, (await app.SavedProgramAsync(id)).Status);
    }

    [Fact]
    public async Task Enrolment_does_not_open_without_an_enrolment_window()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator, c => (c.EnrolmentOpensOn, c.EnrolmentClosesOn) = (null, null));

        var message = await RefusedMoveAsync(coordinator, id, ProgramStatus.Enrolling);

        Assert.Equal("Set the enrolment window (the dates enrolment opens and closes) before opening enrolment.", message);
        Assert.Equal(ProgramStatus.Draft, (await app.SavedProgramAsync(id)).Status);
    }

    [Fact]
    public async Task Enrolment_does_not_open_once_its_window_has_closed()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator, c =>
        {
            (c.StartsOn, c.EndsOn) = (Today.AddDays(-30), Today.AddDays(60));
            (c.EnrolmentOpensOn, c.EnrolmentClosesOn) = (Today.AddDays(-20), Today.AddDays(-1));
        });

        var message = await RefusedMoveAsync(coordinator, id, ProgramStatus.Enrolling);

        Assert.StartsWith("The enrolment window closed on ", message, StringComparison.Ordinal);
        Assert.Equal(ProgramStatus.Draft, (await app.SavedProgramAsync(id)).Status);
    }

    [Fact]
    public async Task Enrolment_opens_on_the_day_its_window_closes()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator, c => (c.EnrolmentOpensOn, c.EnrolmentClosesOn) = (Today.AddDays(-5), Today));

        await MoveAsync(coordinator, id, ProgramStatus.Enrolling);

        Assert.Equal(ProgramStatus.Enrolling, (await app.SavedProgramAsync(id)).Status);
    }

    [Fact]
    public async Task Enrolment_goes_back_to_draft_while_nobody_has_enrolled()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await MoveAsync(coordinator, id, ProgramStatus.Enrolling);
        await EnrolSomeoneAsync(id, ParticipantRole.Mentor, EnrolmentStatus.Withdrawn);

        await MoveAsync(coordinator, id, ProgramStatus.Draft);

        Assert.Equal(ProgramStatus.Draft, (await app.SavedProgramAsync(id)).Status);
    }

    [Fact]
    public async Task Enrolment_does_not_go_back_to_draft_once_someone_has_enrolled()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await MoveAsync(coordinator, id, ProgramStatus.Enrolling);
        await EnrolSomeoneAsync(id, ParticipantRole.Mentee, EnrolmentStatus.Pending);

        var message = await RefusedMoveAsync(coordinator, id, ProgramStatus.Draft);

        Assert.Equal("People have enrolled already, so the program cannot go back to draft.", message);
        Assert.Equal(ProgramStatus.Enrolling, (await app.SavedProgramAsync(id)).Status);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Matching_needs_an_approved_mentor_and_an_approved_mentee(bool mentor, bool mentee)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await MoveAsync(coordinator, id, ProgramStatus.Enrolling);
        await EnrolSomeoneAsync(id, ParticipantRole.Mentor, mentor ? EnrolmentStatus.Approved : EnrolmentStatus.Pending);
        await EnrolSomeoneAsync(id, ParticipantRole.Mentee, mentee ? EnrolmentStatus.Approved : EnrolmentStatus.Rejected);

        var message = await RefusedMoveAsync(coordinator, id, ProgramStatus.Matching);

        Assert.Equal("Approve at least one mentor and one mentee before you start matching.", message);
        Assert.Equal(ProgramStatus.Enrolling, (await app.SavedProgramAsync(id)).Status);
    }

    [Fact]
    public async Task Running_needs_an_accepted_pair()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await ApproveOneOfEachAsync(id);
        await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProgramStatus.Matching)));

        var message = await RefusedMoveAsync(coordinator, id, ProgramStatus.Running);

        Assert.Equal("Publish pairs and have at least one pair accepted before you start running the program.", message);
        Assert.Equal(ProgramStatus.Matching, (await app.SavedProgramAsync(id)).Status);
    }

    [Fact]
    public async Task A_move_from_a_stale_page_is_refused()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        var stale = await app.ProgramVersionAsync(id);
        await MoveAsync(coordinator, id, ProgramStatus.Enrolling);
        await MoveAsync(coordinator, id, ProgramStatus.Draft);

        var message = await RefusalAsync(() => app.SendAsync(new ChangeProgramStatus.Command { Id = id, To = ProgramStatus.Enrolling, Version = stale }, coordinator), "");

        Assert.Equal(ChangeProgramStatus.ConflictMessage, message);
        Assert.Equal(ProgramStatus.Draft, (await app.SavedProgramAsync(id)).Status);
    }

    [Fact]
    public async Task An_archived_program_does_not_change_status()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await app.SendAsync(new ArchiveProgram.Command { Id = id, Version = await app.ProgramVersionAsync(id) }, coordinator);

        Assert.Equal("This program is archived. Restore it before changing its status.", await RefusedMoveAsync(coordinator, id, ProgramStatus.Enrolling));
    }

    [Fact]
    public async Task The_details_page_offers_the_next_moves_and_explains_a_refusal()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await MoveAsync(coordinator, id, ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{id}");
        Assert.Contains("Close enrolment and start matching", html, StringComparison.Ordinal);
        Assert.Contains("Take back to draft", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Archive…", html, StringComparison.Ordinal);

        var refused = await client.PostFormAsync($"/Programs/{id}?handler=Move", new()
        {
            ["Move.To"] = nameof(ProgramStatus.Matching),
            ["Move.Version"] = (await app.ProgramVersionAsync(id)).ToString(),
        }, $"/Programs/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Approve at least one mentor and one mentee before you start matching.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var moved = await client.PostFormAsync($"/Programs/{id}?handler=Move", new()
        {
            ["Move.To"] = nameof(ProgramStatus.Draft),
            ["Move.Version"] = (await app.ProgramVersionAsync(id)).ToString(),
        }, $"/Programs/{id}");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(ProgramStatus.Draft, (await app.SavedProgramAsync(id)).Status);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_coordinators_may_change_a_programs_status(string role)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        var user = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(async () =>
            await app.SendAsync(new ChangeProgramStatus.Command { Id = id, To = ProgramStatus.Enrolling, Version = await app.ProgramVersionAsync(id) }, user));
        Assert.Equal(ProgramStatus.Draft, (await app.SavedProgramAsync(id)).Status);
    }
}
