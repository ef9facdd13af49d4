using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Enrolments;

/// <summary>The enrol form and HR's import check a profile with the same rules, and say the same thing about it.</summary>
public sealed class EnrolmentProfileValidatorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Header = "email,name,role,department,job_level,manager_email,location,time_zone,formats,skills,availability,interests,goals";

    /// <summary>A mistake in the profile, and the column of the file it is in.</summary>
    public static TheoryData<string, string> Mistakes => new()
    {
        { "long department", "department" },
        { "no job level", "job_level" },
        { "no location", "location" },
        { "bad manager e-mail", "manager_email" },
        { "own e-mail as manager", "manager_email" },
        { "unknown time zone", "time_zone" },
        { "no formats", "formats" },
        { "format the program does not use", "formats" },
        { "slot ends before it starts", "availability" },
        { "overlapping slots", "availability" },
        { "no slots", "availability" },
        { "no skills", "skills" },
        { "level out of range", "skills" },
        { "duplicate skill", "skills" },
        { "long interests", "interests" },
        { "no goals", "goals" },
        { "long goals", "goals" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task The_form_and_the_import_refuse_the_same_profile_with_the_same_message(string mistake, string column)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var profile = await app.EnrolmentFormAsync(program.Id);
        switch (mistake)
        {
            case "long department": profile.Department = new string('d', 101); break;
            case "no job level": profile.JobLevel = null; break;
            case "no location": profile.Location = ""; break;
            case "bad manager e-mail": profile.ManagerEmail = "my boss"; break;
            case "own e-mail as manager": profile.ManagerEmail = mentor.Email.ToUpperInvariant(); break;
            case "unknown time zone": profile.TimeZoneId = "Mars/Olympus_Mons"; break;
            case "no formats": profile.Formats = []; break;
            case "format the program does not use": profile.Formats = [SessionFormats.Group]; break;
            case "slot ends before it starts": profile.Availability[0].To = new TimeOnly(8, 0); break;
            case "overlapping slots": profile.Availability[1] = new EnrolInProgram.Slot { Day = DayOfWeek.Monday, From = new TimeOnly(9, 30), To = new TimeOnly(11, 0) }; break;
            case "no slots": profile.Availability = []; break;
            case "no skills": profile.Skills = []; break;
            case "level out of range": profile.Skills[0].Level = 6; break;
            case "duplicate skill": profile.Skills[1].SkillId = profile.Skills[0].SkillId; break;
            case "long interests": profile.Interests = new string('i', 1001); break;
            case "no goals": profile.Goals = ""; break;
            case "long goals": profile.Goals = new string('g', 2001); break;
            default: throw new ArgumentOutOfRangeException(nameof(mistake));
        }

        var fromForm = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(profile, mentor.As));
        var csv = string.Join("\n", Header, await RowAsync($"first-{Guid.NewGuid():N}@example.com", await app.EnrolmentFormAsync(program.Id)),
            await RowAsync($"second-{Guid.NewGuid():N}@example.com", await app.EnrolmentFormAsync(program.Id)), await RowAsync(mentor.Email, profile));
        var fromImport = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = csv }, hr));

        var message = Assert.Single(fromForm.Failures).ErrorMessage;
        Assert.Equal([$"Row 4, {column}: {message}"], fromImport.Failures.Select(f => f.ErrorMessage));
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task A_row_that_breaks_several_rules_lists_each_in_the_order_of_the_columns()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var profile = await app.EnrolmentFormAsync(program.Id);
        profile.Goals = "";
        profile.Department = null;
        profile.Availability[0].To = new TimeOnly(8, 0);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(async () => await app.SendAsync(new ImportParticipants.Command
        {
            ProgramId = program.Id,
            Csv = Header + "\n" + await RowAsync($"several-{Guid.NewGuid():N}@example.com", profile),
        }, hr));

        Assert.Equal(
        [
            "Row 2, department: Enter your department.",
            "Row 2, availability: The end time must be after the start time.",
            "Row 2, goals: Say in your own words what you hope to get from the program.",
        ], refused.Failures.Select(f => f.ErrorMessage));
    }

    /// <summary>The profile as a row of the import file, every value quoted.</summary>
    private async Task<string> RowAsync(string email, EnrolInProgram.Command profile)
    {
        var ids = profile.Skills.Where(s => s.SkillId is not null).Select(s => s.SkillId!.Value).ToList();
        var names = await app.ExecuteDbContextAsync(db => db.Skills.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name));
        string Time(TimeOnly? time) => time!.Value.ToString("HH:mm", CultureInfo.InvariantCulture);
        string[] values =
        [
            email,
            "Test Mentor",
            profile.Role.ToString()!,
            profile.Department ?? "",
            profile.JobLevel ?? "",
            profile.ManagerEmail ?? "",
            profile.Location ?? "",
            profile.TimeZoneId ?? "",
            string.Join(";", profile.Formats),
            string.Join(";", profile.Skills.Where(s => s.SkillId is not null).Select(s => $"{names[s.SkillId!.Value]}:{s.Level}")),
            string.Join(";", profile.Availability.Where(s => s.Day is not null).Select(s => $"{s.Day} {Time(s.From)}-{Time(s.To)}")),
            profile.Interests ?? "",
            profile.Goals ?? "",
        ];
        return string.Join(",", values.Select(v => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }
}
