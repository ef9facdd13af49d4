using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

public sealed class ArchiveProgramTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task ArchiveAsync(System.Security.Claims.ClaimsPrincipal coordinator, int id) =>
        await app.SendAsync(new ArchiveProgram.Command { Id = id, Version = await app.ProgramVersionAsync(id) }, coordinator);

    [Theory]
    [InlineData(ProgramStatus.Draft)]
    [InlineData(ProgramStatus.Closed)]
    public async Task A_draft_or_closed_program_is_archived_and_leaves_the_list(ProgramStatus status)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, status)));

        await ArchiveAsync(coordinator, id);

        var saved = await app.SavedProgramAsync(id);
        Assert.NotNull(saved.ArchivedAtUtc);
        Assert.Equal(status, saved.Status);
        Assert.Single(saved.Topics);
        Assert.DoesNotContain(await ListedAsync(coordinator, archived: false), p => p.Id == id);
        Assert.Contains(await ListedAsync(coordinator, archived: true), p => p.Id == id && p.IsArchived);
    }

    [Theory]
    [InlineData(ProgramStatus.Enrolling)]
    [InlineData(ProgramStatus.Matching)]
    [InlineData(ProgramStatus.Running)]
    public async Task A_program_under_way_is_not_archived(ProgramStatus status)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, status)));
        var version = await app.ProgramVersionAsync(id);

        var message = await RefusalAsync(() => app.SendAsync(new ArchiveProgram.Command { Id = id, Version = version }, coordinator), "");

        Assert.Equal($"Only draft or closed programs can be archived. This one is {status.ToString().ToLowerInvariant()}: close it first.", message);
        Assert.Null((await app.SavedProgramAsync(id)).ArchivedAtUtc);
    }

    /// <summary>Every program the list shows, all pages of it.</summary>
    private async Task<List<ListPrograms.Row>> ListedAsync(System.Security.Claims.ClaimsPrincipal coordinator, bool archived)
    {
        var rows = new List<ListPrograms.Row>();
        for (var page = 1; ; page++)
        {
            var result = await app.SendAsync(new ListPrograms.Query(page, archived), coordinator);
            rows.AddRange(result.Programs);
            if (page >= result.PageCount)
            {
                return rows;
            }
        }
    }

    [Fact]
    public async Task Archiving_asks_for_confirmation_first()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var confirm = await client.GetHtmlAsync($"/Programs/{id}/Archive");
        Assert.Contains("Yes, archive this program", confirm, StringComparison.Ordinal);
        Assert.Null((await app.SavedProgramAsync(id)).ArchivedAtUtc);

        var response = await client.PostFormAsync($"/Programs/{id}/Archive", new() { ["Data.Version"] = (await app.ProgramVersionAsync(id)).ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await app.SavedProgramAsync(id)).ArchivedAtUtc);
    }

    [Fact]
    public async Task A_restored_program_is_back_as_it_was()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProgramStatus.Closed)));
        await ArchiveAsync(coordinator, id);

        await app.SendAsync(new RestoreProgram.Command { Id = id, Version = await app.ProgramVersionAsync(id) }, coordinator);

        var saved = await app.SavedProgramAsync(id);
        Assert.Null(saved.ArchivedAtUtc);
        Assert.Equal(ProgramStatus.Closed, saved.Status);
        Assert.Contains(await ListedAsync(coordinator, archived: false), p => p.Id == id);
    }

    [Fact]
    public async Task A_program_is_not_restored_over_a_newer_one_of_the_same_name()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var name = Unique("Twice");
        var id = await app.CreateProgramAsync(coordinator, c => c.Name = name);
        await ArchiveAsync(coordinator, id);
        await app.CreateProgramAsync(coordinator, c => c.Name = name);
        var version = await app.ProgramVersionAsync(id);

        var message = await RefusalAsync(() => app.SendAsync(new RestoreProgram.Command { Id = id, Version = version }, coordinator), "");

        Assert.Equal($"Another program is called \"{name}\" now. Rename that one first, then restore this one.", message);
        Assert.NotNull((await app.SavedProgramAsync(id)).ArchivedAtUtc);
    }

    [Fact]
    public async Task The_details_page_of_an_archived_program_offers_restore()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        await ArchiveAsync(coordinator, id);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{id}");
        Assert.Contains("Restore the program", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Open enrolment", html, StringComparison.Ordinal);

        var response = await client.PostFormAsync($"/Programs/{id}?handler=Restore", new() { ["Restore.Version"] = (await app.ProgramVersionAsync(id)).ToString() }, $"/Programs/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await app.SavedProgramAsync(id)).ArchivedAtUtc);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_coordinators_may_archive_or_restore(string role)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var id = await app.CreateProgramAsync(coordinator);
        var version = await app.ProgramVersionAsync(id);
        var user = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ArchiveProgram.Command { Id = id, Version = version }, user));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RestoreProgram.Command { Id = id, Version = version }, user));
        Assert.Null((await app.SavedProgramAsync(id)).ArchivedAtUtc);
    }
}
