using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Skills;
using ReverseMentoring.Web.Infrastructure;

using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Skills;

public sealed class SkillCatalogueTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<Skill?> SkillAsync(int id) => app.ExecuteDbContextAsync(db => db.Skills.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id));

    private async Task<int> AddAsync(ClaimsPrincipal coordinator, string? name = null) =>
        await app.SendAsync(new AddSkill.Command { Name = name ?? Unique("Skill"), Description = "What it is." }, coordinator);

    /// <summary>An enrolment that says it can teach the skill, so the skill is in use.</summary>
    private async Task UseOnEnrolmentAsync(int skillId) =>
        await app.EnrolAsync(await app.ProgramAsync(), await app.PersonAsync(Roles.Mentor), ParticipantRole.Mentor, skills: [(skillId, 4)]);

    [Fact]
    public async Task A_coordinator_adds_a_skill()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var name = Unique("Prompt writing");

        var id = await app.SendAsync(new AddSkill.Command { Name = $"  {name} ", Description = " Getting good answers from assistants. " }, coordinator);

        var saved = await SkillAsync(id);
        Assert.Equal((name, "Getting good answers from assistants.", false), (saved!.Name, saved.Description, saved.IsRetired));
    }

    [Fact]
    public async Task The_add_form_adds_the_skill_and_goes_back_to_the_catalogue()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var name = Unique("Livestreaming");

        var response = await client.PostFormAsync("/Skills/Create", new() { ["Data.Name"] = name, ["Data.Description"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Skills", response.Headers.Location?.OriginalString);
        Assert.True(await app.ExecuteDbContextAsync(db => db.Skills.AnyAsync(s => s.Name == name)));
    }

    [Fact]
    public async Task The_add_form_explains_a_missing_name_next_to_the_field()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var description = Unique("Orphan description");

        var response = await client.PostFormAsync("/Skills/Create", new() { ["Data.Name"] = "", ["Data.Description"] = description });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Enter a name for the skill.", HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Name"));
        Assert.False(await app.ExecuteDbContextAsync(db => db.Skills.AnyAsync(s => s.Description == description)));
    }

    [Fact]
    public async Task Names_and_descriptions_have_maximum_lengths()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new AddSkill.Command { Name = new string('s', 81), Description = new string('d', 501) }, coordinator));

        Assert.Contains(refused.Failures, f => f is { PropertyName: "Name", ErrorMessage: "A skill name has at most 80 characters." });
        Assert.Contains(refused.Failures, f => f is { PropertyName: "Description", ErrorMessage: "A description has at most 500 characters." });
    }

    [Fact]
    public async Task A_name_already_in_the_catalogue_is_refused_whatever_its_case()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var name = Unique("Podcasting");
        await AddAsync(coordinator, name);

        var message = await RefusalAsync(() => app.SendAsync(new AddSkill.Command { Name = name.ToUpperInvariant() }, coordinator), "Name");

        Assert.Equal($"The catalogue has a skill called “{name}” already. Choose a different name.", message);
    }

    [Fact]
    public async Task A_retired_skill_of_the_same_name_is_pointed_out()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var name = Unique("Blogging");
        var id = await AddAsync(coordinator, name);
        await app.SendAsync(new RetireSkill.Command { Id = id }, coordinator);

        var message = await RefusalAsync(() => app.SendAsync(new AddSkill.Command { Name = name }, coordinator), "Name");

        Assert.Equal($"The catalogue has a skill called “{name}” already (retired: un-retire it instead of adding it again). Choose a different name.", message);
    }

    [Fact]
    public async Task A_coordinator_renames_a_skill_and_rewords_its_description()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await AddAsync(coordinator);
        var edit = await app.SendAsync(new EditSkill.Query(id), coordinator);
        var renamed = Unique("Renamed");
        edit.Name = renamed;
        edit.Description = "Clearer wording.";

        await app.SendAsync(edit, coordinator);

        var saved = await SkillAsync(id);
        Assert.Equal((renamed, "Clearer wording."), (saved!.Name, saved.Description));
    }

    [Fact]
    public async Task A_skill_may_change_only_the_case_of_its_own_name()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var name = Unique("ux design");
        var id = await AddAsync(coordinator, name);

        await app.SendAsync(new EditSkill.Command { Id = id, Name = name.ToUpperInvariant() }, coordinator);

        Assert.Equal(name.ToUpperInvariant(), (await SkillAsync(id))!.Name);
    }

    [Fact]
    public async Task A_skill_may_not_be_renamed_to_another_skills_name()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var taken = Unique("Taken");
        await AddAsync(coordinator, taken);
        var id = await AddAsync(coordinator);

        var message = await RefusalAsync(() => app.SendAsync(new EditSkill.Command { Id = id, Name = taken }, coordinator), "Name");

        Assert.StartsWith($"The catalogue has a skill called “{taken}” already", message, StringComparison.Ordinal);
        Assert.NotEqual(taken, (await SkillAsync(id))!.Name);
    }

    [Fact]
    public async Task Editing_a_skill_that_does_not_exist_is_not_found()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new EditSkill.Command { Id = 909_090, Name = Unique("Skill") }, coordinator));
    }

    [Fact]
    public async Task A_skill_is_retired_and_un_retired_from_the_catalogue_page()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await AddAsync(coordinator);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var retired = await client.PostFormAsync("/Skills?handler=Retire", new() { ["Retire.Id"] = id.ToString() }, "/Skills");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.True((await SkillAsync(id))!.IsRetired);

        var reinstated = await client.PostFormAsync("/Skills?handler=Reinstate", new() { ["Reinstate.Id"] = id.ToString() }, "/Skills");
        Assert.Equal(HttpStatusCode.Redirect, reinstated.StatusCode);
        Assert.False((await SkillAsync(id))!.IsRetired);
    }

    [Fact]
    public async Task The_catalogue_counts_the_enrolments_using_each_skill()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var used = await AddAsync(coordinator, Unique("Aaa used"));
        var unused = await AddAsync(coordinator, Unique("Aaa unused"));
        await UseOnEnrolmentAsync(used);
        await UseOnEnrolmentAsync(used);

        var rows = new List<ListSkills.Row>();
        for (var page = 1; ; page++)
        {
            var result = await app.SendAsync(new ListSkills.Query(page), coordinator);
            rows.AddRange(result.Skills);
            if (page >= result.PageCount)
            {
                break;
            }
        }

        Assert.Equal(2, rows.Single(r => r.Id == used).Enrolments);
        Assert.True(rows.Single(r => r.Id == used).IsInUse);
        Assert.Equal(0, rows.Single(r => r.Id == unused).Enrolments);
        Assert.False(rows.Single(r => r.Id == unused).IsInUse);

        var html = await (await app.SignedInClientAsync(Roles.HrCoordinator)).GetHtmlAsync("/Skills");
        Assert.Contains("AI tools", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unused_skill_is_deleted_after_confirmation()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await AddAsync(coordinator);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var confirm = await client.GetHtmlAsync($"/Skills/{id}/Delete");
        Assert.Contains("Yes, delete this skill", confirm, StringComparison.Ordinal);
        Assert.NotNull(await SkillAsync(id));

        var response = await client.PostFormAsync($"/Skills/{id}/Delete", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await SkillAsync(id));
    }

    [Fact]
    public async Task A_skill_in_use_on_an_enrolment_is_never_deleted()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await AddAsync(coordinator);
        await UseOnEnrolmentAsync(id);

        var message = await RefusalAsync(() => app.SendAsync(new DeleteSkill.Command { Id = id }, coordinator), "");

        Assert.EndsWith("is in use on enrolments or program topics, so it cannot be deleted. Retire it instead to stop offering it.", message, StringComparison.Ordinal);
        Assert.NotNull(await SkillAsync(id));
        var page = await (await app.SignedInClientAsync(Roles.HrCoordinator)).GetHtmlAsync($"/Skills/{id}/Delete");
        Assert.DoesNotContain("Yes, delete this skill", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skill_linked_to_a_program_topic_is_not_deleted()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await AddAsync(coordinator);
        await app.SendAsync(new Web.Features.Programs.CreateProgram.Command
        {
            Name = Unique("Program"),
            StartsOn = new DateOnly(2027, 1, 1),
            EndsOn = new DateOnly(2027, 6, 1),
            Formats = [SessionFormats.Virtual],
            Topics = [new Web.Features.Programs.TopicRow { Title = "Uses the skill", SkillId = id }],
        }, coordinator);

        await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new DeleteSkill.Command { Id = id }, coordinator));

        Assert.NotNull(await SkillAsync(id));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_coordinators_may_change_the_catalogue(string role)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await AddAsync(coordinator);
        var user = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);
        var name = Unique("Sneaky");

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ListSkills.Query(1), user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new AddSkill.Command { Name = name }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new EditSkill.Command { Id = id, Name = name }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RetireSkill.Command { Id = id }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ReinstateSkill.Command { Id = id }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new DeleteSkill.Command { Id = id }, user));
        var saved = await SkillAsync(id);
        Assert.NotEqual(name, saved!.Name);
        Assert.False(saved.IsRetired);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Other_roles_are_turned_away_from_the_catalogue_pages(string role)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await AddAsync(coordinator);
        var client = await app.SignedInClientAsync(role);

        foreach (var url in new[] { "/Skills", "/Skills/Create", $"/Skills/{id}/Edit", $"/Skills/{id}/Delete" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }
}
