using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

/// <summary>Who coordinates a program: its creator first, then whoever HR adds; never nobody.</summary>
public sealed class ProgramCoordinatorsTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private Task<List<string>> CoordinatorsOfAsync(int programId) =>
        _app.ExecuteDbContextAsync(db => db.ProgramCoordinators.Where(c => c.ProgramId == programId).Select(c => c.UserId).OrderBy(id => id).ToListAsync());

    [Fact]
    public async Task The_creator_coordinates_a_new_program_and_hr_adds_and_removes_coordinators()
    {
        var creator = await _app.PersonAsync(Roles.HrCoordinator);
        var colleague = await _app.PersonAsync(Roles.HrCoordinator, "Colin Colleague");
        var id = await _app.CreateProgramAsync(creator.As);
        Assert.Equal([creator.Id], await CoordinatorsOfAsync(id));

        await _app.SendAsync(new AddCoordinator.Command { ProgramId = id, UserId = colleague.Id }, colleague.As);
        Assert.Equal(new[] { creator.Id, colleague.Id }.Order(StringComparer.Ordinal), await CoordinatorsOfAsync(id));
        Assert.Contains("Colin Colleague", await (await _app.SignedInClientAsync(colleague.User)).GetHtmlAsync($"/Programs/{id}"), StringComparison.Ordinal);

        await _app.SendAsync(new RemoveCoordinator.Command { ProgramId = id, UserId = creator.Id }, colleague.As);
        Assert.Equal([colleague.Id], await CoordinatorsOfAsync(id));
    }

    [Fact]
    public async Task The_last_coordinator_cannot_be_removed()
    {
        var creator = await _app.PersonAsync(Roles.HrCoordinator);
        var id = await _app.CreateProgramAsync(creator.As);

        var refusal = await RefusalAsync(() => _app.SendAsync(new RemoveCoordinator.Command { ProgramId = id, UserId = creator.Id }, creator.As), "");

        Assert.Contains("at least one coordinator", refusal, StringComparison.Ordinal);
        Assert.Equal([creator.Id], await CoordinatorsOfAsync(id));
    }

    [Fact]
    public async Task A_coordinator_of_another_program_is_not_removed_through_this_one_and_only_hr_people_are_added()
    {
        var first = await _app.PersonAsync(Roles.HrCoordinator);
        var second = await _app.PersonAsync(Roles.HrCoordinator);
        var mine = await _app.CreateProgramAsync(first.As);
        var theirs = await _app.CreateProgramAsync(second.As);
        await _app.SendAsync(new AddCoordinator.Command { ProgramId = theirs, UserId = first.Id }, first.As);

        var refusal = await RefusalAsync(() => _app.SendAsync(new RemoveCoordinator.Command { ProgramId = mine, UserId = second.Id }, first.As), "");
        Assert.Contains("does not coordinate", refusal, StringComparison.Ordinal);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), await CoordinatorsOfAsync(theirs));
        Assert.Equal([first.Id], await CoordinatorsOfAsync(mine));

        var mentor = await _app.PersonAsync(Roles.Mentor);
        var notHr = await RefusalAsync(() => _app.SendAsync(new AddCoordinator.Command { ProgramId = mine, UserId = mentor.Id }, first.As), "");
        Assert.Contains("HR coordinator role", notHr, StringComparison.Ordinal);
        Assert.Equal([first.Id], await CoordinatorsOfAsync(mine));
    }
}
