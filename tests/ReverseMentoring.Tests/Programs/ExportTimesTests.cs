using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Audit;
using ReverseMentoring.Web.Features.SessionFeedback;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Tests.Programs;

/// <summary>HR's downloads give their times in the zone of the person downloading, and name it in the header.</summary>
public sealed class ExportTimesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime Start = new(2026, 10, 12, 8, 30, 0, DateTimeKind.Utc);

    private async Task<Person> HrInAsync(string zone)
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == hr.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZoneId, zone)));
        return hr;
    }

    [Fact]
    public async Task Sessions_and_feedback_come_in_the_downloaders_zone_with_the_zone_named()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running);
        var pair = await app.PairAsync(program);
        var session = await app.SessionAsync(pair, SessionStatus.Held, Start);
        await app.FeedbackAsync(pair, session, ParticipantRole.Mentee, 5, atUtc: new DateTime(2026, 10, 12, 23, 30, 0, DateTimeKind.Utc));
        var tokyo = await HrInAsync("Asia/Tokyo");

        var sessions = await app.SendAsync(new ExportSessions.Query(program.Id), tokyo.As);
        var feedback = await app.SendAsync(new ExportFeedback.Query(program.Id), tokyo.As);

        Assert.Equal(ExportSessions.HeaderIn("Asia/Tokyo"), sessions.Header);
        Assert.Contains("Starts (Asia/Tokyo)", sessions.Header);
        Assert.Equal("2026-10-12 17:30", Assert.Single(sessions.Rows)[4]);
        var row = Assert.Single(feedback.Rows);
        Assert.Equal("2026-10-12 17:30", row[0]);
        Assert.Equal("2026-10-13", row[^1]);
        Assert.Equal("Given on (Asia/Tokyo)", feedback.Header[^1]);
    }

    [Fact]
    public async Task The_audit_download_gives_each_change_in_the_downloaders_zone()
    {
        var program = await app.ProgramAsync(ProgramStatus.Running, name: TestData.Unique("Zoned audit"));
        var berlin = await HrInAsync("Europe/Berlin");
        var newest = await app.ExecuteDbContextAsync(db => db.AuditEntries.Where(a => a.ProgramId == program.Id)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Select(a => a.AtUtc).FirstAsync());

        var csv = System.Text.Encoding.UTF8.GetString(await app.SendAsync(
            new ExportAudit.Query(new SearchAudit.Query { ProgramId = program.Id }), berlin.As));

        Assert.Contains("When (Europe/Berlin)", csv, StringComparison.Ordinal);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(newest, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Contains(local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), csv, StringComparison.Ordinal);
    }
}
