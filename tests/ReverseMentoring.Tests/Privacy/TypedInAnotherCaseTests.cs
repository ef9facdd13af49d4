using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Privacy;

namespace ReverseMentoring.Tests.Privacy;

/// <summary>
/// Names and addresses as people type them match whatever their case. PostgreSQL's LIKE and = compare case, SQLite's
/// LIKE and SQL Server's default collation do not: these also run on PostgreSQL (tests/postgresql-tests.filter).
/// </summary>
public sealed class TypedInAnotherCaseTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Hr_finds_people_by_a_name_or_email_typed_in_another_case()
    {
        var world = await PrivacyWorld.CreateAsync(app);

        var byName = await app.SendAsync(new FindPeople.Query { Search = $"QUILLFEATHER {world.Tag.ToUpperInvariant()}" }, world.AsCoordinator);
        var byEmail = await app.SendAsync(new FindPeople.Query { Search = world.Noel.Email!.ToUpperInvariant() }, world.AsCoordinator);

        Assert.Equal([world.Mira.Id], byName.People.Select(p => p.Id));
        Assert.Equal([world.Noel.Id], byEmail.People.Select(p => p.Id));
    }

    [Fact]
    public async Task Invitations_hr_typed_in_another_case_are_in_my_data_and_erased_with_me()
    {
        var world = await PrivacyWorld.CreateAsync(app);
        var shouted = await app.InvitationAsync(world.Program.Id, Roles.Mentor, world.Mira.Email!.ToUpperInvariant());

        using (var json = JsonDocument.Parse((await app.SendAsync(new DownloadMyData.Query(), world.AsMira)).Json))
        {
            var invitations = json.RootElement.GetProperty("invitations").EnumerateArray().Select(i => i.GetProperty("id").GetInt32());
            Assert.Equal(new[] { world.MiraInvitation.Id, shouted.Id }.Order(), invitations.Order());
        }

        await app.SendAsync(new ErasePerson.Command { UserId = world.Mira.Id, ConfirmEmail = world.Mira.Email! }, world.AsCoordinator);

        var erased = await app.ExecuteDbContextAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == world.Mira.Id));
        var addresses = await app.ExecuteDbContextAsync(db => db.Invitations.AsNoTracking()
            .Where(i => i.Id == world.MiraInvitation.Id || i.Id == shouted.Id).Select(i => i.Email).ToListAsync());
        Assert.Equal([erased.Email!, erased.Email!], addresses);
    }
}
