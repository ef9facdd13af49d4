using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Goals;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.Goals;

public sealed class GoalProgressInLogTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateTime HoursAgo(double hours) => DateTime.UtcNow.AddHours(-hours);

    private static LogSession.Command Log(Session session, params LogSession.GoalTick[] goals) => new()
    {
        SessionId = session.Id,
        HeldMinutes = 50,
        Notes = "We tried an assistant on a real e-mail.",
        Goals = [.. goals],
        Version = session.Version,
    };

    private Task<int> GoalAsync(TestPair pair, Person owner, string title) =>
        app.SendAsync(new SetGoal.Command { PairId = pair.Id, Title = title }, owner.As);

    private Task<List<GoalProgress>> ProgressAsync(int sessionId) =>
        app.ExecuteDbContextAsync(db => db.ProgressOnGoals.AsNoTracking().Where(p => p.SessionId == sessionId).OrderBy(p => p.GoalId).ToListAsync());

    [Fact]
    public async Task The_session_log_ticks_progress_on_the_pairs_goals_and_moves_my_own_goals_status()
    {
        var pair = await app.PairAsync();
        var mine = await GoalAsync(pair, pair.Mentee, "Use an assistant for e-mail");
        var partners = await GoalAsync(pair, pair.Mentor, "Explain without jargon");
        var untouched = await GoalAsync(pair, pair.Mentee, "Try a new tool each month");
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));

        await app.SendAsync(Log(session,
            new LogSession.GoalTick { GoalId = mine, Moved = true, Note = "Drafted two replies.", Status = GoalStatus.InProgress },
            new LogSession.GoalTick { GoalId = partners, Moved = true },
            new LogSession.GoalTick { GoalId = untouched, Moved = false, Status = GoalStatus.NotStarted }), pair.Mentee.As);

        var progress = await ProgressAsync(session.Id);
        Assert.Equal([(mine, "Drafted two replies."), (partners, "")], progress.Select(p => (p.GoalId, p.Note)));
        Assert.All(progress, p => Assert.Equal(pair.Mentee.Id, p.ByUserId));
        var goals = await app.ExecuteDbContextAsync(db => PairGoals.ForPairAsync(db, pair.Id, CancellationToken.None));
        Assert.Equal(GoalStatus.InProgress, goals.Single(g => g.Id == mine).Status);
        Assert.Equal(GoalStatus.NotStarted, goals.Single(g => g.Id == partners).Status);
        Assert.Equal([1, 1, 0], new[] { mine, partners, untouched }.Select(id => goals.Single(g => g.Id == id).ProgressCount));

        // Correcting the log later: an unticked goal loses its record for this session.
        var held = await app.SavedSessionAsync(session.Id);
        await app.SendAsync(Log(held, new LogSession.GoalTick { GoalId = mine, Moved = false }, new LogSession.GoalTick { GoalId = partners, Moved = true, Note = "Fewer acronyms." }), pair.Mentor.As);
        Assert.Equal([(partners, "Fewer acronyms.")], (await ProgressAsync(session.Id)).Select(p => (p.GoalId, p.Note)));
    }

    [Fact]
    public async Task The_log_form_offers_the_pairs_goals_and_after_logging_offers_a_reflection()
    {
        var pair = await app.PairAsync();
        var goal = await GoalAsync(pair, pair.Mentor, "Lead a meeting with seniors");
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));
        var client = await app.SignedInClientAsync(pair.Mentor.User);
        var url = $"/Participant/Sessions/Log/{session.Id}";

        var form = await client.GetHtmlAsync(url);
        var logged = await client.PostFormAsync(url, new()
        {
            ["Data.Version"] = session.Version.ToString(),
            ["Data.HeldMinutes"] = "45",
            ["Data.Goals[0].GoalId"] = goal.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Data.Goals[0].Moved"] = "true",
            ["Data.Goals[0].Note"] = "Chaired the stand-up.",
            ["Data.Goals[0].Status"] = "Achieved",
        });
        var landing = await client.GetHtmlAsync(logged.Headers.Location!.ToString());

        Assert.Contains("Lead a meeting with seniors", form, StringComparison.Ordinal);
        Assert.Contains($"name=\"Data.Goals[0].GoalId\" value=\"{goal}\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        Assert.Contains($"href=\"/Participant/Journal/Write?sessionId={session.Id}\">Reflect on this session</a>", landing, StringComparison.Ordinal);
        Assert.Equal("Chaired the stand-up.", Assert.Single(await ProgressAsync(session.Id)).Note);
        var saved = await app.ExecuteDbContextAsync(db => db.PairGoals.AsNoTracking().SingleAsync(g => g.Id == goal));
        Assert.Equal(GoalStatus.Achieved, saved.Status);
    }

    [Fact]
    public async Task Ticking_another_pairs_goal_or_moving_the_partners_status_saves_nothing_of_the_log()
    {
        var pair = await app.PairAsync();
        var other = await app.PairAsync();
        var foreign = await GoalAsync(other, other.Mentee, "Not yours");
        var partners = await GoalAsync(pair, pair.Mentor, "Explain without jargon");
        var session = await app.SessionAsync(pair, SessionStatus.Scheduled, HoursAgo(3));

        var foreignRefusal = await TestData.RefusalAsync(() => app.SendAsync(Log(session, new LogSession.GoalTick { GoalId = foreign, Moved = true }), pair.Mentee.As), "Goals");
        var statusRefusal = await TestData.RefusalAsync(() =>
            app.SendAsync(Log(session, new LogSession.GoalTick { GoalId = partners, Moved = true, Status = GoalStatus.Achieved }), pair.Mentee.As), "");
        var longNote = await TestData.RefusalAsync(() =>
            app.SendAsync(Log(session, new LogSession.GoalTick { GoalId = partners, Moved = true, Note = new string('n', GoalProgress.NoteMaxLength + 1) }), pair.Mentee.As), "Goals[0].Note");

        Assert.Equal("Tick your own pair's goals, each once.", foreignRefusal);
        Assert.Equal(PairGoal.NotYoursMessage, statusRefusal);
        Assert.Equal("A note on a goal has at most 500 characters; shorten it.", longNote);
        Assert.Equal(SessionStatus.Scheduled, (await app.SavedSessionAsync(session.Id)).Status);
        Assert.Empty(await ProgressAsync(session.Id));
        Assert.Equal(GoalStatus.NotStarted, (await app.ExecuteDbContextAsync(db => db.PairGoals.AsNoTracking().SingleAsync(g => g.Id == partners))).Status);
    }
}
