using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Sessions;

/// <summary>Sessions point at the program's topics: editing the program keeps them, and never drops one in use.</summary>
public sealed class ProgramTopicsInUseTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    [Fact]
    public async Task Renaming_a_topic_on_a_sessions_agenda_keeps_the_agenda_pointing_at_it()
    {
        var (pair, session, coordinator) = await SessionWithAgendaAsync();
        var edit = await app.SendAsync(new EditProgram.Query(pair.ProgramId), coordinator);
        edit.Topics[0].Title = "AI assistants, renamed";

        await app.SendAsync(edit, coordinator);

        var agenda = await app.ExecuteDbContextAsync(db => db.SessionTopics.AsNoTracking().Include(t => t.ProgramTopic)
            .Where(t => t.SessionId == session.Id).Select(t => t.ProgramTopic!.Title).ToListAsync());
        Assert.Equal(["AI assistants, renamed"], agenda);
    }

    [Fact]
    public async Task A_topic_on_a_sessions_agenda_cannot_be_removed_and_nothing_of_the_edit_is_saved()
    {
        var (pair, _, coordinator) = await SessionWithAgendaAsync();
        var edit = await app.SendAsync(new EditProgram.Query(pair.ProgramId), coordinator);
        var name = edit.Name;
        edit.Name = $"Changed {Guid.NewGuid():N}";
        edit.Topics = [];

        var refused = await Assert.ThrowsAsync<RequestValidationException>(async () => await app.SendAsync(edit, coordinator));

        Assert.Contains("\"AI assistants at work\"", refused.Failures.Single().ErrorMessage, StringComparison.Ordinal);
        var saved = await app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().Include(p => p.Topics).SingleAsync(p => p.Id == pair.ProgramId));
        Assert.Equal(name, saved.Name);
        Assert.Equal(2, saved.Topics.Count);
    }

    private async Task<(TestPair Pair, Session Session, System.Security.Claims.ClaimsPrincipal Coordinator)> SessionWithAgendaAsync()
    {
        var pair = await app.PairAsync(await app.ProgramAsync(topics: ["AI assistants at work", "Social media basics"]));
        var topicId = pair.Program.Topics.OrderBy(t => t.SortOrder).First().Id;
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, SessionsApp.Now.UtcDateTime.AddDays(2), agenda: [topicId]);
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        return (pair, session, coordinator);
    }
}
