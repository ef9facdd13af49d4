using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

/// <summary>The list and details pages, and who may open the program pages at all.</summary>
public sealed class ProgramPagesTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_list_links_each_program_and_offers_a_new_one()
    {
        var coordinator = (await _app.PersonAsync(Roles.HrCoordinator)).As;
        var name = Unique("Listed");
        var id = await _app.CreateProgramAsync(coordinator, c => c.Name = name);
        var client = await _app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync("/Programs");

        Assert.Contains("href=\"/Programs/Create\"", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/Programs/{id}\">{name}</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Show archived", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archived_programs_are_hidden_until_asked_for_and_paging_keeps_the_choice()
    {
        var coordinator = (await _app.PersonAsync(Roles.HrCoordinator)).As;
        var archivedName = Unique("Old cohort");
        var archived = await _app.CreateProgramAsync(coordinator, c => c.Name = archivedName);
        await _app.SendAsync(new ArchiveProgram.Command { Id = archived, Version = await _app.ProgramVersionAsync(archived) }, coordinator);
        for (var i = 0; i < ListPrograms.PageSize; i++)
        {
            await _app.CreateProgramAsync(coordinator);
        }

        var client = await _app.SignedInClientAsync(Roles.HrCoordinator);

        var everyday = await client.GetHtmlAsync("/Programs");
        Assert.Contains("Show archived programs (1)", everyday, StringComparison.Ordinal);
        Assert.DoesNotContain(archivedName, everyday, StringComparison.Ordinal);
        Assert.DoesNotContain("Page 1 of 2", everyday, StringComparison.Ordinal);

        var all = await client.GetHtmlAsync("/Programs?archived=true");
        Assert.Contains("Hide archived programs", all, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2", all, StringComparison.Ordinal);
        Assert.Contains("href=\"?page=2&amp;archived=true\"", all, StringComparison.Ordinal);

        var second = await client.GetHtmlAsync("/Programs?page=2&archived=true");
        Assert.Contains(archivedName, second, StringComparison.Ordinal);
        Assert.Contains("Archived</span>", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_details_page_shows_the_settings_topics_and_the_other_program_pages()
    {
        var coordinator = (await _app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await _app.CreateProgramAsync(coordinator, c =>
        {
            c.Objectives = "Innovation through fresh eyes";
            c.SessionCadenceDays = 21;
            c.Topics = [new TopicRow { Title = "Fintech basics", SuggestedActivities = "Open a neobank account together." }];
        });
        var client = await _app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{id}");

        Assert.Contains("Innovation through fresh eyes", html, StringComparison.Ordinal);
        Assert.Contains("every three weeks", html, StringComparison.Ordinal);
        Assert.Contains("Fintech basics", html, StringComparison.Ordinal);
        Assert.Contains("Open a neobank account together.", html, StringComparison.Ordinal);
        Assert.Contains("Open enrolment", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programs/{id}/Enrolments\">Enrolments</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programs/{id}/Invitations\">Invitations</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programs/{id}/Resources\">Resources</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programs/{id}/Edit\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programs/{id}/Archive\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_details_of_a_program_that_does_not_exist_are_not_found()
    {
        var coordinator = (await _app.PersonAsync(Roles.HrCoordinator)).As;
        var client = await _app.SignedInClientAsync(Roles.HrCoordinator);

        await Assert.ThrowsAsync<NotFoundException>(() => _app.SendAsync(new ProgramDetails.Query(424_242), coordinator));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/Programs/424242", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_create_form_starts_with_sensible_defaults()
    {
        var client = await _app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync("/Programs/Create");

        Assert.Contains("value=\"InPerson\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"14\" selected=\"selected\">Every two weeks</option>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Data.Topics[2].Title\"", html, StringComparison.Ordinal);
        Assert.Contains("AI tools", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Other_roles_are_turned_away_from_every_program_page(string role)
    {
        var coordinator = (await _app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await _app.CreateProgramAsync(coordinator);
        var client = await _app.SignedInClientAsync(role);

        foreach (var url in new[] { "/Programs/Create", $"/Programs/{id}", $"/Programs/{id}/Edit", $"/Programs/{id}/Archive" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        var user = AppFactory.PrincipalFor(await _app.CreateUserAsync(role), role);
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(new ProgramDetails.Query(id), user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => _app.SendAsync(new ProgramSkillChoices.Query(id), user));
    }
}
