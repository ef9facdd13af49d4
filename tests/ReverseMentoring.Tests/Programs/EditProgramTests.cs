using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

public sealed class EditProgramTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_coordinator_changes_the_settings_and_the_topics_in_place()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator, c => c.Topics = [new TopicRow { Title = "One" }, new TopicRow { Title = "Two" }]);
        var oldTopicIds = (await app.SavedProgramAsync(id)).Topics.Select(t => t.Id).ToList();
        var before = await app.ProgramVersionAsync(id);

        var edit = await app.SendAsync(new EditProgram.Query(id), coordinator);
        Assert.Equal(before, edit.Version);
        Assert.Equal(["One", "Two"], edit.Topics.Select(t => t.Title));
        edit.Name = Unique("Renamed");
        edit.SessionMinutes = 90;
        edit.Formats = [SessionFormats.Group];
        edit.FormatWeight = 9;
        edit.Topics = [new TopicRow { Title = "Three", SuggestedActivities = "Pair on a dashboard." }, new TopicRow()];
        await app.SendAsync(edit, coordinator);

        var saved = await app.SavedProgramAsync(id);
        Assert.Equal(edit.Name, saved.Name);
        Assert.Equal(90, saved.SessionMinutes);
        Assert.Equal(SessionFormats.Group, saved.Formats);
        Assert.Equal(9, saved.Matching.FormatWeight);
        Assert.Equal(["Three"], saved.Topics.Select(t => t.Title));
        Assert.NotEqual(before, saved.Version);
        Assert.NotNull(saved.UpdatedAtUtc);

        // Topics are matched by position: the first row rewrote topic "One" (so sessions pointing at it keep it),
        // and "Two", with no row left, is gone.
        Assert.Equal([oldTopicIds[0]], saved.Topics.Select(t => t.Id));
        Assert.False(await app.ExecuteDbContextAsync(db => db.ProgramTopics.AnyAsync(t => t.Id == oldTopicIds[1])));
    }

    [Fact]
    public async Task A_program_keeps_its_own_name_when_saved_unchanged()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        var edit = await app.SendAsync(new EditProgram.Query(id), coordinator);
        edit.Name = edit.Name!.ToUpperInvariant();

        await app.SendAsync(edit, coordinator);

        Assert.Equal(edit.Name, (await app.SavedProgramAsync(id)).Name);
    }

    [Fact]
    public async Task A_program_may_not_take_the_name_of_another()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var otherName = Unique("Taken");
        await app.CreateProgramAsync(coordinator, c => c.Name = otherName);
        var id = await app.CreateProgramAsync(coordinator);
        var edit = await app.SendAsync(new EditProgram.Query(id), coordinator);
        var originalName = edit.Name;
        edit.Name = otherName.ToLowerInvariant();

        Assert.Equal("Another program has this name already. Choose a different name.", await RefusalAsync(() => app.SendAsync(edit, coordinator), "Name"));
        Assert.Equal(originalName, (await app.SavedProgramAsync(id)).Name);
    }

    [Fact]
    public async Task The_second_of_two_edits_from_the_same_version_is_refused_and_the_first_is_kept()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        var first = await app.SendAsync(new EditProgram.Query(id), coordinator);
        var second = await app.SendAsync(new EditProgram.Query(id), coordinator);
        first.Name = Unique("First editor");
        first.Topics = [new TopicRow { Title = "From the first editor" }];
        second.Name = Unique("Second editor");
        second.MentorCapacity = 5;
        second.Topics = [new TopicRow { Title = "From the second editor" }];

        await app.SendAsync(first, coordinator);
        var message = await RefusalAsync(() => app.SendAsync(second, coordinator), "");

        Assert.Equal(EditProgram.ConflictMessage, message);
        var saved = await app.SavedProgramAsync(id);
        Assert.Equal(first.Name, saved.Name);
        Assert.Equal(1, saved.MentorCapacity);
        Assert.Equal(["From the first editor"], saved.Topics.Select(t => t.Title));
    }

    [Fact]
    public async Task A_conflicting_edit_through_the_form_tells_the_second_editor()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var form = await client.GetHtmlAsync($"/Programs/{id}/Edit");
        Assert.Contains("Data.Version", form, StringComparison.Ordinal);
        var stale = await app.ProgramVersionAsync(id);

        var meanwhile = await app.SendAsync(new EditProgram.Query(id), coordinator);
        meanwhile.Objectives = "Changed meanwhile";
        await app.SendAsync(meanwhile, coordinator);

        var page = await app.SendAsync(new EditProgram.Query(id), coordinator);
        var response = await client.PostFormAsync($"/Programs/{id}/Edit", new()
        {
            ["Data.Version"] = stale.ToString(),
            ["Data.Name"] = page.Name!,
            ["Data.Objectives"] = "My late change",
            ["Data.StartsOn"] = page.StartsOn!.Value.ToString("yyyy-MM-dd"),
            ["Data.EndsOn"] = page.EndsOn!.Value.ToString("yyyy-MM-dd"),
            ["Data.SessionCadenceDays"] = "14",
            ["Data.SessionMinutes"] = "60",
            ["Data.ExpectedSessions"] = "6",
            ["Data.Formats"] = "Virtual",
            ["Data.MentorCapacity"] = "1",
            ["Data.SkillWeight"] = "5",
            ["Data.MinimumScorePercent"] = "0",
            ["Data.Objective"] = "BestTotalScore",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Someone else changed this program while you were editing.", html, StringComparison.Ordinal);
        Assert.Equal("Changed meanwhile", (await app.SavedProgramAsync(id)).Objectives);
    }

    [Fact]
    public async Task The_edit_form_shows_the_saved_topics_and_three_empty_rows()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator, c => c.Topics = [new TopicRow { Title = "Saved topic" }]);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{id}/Edit");

        Assert.Contains("value=\"Saved topic\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Data.Topics[3].Title\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Data.Topics[4].Title\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_topic_may_keep_a_skill_retired_since_it_was_chosen()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var skill = new Skill { Name = Unique("Soon retired") };
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Skills.Add(skill);
            await db.SaveChangesAsync();
        });
        var id = await app.CreateProgramAsync(coordinator, c => c.Topics = [new TopicRow { Title = "Uses it", SkillId = skill.Id }]);
        await app.ExecuteDbContextAsync(async db =>
        {
            (await db.Skills.SingleAsync(s => s.Id == skill.Id)).IsRetired = true;
            await db.SaveChangesAsync();
        });
        var edit = await app.SendAsync(new EditProgram.Query(id), coordinator);
        edit.ExpectedSessions = 10;

        await app.SendAsync(edit, coordinator);

        Assert.Equal(skill.Id, (await app.SavedProgramAsync(id)).Topics.Single().SkillId);
        var other = ProgramForm();
        other.Topics = [new TopicRow { Title = "New use", SkillId = skill.Id }];
        Assert.Equal("Unknown skill. Choose one from the catalogue, or none.", await RefusalAsync(() => app.SendAsync(other, coordinator), "Topics[0].SkillId"));
    }

    [Fact]
    public async Task The_same_rules_hold_when_editing()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        var edit = await app.SendAsync(new EditProgram.Query(id), coordinator);
        edit.EnrolmentClosesOn = edit.EndsOn!.Value.AddDays(1);
        edit.Formats = [];

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(edit, coordinator));

        Assert.Contains(refused.Failures, f => f is { PropertyName: "EnrolmentClosesOn", ErrorMessage: "The enrolment window must close by the program's end date." });
        Assert.Contains(refused.Failures, f => f is { PropertyName: "Formats", ErrorMessage: "Choose at least one session format." });
    }

    [Fact]
    public async Task An_archived_program_is_restored_before_it_is_edited()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await app.SendAsync(new ArchiveProgram.Command { Id = id, Version = await app.ProgramVersionAsync(id) }, coordinator);
        var edit = await app.SendAsync(new EditProgram.Query(id), coordinator);
        edit.Objectives = "Too late";

        Assert.Equal("This program is archived. Restore it before changing it.", await RefusalAsync(() => app.SendAsync(edit, coordinator), ""));
    }

    [Fact]
    public async Task Editing_a_program_that_does_not_exist_is_not_found()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new EditProgram.Query(987_654), coordinator));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInClientAsync(Roles.HrCoordinator)).GetAsync(new Uri("/Programs/987654/Edit", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_coordinators_may_edit_programs(string role)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        var edit = await app.SendAsync(new EditProgram.Query(id), coordinator);
        edit.Objectives = "Not mine to change";
        var user = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(edit, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new EditProgram.Query(id), user));
        Assert.NotEqual("Not mine to change", (await app.SavedProgramAsync(id)).Objectives);
    }
}
