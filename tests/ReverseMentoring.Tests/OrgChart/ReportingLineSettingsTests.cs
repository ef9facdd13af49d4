using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Tests.OrgChart;

/// <summary>How deep the reporting-line rule reaches and whether departments stay apart: edited with the other pairing settings, audited and copied.</summary>
public sealed class ReportingLineSettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_new_program_reaches_two_levels_as_before()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var id = await app.CreateProgramAsync(hr.As);

        var saved = await app.SavedProgramAsync(id);
        Assert.Equal((2, false), (saved.Matching.ReportingLineDepth, saved.Matching.SeparateDepartments));
    }

    [Fact]
    public async Task Hr_sets_the_depth_and_separate_departments_which_are_audited_and_copied()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var id = await app.CreateProgramAsync(hr.As);

        var edit = await app.SendAsync(new EditProgram.Query(id), hr.As);
        Assert.Equal(2, edit.ReportingLineDepth);
        edit.ReportingLineDepth = 5;
        edit.SeparateDepartments = true;
        await app.SendAsync(edit, hr.As);

        var saved = await app.SavedProgramAsync(id);
        Assert.Equal((5, true), (saved.Matching.ReportingLineDepth, saved.Matching.SeparateDepartments));
        var audit = await app.ExecuteDbContextAsync(db => db.AuditEntries
            .Where(a => a.Entity == nameof(MentoringProgram) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Modified")
            .OrderByDescending(a => a.Id).FirstAsync());
        using var changes = JsonDocument.Parse(audit.Changes);
        Assert.Equal(2, changes.RootElement.GetProperty("Matching.ReportingLineDepth").GetProperty("Before").GetInt32());
        Assert.Equal(5, changes.RootElement.GetProperty("Matching.ReportingLineDepth").GetProperty("After").GetInt32());
        Assert.True(changes.RootElement.GetProperty("Matching.SeparateDepartments").GetProperty("After").GetBoolean());

        var whole = await app.SendAsync(new EditProgram.Query(id), hr.As);
        whole.ReportingLineDepth = ProgramForm.WholeChain;
        await app.SendAsync(whole, hr.As);
        Assert.Null((await app.SavedProgramAsync(id)).Matching.ReportingLineDepth);
        Assert.Equal(ProgramForm.WholeChain, (await app.SendAsync(new EditProgram.Query(id), hr.As)).ReportingLineDepth);

        var program = await app.SavedProgramAsync(id);
        var copyId = await app.SendAsync(new CopyProgram.Command
        {
            SourceId = id,
            Name = TestData.Unique("Copy"),
            StartsOn = TestData.Today.AddDays(60),
            EndsOn = TestData.Today.AddDays(240),
        }, hr.As);
        var copy = await app.SavedProgramAsync(copyId);
        Assert.Equal((program.Matching.ReportingLineDepth, true), (copy.Matching.ReportingLineDepth, copy.Matching.SeparateDepartments));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(MatchingSettings.MaxReportingLineDepth + 1)]
    public async Task A_depth_out_of_range_is_refused_next_to_the_field(int depth)
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var id = await app.CreateProgramAsync(hr.As);
        var edit = await app.SendAsync(new EditProgram.Query(id), hr.As);
        edit.ReportingLineDepth = depth;

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(edit, hr.As), nameof(ProgramForm.ReportingLineDepth));

        Assert.Equal($"Choose how many levels the reporting-line rule reaches (1 to {MatchingSettings.MaxReportingLineDepth}) or the whole chain.", refusal);
        Assert.Equal(2, (await app.SavedProgramAsync(id)).Matching.ReportingLineDepth);
    }
}
