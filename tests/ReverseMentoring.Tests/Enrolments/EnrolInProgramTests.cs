using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Enrolments;

public sealed class EnrolInProgramTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_mentor_enrols_with_a_full_profile_and_waits_for_review()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var command = await app.EnrolmentFormAsync(program.Id);
        var before = DateTime.UtcNow.AddSeconds(-1);

        await app.SendAsync(command, mentor.As);

        var saved = await app.SavedEnrolmentAsync(program.Id, mentor.Id);
        Assert.NotNull(saved);
        Assert.Equal((ParticipantRole.Mentor, EnrolmentStatus.Pending), (saved.Role, saved.Status));
        Assert.Equal(("Marketing", "Graduate", command.ManagerEmail, "London", "Europe/London"),
            (saved.Department, saved.JobLevel, saved.ManagerEmail, saved.Location, saved.TimeZoneId));
        Assert.Equal(SessionFormats.Virtual, saved.Formats);
        Assert.Equal(("Photography and gaming.", "Help a senior leader feel at home with AI tools."), (saved.Interests, saved.Goals));
        Assert.InRange(saved.ConsentedAtUtc!.Value, before, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(
            [(await app.SkillIdAsync("AI tools"), 4, SkillDirection.Teach), (await app.SkillIdAsync("Social media"), 3, SkillDirection.Teach)],
            saved.Skills.OrderByDescending(s => s.Level).Select(s => (s.SkillId, s.Level, s.Direction)));
        Assert.Equal(
            [(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(10, 0)), (DayOfWeek.Wednesday, new TimeOnly(14, 0), new TimeOnly(15, 30))],
            saved.Availability.OrderBy(s => s.Day).Select(s => (s.Day, s.Starts, s.Ends)));
        var history = Assert.Single(saved.History);
        Assert.Equal(("Submitted", mentor.Id), (history.Event, history.ByUserId));
    }

    [Fact]
    public async Task A_mentee_lists_the_skills_they_want_to_learn()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentee = await app.PersonAsync(Roles.Mentee);

        var saved = await app.SubmitEnrolmentAsync(program, mentee, ParticipantRole.Mentee);

        Assert.Equal(ParticipantRole.Mentee, saved.Role);
        Assert.All(saved.Skills, s => Assert.Equal(SkillDirection.Learn, s.Direction));
    }

    public static TheoryData<string, string, string> InvalidProfiles => new()
    {
        { "no role", "Role", "Choose whether you take part as a mentor or as a mentee." },
        { "role not held", "Role", "You can only take part as a role you hold, and you are not a mentee. Ask your HR coordinator if you should be." },
        { "no department", "Department", "Enter your department." },
        { "long department", "Department", "A department has at most 100 characters." },
        { "no job level", "JobLevel", "Enter your job level, for example Graduate, Manager or Director." },
        { "long job level", "JobLevel", "A job level has at most 100 characters." },
        { "no location", "Location", "Enter where you work: an office or a city." },
        { "long location", "Location", "A location has at most 100 characters." },
        { "bad manager e-mail", "ManagerEmail", "Enter your manager's e-mail address like name@company.com, or leave it empty." },
        { "own e-mail as manager", "ManagerEmail", "Enter your manager's e-mail address, not your own." },
        { "unknown time zone", "TimeZoneId", "Choose your time zone from the list." },
        { "no formats", "Formats", "Choose at least one way of meeting that this program uses: in person or virtual." },
        { "format the program does not use", "Formats", "Choose at least one way of meeting that this program uses: in person or virtual." },
        { "no slots", "Availability", "Add at least one weekly time when you can meet." },
        { "slot ends before it starts", "Availability[0].To", "The end time must be after the start time." },
        { "slot without a day", "Availability[0].Day", "Choose a day." },
        { "overlapping slots", "Availability", "Monday 09:00-10:00 and Monday 09:30-11:00 overlap. Merge them into one time slot." },
        { "no skills", "Skills", "Add at least one skill you can teach." },
        { "skill without a level", "Skills[0].Level", "Choose a level from 1 (beginner) to 5 (expert)." },
        { "level out of range", "Skills[0].Level", "Choose a level from 1 (beginner) to 5 (expert)." },
        { "duplicate skill", "Skills[1].SkillId", "AI tools is listed twice. Keep it once, with one level." },
        { "unknown skill", "Skills[0].SkillId", "Unknown skill: choose one from the list." },
        { "retired skill", "Skills[0].SkillId", "Unknown skill: choose one from the list." },
        { "long interests", "Interests", "Interests have at most 1,000 characters." },
        { "no goals", "Goals", "Say in your own words what you hope to get from the program." },
        { "long goals", "Goals", "Goals have at most 2,000 characters." },
        { "no consent", "Consent", "Tick the box to agree to the program's terms; you cannot take part without agreeing." },
    };

    [Theory]
    [MemberData(nameof(InvalidProfiles))]
    public async Task An_invalid_profile_is_explained_and_nothing_is_saved(string mistake, string field, string message)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling, formats: SessionFormats.InPerson | SessionFormats.Virtual);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var command = await app.EnrolmentFormAsync(program.Id);
        var aiTools = await app.SkillIdAsync("AI tools");
        switch (mistake)
        {
            case "no role": command.Role = null; break;
            case "role not held": command.Role = ParticipantRole.Mentee; break;
            case "no department": command.Department = " "; break;
            case "long department": command.Department = new string('d', 101); break;
            case "no job level": command.JobLevel = null; break;
            case "long job level": command.JobLevel = new string('j', 101); break;
            case "no location": command.Location = ""; break;
            case "long location": command.Location = new string('l', 101); break;
            case "bad manager e-mail": command.ManagerEmail = "my boss"; break;
            case "own e-mail as manager": command.ManagerEmail = mentor.Email!.ToUpperInvariant(); break;
            case "unknown time zone": command.TimeZoneId = "Mars/Olympus_Mons"; break;
            case "no formats": command.Formats = []; break;
            case "format the program does not use": command.Formats = [SessionFormats.Group]; break;
            case "no slots": command.Availability = [new EnrolInProgram.Slot()]; break;
            case "slot ends before it starts": command.Availability[0].To = new TimeOnly(8, 0); break;
            case "slot without a day": command.Availability[0].Day = null; break;
            case "overlapping slots": command.Availability[1] = new EnrolInProgram.Slot { Day = DayOfWeek.Monday, From = new TimeOnly(9, 30), To = new TimeOnly(11, 0) }; break;
            case "no skills": command.Skills = [new EnrolInProgram.SkillLevel()]; break;
            case "skill without a level": command.Skills[0].Level = null; break;
            case "level out of range": command.Skills[0].Level = 6; break;
            case "duplicate skill": command.Skills[1].SkillId = aiTools; break;
            case "unknown skill": command.Skills[0].SkillId = 999_999; break;
            case "retired skill":
                var retired = new Skill { Name = $"Retired {Guid.NewGuid():N}", IsRetired = true };
                await app.ExecuteDbContextAsync(async db =>
                {
                    db.Skills.Add(retired);
                    await db.SaveChangesAsync();
                });
                command.Skills[0].SkillId = retired.Id;
                break;
            case "long interests": command.Interests = new string('i', 1001); break;
            case "no goals": command.Goals = ""; break;
            case "long goals": command.Goals = new string('g', 2001); break;
            case "no consent": command.Consent = false; break;
            default: throw new ArgumentOutOfRangeException(nameof(mistake));
        }

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, mentor.As));

        Assert.Contains(invalid.Failures, f => f.PropertyName == field && f.ErrorMessage == message);
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task The_form_shows_each_mistake_next_to_its_field()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.Mentor);
        var url = $"/Participant/Programs/{program.Id}/Enrol";

        var response = await client.PostFormAsync(url, new()
        {
            ["Data.Role"] = "Mentor",
            ["Data.Department"] = "",
            ["Data.JobLevel"] = "Graduate",
            ["Data.Location"] = "Leeds",
            ["Data.TimeZoneId"] = "Europe/London",
            ["Data.Formats"] = "Virtual",
            ["Data.Availability[0].Day"] = "Monday",
            ["Data.Availability[0].From"] = "10:00",
            ["Data.Availability[0].To"] = "09:00",
            ["Data.Skills[0].SkillId"] = "",
            ["Data.Skills[0].Level"] = "",
            ["Data.Goals"] = "Learn.",
            ["Data.Consent"] = "false",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Enter your department.", HttpClientForms.FieldError(html, "Data.Department"));
        Assert.Equal("The end time must be after the start time.", HttpClientForms.FieldError(html, "Data.Availability[0].To"));
        Assert.Equal("Add at least one skill you can teach.", HttpClientForms.FieldError(html, "Data.Skills"));
        Assert.Equal("Tick the box to agree to the program's terms; you cannot take part without agreeing.", HttpClientForms.FieldError(html, "Data.Consent"));
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task The_form_enrols_and_returns_to_the_program_page_showing_the_status()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.Mentee);
        var url = $"/Participant/Programs/{program.Id}/Enrol";
        var form = await client.GetHtmlAsync(url);
        Assert.Contains("You take part as a <strong>mentee (senior)</strong>", form, StringComparison.Ordinal);
        // One empty row to fill; the page's script adds more in place.
        Assert.Contains("name=\"Data.Availability[0].Day\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Data.Availability[1].Day\"", form, StringComparison.Ordinal);

        var response = await client.PostFormAsync(url, new()
        {
            ["Data.Role"] = "Mentee",
            ["Data.Department"] = "Finance",
            ["Data.JobLevel"] = "Director",
            ["Data.Location"] = "Leeds",
            ["Data.TimeZoneId"] = "Europe/London",
            ["Data.Formats"] = "InPerson",
            ["Data.Availability[0].Day"] = "Tuesday",
            ["Data.Availability[0].From"] = "08:00",
            ["Data.Availability[0].To"] = "09:00",
            ["Data.Availability[1].Day"] = "",
            ["Data.Skills[0].SkillId"] = (await app.SkillIdAsync("Fintech")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Data.Skills[0].Level"] = "1",
            ["Data.Skills[1].SkillId"] = "",
            ["Data.Goals"] = "Understand how younger customers handle money.",
            ["Data.Consent"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Participant/Programs/{program.Id}", response.Headers.Location?.OriginalString);
        var page = await client.GetHtmlAsync($"/Participant/Programs/{program.Id}");
        Assert.Contains("Pending review", page, StringComparison.Ordinal);
        Assert.Contains("AI assistants at work", page, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Programs/{program.Id}/Resources", page, StringComparison.Ordinal);
        var home = await client.GetHtmlAsync("/Participant");
        Assert.Contains(program.Name, home, StringComparison.Ordinal);
        Assert.Equal(1, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task A_person_enrols_only_once_in_a_program()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        await app.SubmitEnrolmentAsync(program, mentor);

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(async () => await app.SendAsync(await app.EnrolmentFormAsync(program.Id), mentor.As));

        Assert.Contains(invalid.Failures, f => f.PropertyName == "ProgramId" && f.ErrorMessage == "You are already enrolled in this program.");
        Assert.Equal(1, await app.EnrolmentCountAsync(program.Id));
    }

    public static TheoryData<string> ClosedPrograms => ["closed window", "not yet open", "matching", "draft with an enrolment", "archived"];

    [Theory]
    [MemberData(nameof(ClosedPrograms))]
    public async Task A_program_outside_its_enrolment_window_or_state_refuses_enrolment(string why)
    {
        var closesOn = TestData.Today.AddDays(-1);
        var opensOn = TestData.Today.AddDays(3);
        var program = await app.ProgramAsync(ProgramStatus.Enrolling, change: p =>
        {
            switch (why)
            {
                case "closed window": p.EnrolmentClosesOn = closesOn; break;
                case "not yet open": p.EnrolmentOpensOn = opensOn; break;
                case "matching": p.Status = ProgramStatus.Matching; break;
                case "archived": p.ArchivedAtUtc = DateTime.UtcNow; break;
            }
        });
        var mentor = await app.PersonAsync(Roles.Mentor);
        if (why == "draft with an enrolment")
        {
            await app.SubmitEnrolmentAsync(program, mentor);
            await app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == program.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProgramStatus.Draft)));
        }

        var command = await app.EnrolmentFormAsync(program.Id);
        command.Version = (await app.SavedEnrolmentAsync(program.Id, mentor.Id))?.Version;
        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, mentor.As));

        var expected = why switch
        {
            "closed window" => $"Enrolment for this program closed on {closesOn.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}.",
            "not yet open" => $"Enrolment for this program opens on {opensOn.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}.",
            "archived" => "This program is archived and takes no more enrolments.",
            _ => "This program is not open for enrolment.",
        };
        Assert.Contains(invalid.Failures, f => f.PropertyName == "ProgramId" && f.ErrorMessage == expected);
        Assert.Equal(why == "draft with an enrolment" ? 1 : 0, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public void The_closing_date_reads_as_a_day_month_and_year()
    {
        var program = new MentoringProgram { Status = ProgramStatus.Enrolling, EnrolmentClosesOn = new DateOnly(2027, 3, 14) };

        Assert.Equal("Enrolment for this program closed on 14 Mar 2027.", EnrolmentRules.Refusal(program, new DateOnly(2027, 3, 15)));
        Assert.Null(EnrolmentRules.Refusal(program, new DateOnly(2027, 3, 14)));
    }

    [Fact]
    public async Task A_draft_program_does_not_exist_for_participants()
    {
        var program = await app.ProgramAsync(ProgramStatus.Draft);
        var person = await app.PersonAsync(Roles.Mentor);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ViewProgram.Query(program.Id), person.As));
        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(await app.EnrolmentFormAsync(program.Id), person.As));
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task Editing_keeps_an_approved_enrolment_approved_and_records_what_changed()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var enrolment = await app.SubmitEnrolmentAsync(program, mentor);
        await app.ExecuteDbContextAsync(db => db.Enrolments.Where(e => e.Id == enrolment.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EnrolmentStatus.Approved)));
        var form = await app.SendAsync(new EnrolInProgram.FormQuery(program.Id), mentor.As);
        var command = form.Current;
        Assert.Equal(enrolment.Version, command.Version);
        command.Department = "Sales";
        command.Skills[0].Level = 5;
        command.Availability.Add(new EnrolInProgram.Slot { Day = DayOfWeek.Friday, From = new TimeOnly(16, 0), To = new TimeOnly(17, 0) });

        await app.SendAsync(command, mentor.As);

        var saved = await app.SavedEnrolmentAsync(program.Id, mentor.Id);
        Assert.Equal((EnrolmentStatus.Approved, "Sales", 3), (saved!.Status, saved.Department, saved.Availability.Count));
        Assert.Equal(5, saved.Skills.Single(s => s.SkillId == command.Skills[0].SkillId).Level);
        Assert.NotEqual(enrolment.Version, saved.Version);
        var edited = saved.History.OrderBy(h => h.Id).Last();
        Assert.Equal(("Edited", "Changed department, availability and skills."), (edited.Event, edited.Detail));
    }

    [Fact]
    public async Task An_edit_from_a_stale_form_is_refused_and_nothing_changes()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var enrolment = await app.SubmitEnrolmentAsync(program, mentor);
        var first = (await app.SendAsync(new EnrolInProgram.FormQuery(program.Id), mentor.As)).Current;
        var second = (await app.SendAsync(new EnrolInProgram.FormQuery(program.Id), mentor.As)).Current;
        first.Department = "Legal";
        await app.SendAsync(first, mentor.As);
        second.Department = "Sales";
        second.Skills = [new EnrolInProgram.SkillLevel { SkillId = await app.SkillIdAsync("Fintech"), Level = 2 }];

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(second, mentor.As));

        Assert.Contains("Reload to see the changes; yours were not saved.", invalid.Failures.Single().ErrorMessage, StringComparison.Ordinal);
        var saved = await app.SavedEnrolmentAsync(program.Id, mentor.Id);
        Assert.Equal("Legal", saved!.Department);
        Assert.Equal(2, saved.Skills.Count);
        Assert.Equal(["Submitted", "Edited"], saved.History.OrderBy(h => h.Id).Select(h => h.Event));
        Assert.Equal(enrolment.Id, saved.Id);
    }

    [Fact]
    public async Task Withdrawing_keeps_the_history_and_enrolling_again_reuses_the_enrolment()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var enrolment = await app.SubmitEnrolmentAsync(program, mentor);

        await app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = "Too busy this quarter." }, mentor.As);

        var withdrawn = await app.SavedEnrolmentAsync(program.Id, mentor.Id);
        Assert.Equal(EnrolmentStatus.Withdrawn, withdrawn!.Status);
        Assert.Equal(("Withdrawn", "Too busy this quarter."), withdrawn.History.OrderBy(h => h.Id).Select(h => (h.Event, h.Detail)).Last());
        var form = await app.SendAsync(new EnrolInProgram.FormQuery(program.Id), mentor.As);
        Assert.True(form.IsReEnrolment);
        Assert.Null(form.Current.Version);
        Assert.Equal("Marketing", form.Current.Department);
        form.Current.Consent = true;

        await app.SendAsync(form.Current, mentor.As);

        var again = await app.SavedEnrolmentAsync(program.Id, mentor.Id);
        Assert.Equal((enrolment.Id, EnrolmentStatus.Pending), (again!.Id, again.Status));
        Assert.Equal(["Submitted", "Withdrawn", "Re-enrolled"], again.History.OrderBy(h => h.Id).Select(h => h.Event));
        Assert.Equal(1, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task Withdrawing_twice_is_refused()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var enrolment = await app.SubmitEnrolmentAsync(program, mentor);
        await app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = enrolment.Id, Version = enrolment.Version }, mentor.As);
        var withdrawn = await app.SavedEnrolmentAsync(program.Id, mentor.Id);

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = enrolment.Id, Version = withdrawn!.Version }, mentor.As));

        Assert.Equal("You have already withdrawn from this program.", invalid.Failures.Single().ErrorMessage);
        Assert.Equal("No reason given.", withdrawn!.History.OrderBy(h => h.Id).Last().Detail);
    }

    [Fact]
    public async Task The_withdraw_page_asks_for_confirmation_before_withdrawing()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var enrolment = await app.SubmitEnrolmentAsync(program, mentor);
        var client = app.Client();
        await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = mentor.Email!, ["Data.Password"] = AppFactory.Password });
        var url = $"/Participant/Programs/{program.Id}/Withdraw";

        var confirm = await client.GetHtmlAsync(url);
        Assert.Contains("Yes, withdraw", confirm, StringComparison.Ordinal);
        Assert.Equal(EnrolmentStatus.Pending, (await app.SavedEnrolmentAsync(program.Id, mentor.Id))!.Status);
        var response = await client.PostFormAsync(url, new()
        {
            ["Data.EnrolmentId"] = enrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Data.Version"] = enrolment.Version.ToString(),
            ["Data.Reason"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(EnrolmentStatus.Withdrawn, (await app.SavedEnrolmentAsync(program.Id, mentor.Id))!.Status);
        var stranger = await app.SignedInClientAsync(Roles.Mentor);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_participant_cannot_read_edit_or_withdraw_another_persons_enrolment()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var owner = await app.PersonAsync(Roles.Mentor);
        var enrolment = await app.SubmitEnrolmentAsync(program, owner);
        var stranger = await app.PersonAsync(Roles.Mentor);

        var view = await app.SendAsync(new ViewProgram.Query(program.Id), stranger.As);
        var form = await app.SendAsync(new EnrolInProgram.FormQuery(program.Id), stranger.As);
        var edit = await app.EnrolmentFormAsync(program.Id);
        edit.Version = enrolment.Version;
        edit.Department = "Hijacked";

        Assert.Null(view.Enrolment);
        Assert.Null(form.Status);
        Assert.NotEqual("Marketing", form.Current.Department);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(edit, stranger.As));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = enrolment.Id, Version = enrolment.Version }, stranger.As));
        var saved = await app.SavedEnrolmentAsync(program.Id, owner.Id);
        Assert.Equal((EnrolmentStatus.Pending, "Marketing"), (saved!.Status, saved.Department));
    }

    [Theory]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Only_mentors_and_mentees_enrol(string role)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var person = await app.PersonAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(async () => await app.SendAsync(await app.EnrolmentFormAsync(program.Id), person.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = 1 }, person.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ViewProgram.Query(program.Id), person.As));
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task A_person_holding_both_roles_chooses_which_one_to_take()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var both = await app.PersonAsync(Roles.Mentor, alsoRole: Roles.Mentee);

        var form = await app.SendAsync(new EnrolInProgram.FormQuery(program.Id), both.As);
        Assert.Equal([ParticipantRole.Mentor, ParticipantRole.Mentee], form.Roles);
        Assert.Null(form.Current.Role);
        var saved = await app.SubmitEnrolmentAsync(program, both, ParticipantRole.Mentee);

        Assert.Equal(ParticipantRole.Mentee, saved.Role);
    }

    [Fact]
    public async Task The_home_page_lists_my_enrolments_and_links_open_programs_to_enrol()
    {
        var open = await app.ProgramAsync(ProgramStatus.Enrolling);
        var closed = await app.ProgramAsync(ProgramStatus.Enrolling, change: p => p.EnrolmentClosesOn = TestData.Today.AddDays(-2));
        var mentor = await app.PersonAsync(Roles.Mentor);
        await app.SubmitEnrolmentAsync(open, mentor);

        var home = await app.SendAsync(new MyMentoring.Query(), mentor.As);

        var mine = Assert.Single(home.Enrolments);
        Assert.Equal((open.Id, ParticipantRole.Mentor, EnrolmentStatus.Pending), (mine.ProgramId, mine.Role, mine.Status));
        Assert.True(home.OpenPrograms.Single(p => p.Id == open.Id).AcceptsEnrolments);
        Assert.False(home.OpenPrograms.Single(p => p.Id == closed.Id).AcceptsEnrolments);
        Assert.False(await app.ExecuteDbContextAsync(db => db.Enrolments.AnyAsync(e => e.ProgramId == closed.Id)));
    }
}
