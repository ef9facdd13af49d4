using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.KnowledgeSharing;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// The figures of the moderate tables (skills, growth, traits, knowledge sharing) are reused while nothing they count
/// has changed. A row added moves the table's highest id; a row changed in place moves nothing of that kind, so these
/// edits must reach the next dashboard at once: a baseline corrected, attendance recorded, a session rated.
/// </summary>
public sealed class ModerateEditsTests(KnowledgeApp app) : IClassFixture<KnowledgeApp>
{
    private static DateTime On(int day) => new(2027, 2, day, 10, 0, 0, DateTimeKind.Utc);

    private static readonly UptakeDashboard.Query February = new() { From = new DateOnly(2027, 2, 1), To = new DateOnly(2027, 2, 28) };

    [Fact]
    public async Task A_changed_self_rating_shows_on_the_next_dashboard()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running);
        var skill = await app.SkillIdAsync(TestData.Unique("Spreadsheets"));
        var pair = await app.PairAsync(program, acceptedAtUtc: On(1));
        var start = await app.SkillRatingAsync(pair, ParticipantRole.Mentee, skill, SkillRatingStage.Start, 2, On(2));
        await app.SkillRatingAsync(pair, ParticipantRole.Mentee, skill, SkillRatingStage.End, 4, On(20));
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var query = new UptakeDashboard.Query { ProgramId = program.Id, From = February.From, To = February.To };
        Assert.Equal(2.0, Moved(await app.SendAsync(query, hr)).Before.Value);

        await app.ExecuteDbContextAsync(async db =>
        {
            (await db.SkillRatings.SingleAsync(r => r.Id == start.Id)).Level = 3;
            await db.SaveChangesAsync();
        });

        Assert.Equal(3.0, Moved(await app.SendAsync(query, hr)).Before.Value);
    }

    [Fact]
    public async Task Attendance_and_ratings_recorded_on_a_session_show_on_the_next_dashboard()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running);
        var host = await app.JuniorAsync(program);
        var senior = await app.SeniorAsync(program);
        var id = await app.KnowledgeSessionAsync(program, host, On(10), change: k => k.SignUp(senior.Id, On(8)));
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var query = new UptakeDashboard.Query { ProgramId = program.Id, From = February.From, To = February.To };
        Assert.Equal(0, (await app.SendAsync(query, hr)).Knowledge.SessionsHeld.Value);

        await ChangeAsync(id, k => k.RecordAttendance([senior.Id], On(10).AddHours(1)));
        var knowledge = (await app.SendAsync(query, hr)).Knowledge;
        Assert.Equal((1, 1), (knowledge.SessionsHeld.Value, knowledge.SeatsAttended.Value));
        Assert.Equal(0, knowledge.AverageRating.Basis);

        await ChangeAsync(id, k => k.GiveFeedback(senior.Id, 4, null, On(10).AddHours(2)));
        knowledge = (await app.SendAsync(query, hr)).Knowledge;
        // One rating: counted, its average hidden below five people (for HR too).
        Assert.Equal(1, knowledge.AverageRating.Basis);
    }

    private static UptakeDashboard.SkillMove Moved(UptakeDashboard.Result result) => Assert.Single(result.Skills);

    private Task ChangeAsync(int id, Action<KnowledgeSession> change) =>
        app.ExecuteDbContextAsync(async db =>
        {
            change(await db.KnowledgeSessions.Include(k => k.Seats).SingleAsync(k => k.Id == id));
            await db.SaveChangesAsync();
        });
}
