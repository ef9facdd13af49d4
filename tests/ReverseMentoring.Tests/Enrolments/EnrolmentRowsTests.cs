using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ReverseMentoring.Web.Features.Enrolments;

namespace ReverseMentoring.Tests.Enrolments;

/// <summary>
/// The enrol form's weekly times and skills grow as people need: any number up to <see cref="EnrolmentProfile.MaxRows"/>
/// in one save, more refused with a clear message; without the script the form offers one empty row more each time.
/// </summary>
public sealed class EnrolmentRowsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DayOfWeek[] Days =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Distinct weekly slots: one hour each, three a day from 08:00, 11:00 and 14:00.</summary>
    private static List<EnrolInProgram.Slot> Slots(int count) => Enumerable.Range(0, count)
        .Select(i => new EnrolInProgram.Slot { Day = Days[i % 7], From = new TimeOnly(8 + (3 * (i / 7)), 0), To = new TimeOnly(9 + (3 * (i / 7)), 0) })
        .ToList();

    private async Task<List<EnrolInProgram.SkillLevel>> SkillsAsync(int count)
    {
        var skills = new List<EnrolInProgram.SkillLevel>();
        for (var i = 0; i < count; i++)
        {
            skills.Add(new EnrolInProgram.SkillLevel { SkillId = await app.SkillIdAsync($"Row skill {i:00}"), Level = 1 + (i % 5) });
        }

        return skills;
    }

    [Fact]
    public async Task More_than_three_times_and_skills_are_saved_in_one_go()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var command = await app.EnrolmentFormAsync(program.Id);
        command.Availability = Slots(7);
        command.Availability.Insert(3, new EnrolInProgram.Slot());
        command.Skills = await SkillsAsync(5);

        await app.SendAsync(command, mentor.As);

        var saved = await app.SavedEnrolmentAsync(program.Id, mentor.User.Id);
        Assert.NotNull(saved);
        Assert.Equal(7, saved.Availability.Count);
        Assert.Equal(
            Slots(7).Select(s => (s.Day!.Value, s.From!.Value, s.To!.Value)).Order(),
            saved.Availability.Select(s => (s.Day, s.Starts, s.Ends)).Order());
        Assert.Equal(5, saved.Skills.Count);
    }

    [Fact]
    public async Task Exactly_the_maximum_is_saved()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var command = await app.EnrolmentFormAsync(program.Id);
        command.Availability = Slots(EnrolmentProfile.MaxRows);
        command.Skills = await SkillsAsync(EnrolmentProfile.MaxRows);

        await app.SendAsync(command, mentor.As);

        var saved = await app.SavedEnrolmentAsync(program.Id, mentor.User.Id);
        Assert.Equal((EnrolmentProfile.MaxRows, EnrolmentProfile.MaxRows), (saved!.Availability.Count, saved.Skills.Count));
    }

    [Fact]
    public async Task More_than_the_maximum_times_are_refused_with_a_clear_message_and_nothing_is_saved()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var command = await app.EnrolmentFormAsync(program.Id);
        command.Availability = Slots(EnrolmentProfile.MaxRows + 1);

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(command, mentor.As), nameof(EnrolmentProfile.Availability));

        Assert.Equal($"Give at most {EnrolmentProfile.MaxRows} weekly times; you gave {EnrolmentProfile.MaxRows + 1}. Remove 1 or join some together.", refusal);
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task More_than_the_maximum_skills_are_refused_with_a_clear_message_and_nothing_is_saved()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var command = await app.EnrolmentFormAsync(program.Id);
        command.Skills = await SkillsAsync(EnrolmentProfile.MaxRows + 2);

        var refusal = await TestData.RefusalAsync(() => app.SendAsync(command, mentor.As), nameof(EnrolmentProfile.Skills));

        Assert.Equal($"Give at most {EnrolmentProfile.MaxRows} skills; you gave {EnrolmentProfile.MaxRows + 2}. Keep the ones that matter most.", refusal);
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task Without_the_script_the_form_posts_many_rows_and_opens_again_with_one_empty_row_more()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var client = await app.SignedInClientAsync(mentor.User);
        var url = $"/Participant/Programs/{program.Id}/Enrol";
        var fresh = await client.GetHtmlAsync(url);
        Assert.Equal(1, RowsOf(fresh, "Availability"));
        Assert.Equal(1, RowsOf(fresh, "Skills"));
        Assert.Contains("/js/form-rows.js", fresh, StringComparison.Ordinal);
        Assert.Contains("data-add-row=\"slot-rows\"", fresh, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["Data.Role"] = "Mentor",
            ["Data.Department"] = "Marketing",
            ["Data.JobLevel"] = "Graduate",
            ["Data.Location"] = "Leeds",
            ["Data.TimeZoneId"] = "Europe/London",
            ["Data.Formats"] = "Virtual",
            ["Data.Goals"] = "Learn.",
            ["Data.Consent"] = "true",
        };
        var slots = Slots(5);
        for (var i = 0; i < slots.Count; i++)
        {
            fields[$"Data.Availability[{i}].Day"] = slots[i].Day!.Value.ToString();
            fields[$"Data.Availability[{i}].From"] = slots[i].From!.Value.ToString("HH:mm", CultureInfo.InvariantCulture);
            fields[$"Data.Availability[{i}].To"] = slots[i].To!.Value.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        var skills = await SkillsAsync(4);
        for (var i = 0; i < skills.Count; i++)
        {
            fields[$"Data.Skills[{i}].SkillId"] = skills[i].SkillId!.Value.ToString(CultureInfo.InvariantCulture);
            fields[$"Data.Skills[{i}].Level"] = skills[i].Level!.Value.ToString(CultureInfo.InvariantCulture);
        }

        var response = await client.PostFormAsync(url, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.SavedEnrolmentAsync(program.Id, mentor.User.Id);
        Assert.Equal((5, 4), (saved!.Availability.Count, saved.Skills.Count));
        var again = await client.GetHtmlAsync(url);
        Assert.Equal(6, RowsOf(again, "Availability"));
        Assert.Equal(5, RowsOf(again, "Skills"));
    }

    private static int RowsOf(string html, string list) =>
        Regex.Matches(html, $"name=\"Data\\.{list}\\[(\\d+)\\]\\.(Day|SkillId)\"").Select(m => m.Groups[1].Value).Distinct().Count();
}
