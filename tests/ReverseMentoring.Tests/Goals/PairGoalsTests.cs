using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Goals;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Goals;

public sealed class PairGoalsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<int> GoalAsync(TestPair pair, Person owner, string title, int? topicId = null) =>
        app.SendAsync(new SetGoal.Command { PairId = pair.Id, Title = title, TopicId = topicId, Notes = "Start small." }, owner.As);

    private Task<PairGoal> SavedAsync(int id) => app.ExecuteDbContextAsync(db => db.PairGoals.AsNoTracking().SingleAsync(g => g.Id == id));

    [Fact]
    public async Task Each_side_sets_goals_and_both_read_both_sides_goals()
    {
        var pair = await app.PairAsync();
        var topic = pair.Program.Topics.OrderBy(t => t.SortOrder).First();
        var mentorClient = await app.SignedInClientAsync(pair.Mentor.User);
        var url = $"/Participant/Pairs/{pair.Id}/Goals";

        var added = await mentorClient.PostFormAsync(url + "?handler=Add", new() { ["New.Title"] = "Coach without telling", ["New.Notes"] = "Ask, then wait." }, url);
        await GoalAsync(pair, pair.Mentee, "Write prompts for my board papers", topic.Id);
        var menteePage = await (await app.SignedInClientAsync(pair.Mentee.User)).GetHtmlAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Coach without telling", menteePage, StringComparison.Ordinal);
        Assert.Contains("Write prompts for my board papers", menteePage, StringComparison.Ordinal);
        var goals = await app.ExecuteDbContextAsync(db => PairGoals.ForPairAsync(db, pair.Id, CancellationToken.None));
        Assert.Equal(
            [(ParticipantRole.Mentee, "Write prompts for my board papers", topic.Title), (ParticipantRole.Mentor, "Coach without telling", (string?)null)],
            goals.Select(g => (g.OwnerSide, g.Title, g.Topic)));
        Assert.All(goals, g => Assert.Equal(GoalStatus.NotStarted, g.Status));
        Assert.Equal(pair.Mentor.Id, goals.Single(g => g.OwnerSide == ParticipantRole.Mentor).OwnerUserId);
    }

    [Fact]
    public async Task The_owner_changes_their_goal_and_the_other_side_cannot()
    {
        var pair = await app.PairAsync();
        var id = await GoalAsync(pair, pair.Mentor, "Speak up in meetings");
        var goal = await SavedAsync(id);

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(new ChangeGoal.Command
        {
            PairId = pair.Id, GoalId = id, Title = "Taken over", Status = GoalStatus.Dropped, Version = goal.Version,
        }, pair.Mentee.As), "");
        await app.SendAsync(new ChangeGoal.Command
        {
            PairId = pair.Id, GoalId = id, Title = "Speak up in every meeting", Status = GoalStatus.InProgress, Notes = "Twice this week.", Version = goal.Version,
        }, pair.Mentor.As);

        Assert.Equal(PairGoal.NotYoursMessage, refusal);
        var saved = await SavedAsync(id);
        Assert.Equal(("Speak up in every meeting", GoalStatus.InProgress, "Twice this week."), (saved.Title, saved.Status, saved.Notes));
    }

    [Fact]
    public async Task A_goal_or_goals_page_of_another_pair_is_not_found()
    {
        var mine = await app.PairAsync();
        var theirs = await app.PairAsync();
        var theirGoal = await GoalAsync(theirs, theirs.Mentor, "Their goal");
        var version = (await SavedAsync(theirGoal)).Version;
        var client = await app.SignedInClientAsync(mine.Mentor.User);

        var page = await client.GetAsync(new Uri($"/Participant/Pairs/{theirs.Id}/Goals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ChangeGoal.Command
        {
            PairId = mine.Id, GoalId = theirGoal, Title = "Mine now", Version = version,
        }, mine.Mentor.As));
        await Assert.ThrowsAsync<NotFoundException>(() => GoalAsync(theirs, mine.Mentor, "Sneaked in"));
        Assert.Equal("Their goal", (await SavedAsync(theirGoal)).Title);
        Assert.False(await app.ExecuteDbContextAsync(db => db.PairGoals.AnyAsync(g => g.Title == "Sneaked in")));
    }

    [Fact]
    public async Task An_empty_or_too_long_title_or_a_foreign_topic_is_refused_next_to_the_field()
    {
        var pair = await app.PairAsync();
        var otherProgram = await app.ProgramAsync(ProgramStatus.Running);
        var client = await app.SignedInClientAsync(pair.Mentee.User);
        var url = $"/Participant/Pairs/{pair.Id}/Goals";

        var empty = await client.PostFormAsync(url + "?handler=Add", new() { ["New.Title"] = " " }, url);
        var tooLong = await client.PostFormAsync(url + "?handler=Add", new() { ["New.Title"] = new string('g', PairGoal.TitleMaxLength + 1) }, url);
        var topic = await TestData.RefusalAsync(() => GoalAsync(pair, pair.Mentee, "Fine title", otherProgram.Topics.First().Id), "TopicId");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Give the goal a title.", HttpClientForms.FieldError(await empty.Content.ReadAsStringAsync(), "New.Title"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("A title has at most 200 characters; shorten it.", HttpClientForms.FieldError(await tooLong.Content.ReadAsStringAsync(), "New.Title"));
        Assert.Equal("Choose one of the program's topics, or none.", topic);
        Assert.False(await app.ExecuteDbContextAsync(db => db.PairGoals.AnyAsync(g => g.PairId == pair.Id)));
    }

    [Fact]
    public async Task Hr_cannot_read_a_pairs_goals_and_their_words_stay_out_of_the_audit_log()
    {
        var pair = await app.PairAsync();
        var id = await GoalAsync(pair, pair.Mentee, "Stop dreading video calls");
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new ListGoals.Query(pair.Id), AppFactory.PrincipalFor(hr, Roles.HrCoordinator)));
        var audit = await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(PairGoal) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.DoesNotContain("dreading", entry.Changes, StringComparison.Ordinal);
        Assert.Contains(AuditRedactedAttribute.Placeholder, entry.Changes, StringComparison.Ordinal);
    }
}
