using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Tests.Programs;

/// <summary>Who makes the pairs and the settings of each mode: edited with the other matching settings, audited, copied and checked.</summary>
public sealed class MatchingModeSettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_new_program_is_paired_by_hr_with_the_documented_defaults()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var saved = await app.SavedProgramAsync(await app.CreateProgramAsync(hr.As));

        Assert.Equal(
            (MatchingMode.HrLed, 3, 3, 5, false, 2),
            (saved.Matching.Mode, saved.Matching.MaxMentorRequests, saved.Matching.RequestAnswerDays,
                saved.Matching.PreferenceWeight, saved.Matching.RemoveBlockingPairs, saved.Matching.WaitingBonus));
    }

    [Fact]
    public async Task Hr_changes_the_mode_and_its_settings_which_are_audited_and_copied()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var id = await app.CreateProgramAsync(hr.As);

        var edit = await app.SendAsync(new EditProgram.Query(id), hr.As);
        edit.MatchingMode = MatchingMode.PreferenceLed;
        edit.MaxMentorRequests = 4;
        edit.RequestAnswerDays = 5;
        edit.PreferenceWeight = 8;
        edit.RemoveBlockingPairs = true;
        edit.WaitingBonus = 6;
        await app.SendAsync(edit, hr.As);

        var saved = await app.SavedProgramAsync(id);
        Assert.Equal(
            (MatchingMode.PreferenceLed, 4, 5, 8, true, 6),
            (saved.Matching.Mode, saved.Matching.MaxMentorRequests, saved.Matching.RequestAnswerDays,
                saved.Matching.PreferenceWeight, saved.Matching.RemoveBlockingPairs, saved.Matching.WaitingBonus));
        var audit = await app.ExecuteDbContextAsync(db => db.AuditEntries
            .Where(a => a.Entity == nameof(MentoringProgram) && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "Modified")
            .OrderByDescending(a => a.Id).FirstAsync());
        using var changes = JsonDocument.Parse(audit.Changes);
        Assert.Equal((int)MatchingMode.HrLed, changes.RootElement.GetProperty("Matching.Mode").GetProperty("Before").GetInt32());
        Assert.Equal((int)MatchingMode.PreferenceLed, changes.RootElement.GetProperty("Matching.Mode").GetProperty("After").GetInt32());
        Assert.Equal(6, changes.RootElement.GetProperty("Matching.WaitingBonus").GetProperty("After").GetInt32());

        var copyId = await app.SendAsync(new CopyProgram.Command
        {
            SourceId = id,
            Name = TestData.Unique("Copy"),
            StartsOn = TestData.Today.AddDays(60),
            EndsOn = TestData.Today.AddDays(240),
        }, hr.As);
        var copy = await app.SavedProgramAsync(copyId);
        Assert.Equal(
            (MatchingMode.PreferenceLed, 4, 5, 8, true, 6),
            (copy.Matching.Mode, copy.Matching.MaxMentorRequests, copy.Matching.RequestAnswerDays,
                copy.Matching.PreferenceWeight, copy.Matching.RemoveBlockingPairs, copy.Matching.WaitingBonus));
    }

    [Theory]
    [InlineData(nameof(ProgramForm.MaxMentorRequests), 0, "A mentee may request between 1 and 10 mentors.")]
    [InlineData(nameof(ProgramForm.MaxMentorRequests), 11, "A mentee may request between 1 and 10 mentors.")]
    [InlineData(nameof(ProgramForm.RequestAnswerDays), 0, "A mentor answers a request within 1 to 30 days.")]
    [InlineData(nameof(ProgramForm.RequestAnswerDays), 31, "A mentor answers a request within 1 to 30 days.")]
    [InlineData(nameof(ProgramForm.PreferenceWeight), -1, "A weight is between 0 and 10.")]
    [InlineData(nameof(ProgramForm.WaitingBonus), 11, "The bonus is between 0 and 10 points.")]
    [InlineData(nameof(ProgramForm.MatchingMode), 9, "Choose who makes the pairs from the list.")]
    public async Task A_setting_out_of_range_is_refused_next_to_the_field_and_nothing_changes(string field, int value, string message)
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var id = await app.CreateProgramAsync(hr.As);
        var edit = await app.SendAsync(new EditProgram.Query(id), hr.As);
        edit.Name = TestData.Unique("Renamed");
        typeof(ProgramForm).GetProperty(field)!.SetValue(edit, field == nameof(ProgramForm.MatchingMode) ? (MatchingMode)value : value);

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(edit, hr.As), field);

        Assert.Equal(message, refusal);
        var saved = await app.SavedProgramAsync(id);
        Assert.NotEqual(edit.Name, saved.Name);
        Assert.Equal((MatchingMode.HrLed, 3, 3), (saved.Matching.Mode, saved.Matching.MaxMentorRequests, saved.Matching.RequestAnswerDays));
    }
}
