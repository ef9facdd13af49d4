using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Security;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Enrolments;

public sealed partial class ImportParticipantsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Header = "email,name,role,department,job_level,manager_email,location,time_zone,formats,skills,availability,interests,goals";

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private static string Line(string email, string name = "Amara Okafor", string role = "Mentor", string skills = "AI tools:4;Social media:3",
        string availability = "Mon 09:00-10:00;Wed 14:00-15:30", string timeZone = "Europe/London", string formats = "InPerson;Virtual",
        string manager = "", string department = "Marketing", string goals = "Share what I know.", string interests = "Photography") =>
        $"{email},{name},{role},{department},Graduate,{manager},London,{timeZone},{formats},\"{skills}\",\"{availability}\",{interests},{goals}";

    private static string File(params string[] lines) => Header + "\n" + string.Join("\n", lines) + "\n";

    private Task<int> UsersNamedAsync(params string[] emails) =>
        app.ExecuteDbContextAsync(db => db.Users.CountAsync(u => emails.Contains(u.Email!)));

    [Fact]
    public async Task A_coordinator_imports_approved_participants_and_creates_missing_accounts()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var existing = await app.PersonAsync(Roles.Mentor);
        var newcomer = NewEmail("new");
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var csv = File(
            Line(existing.Email!, name: "Ignored Name", role: "mentee", skills: "Fintech:2", manager: "boss@example.com"),
            Line(newcomer, name: "Liam Chen", timeZone: "America/New_York", availability: "Tue 9:00-10:30"));

        var result = await app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = csv }, hr.As);

        Assert.Equal((2, 1), (result.Imported, result.NewAccounts));
        Assert.Equal("Imported 2 participants (1 new account, each invited by e-mail to set a password).", result.Summary);
        var created = await app.ExecuteDbContextAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == newcomer));
        Assert.Equal(("Liam Chen", "America/New_York", false, null), (created.DisplayName, created.TimeZoneId, created.EmailConfirmed, created.PasswordHash));
        Assert.Equal([Roles.Mentor], await app.RolesOfAsync(created.Id));
        Assert.Equal([Roles.Mentee, Roles.Mentor], (await app.RolesOfAsync(existing.Id)).Order());
        Assert.Equal("Test Mentor", (await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Id == existing.Id))).DisplayName);

        var mine = await app.SavedEnrolmentAsync(program.Id, existing.Id);
        Assert.Equal((ParticipantRole.Mentee, EnrolmentStatus.Approved, "boss@example.com", hr.Id), (mine!.Role, mine.Status, mine.ManagerEmail, mine.DecidedByUserId));
        Assert.Equal([(await app.SkillIdAsync("Fintech"), 2, SkillDirection.Learn)], mine.Skills.Select(s => (s.SkillId, s.Level, s.Direction)));
        Assert.NotNull(mine.ConsentedAtUtc);
        var history = Assert.Single(mine.History);
        Assert.Equal(("Imported by HR", hr.Id), (history.Event, history.ByUserId));
        Assert.Contains("Consent to the program's terms was collected by HR.", history.Detail, StringComparison.Ordinal);

        var theirs = await app.SavedEnrolmentAsync(program.Id, created.Id);
        Assert.Equal((ParticipantRole.Mentor, "America/New_York", SessionFormats.InPerson | SessionFormats.Virtual), (theirs!.Role, theirs.TimeZoneId, theirs.Formats));
        Assert.Equal([(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(10, 30))], theirs.Availability.Select(s => (s.Day, s.Starts, s.Ends)));
        Assert.All(theirs.Skills, s => Assert.Equal(SkillDirection.Teach, s.Direction));
    }

    [Fact]
    public async Task A_new_account_is_invited_by_email_and_claims_itself_through_the_link()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var newcomer = NewEmail("claim");
        await app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = File(Line(newcomer, name: "Nina Kowalski", role: "Mentee", skills: "Fintech:1")) }, hr.As);

        var invitation = await app.ExecuteDbContextAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Email == newcomer));
        Assert.Equal((Roles.Mentee, program.Id), (invitation.Role, invitation.ProgramId));
        var token = MailLinks.InvitationToken(Assert.Single(app.MailTo(newcomer)));
        Assert.Equal(Invitation.HashOf(token), invitation.TokenHash);

        // The imported account has no password; the invitation's link lets its owner set one.
        var client = app.Client();
        var registered = await client.PostFormAsync("/Account/Register", new()
        {
            ["Data.Email"] = newcomer,
            ["Data.DisplayName"] = "Nina K.",
            ["Data.TimeZoneId"] = "Europe/Warsaw",
            ["Data.Password"] = "Claimed-Account-2026",
            ["Data.ConfirmPassword"] = "Claimed-Account-2026",
            ["Data.InvitationToken"] = token,
        }, $"/Account/Register?invitation={token}");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal($"/Participant/Programs/{program.Id}", registered.Headers.Location?.OriginalString);
        var user = await app.ExecuteDbContextAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == newcomer));
        Assert.Equal(("Nina K.", "Europe/Warsaw", true), (user.DisplayName, user.TimeZoneId, user.EmailConfirmed));
        Assert.Equal(EnrolmentStatus.Approved, (await app.SavedEnrolmentAsync(program.Id, user.Id))!.Status);
        var signIn = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = newcomer, ["Data.Password"] = "Claimed-Account-2026" });
        Assert.Equal("/Participant", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_account_with_a_password_cannot_be_claimed_by_an_invitation()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var owner = await app.PersonAsync(Roles.Mentor);
        var invitation = await app.InvitationAsync(program.Id, Roles.Mentor, owner.Email, expiresAtUtc: DateTime.UtcNow.AddDays(7));

        var response = await app.Client().PostFormAsync("/Account/Register", new()
        {
            ["Data.Email"] = owner.Email!,
            ["Data.DisplayName"] = "Someone Else",
            ["Data.TimeZoneId"] = "UTC",
            ["Data.Password"] = "Taken-Over-2026-x",
            ["Data.ConfirmPassword"] = "Taken-Over-2026-x",
            ["Data.InvitationToken"] = invitation.Token!,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("An account with this e-mail address exists already. Sign in instead.", HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Email"));
        Assert.Equal("Test Mentor", (await app.ExecuteDbContextAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == owner.Id))).DisplayName);
    }

    [Fact]
    public async Task A_file_of_the_largest_size_imports_whole()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var batch = Guid.NewGuid().ToString("N");
        var csv = File(Enumerable.Range(0, ImportParticipants.MaxRows).Select(i => Line($"p{i}-{batch}@bulk.example.com", name: $"Person {i}")).ToArray());

        var result = await app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = csv }, hr.As);

        Assert.Equal((ImportParticipants.MaxRows, ImportParticipants.MaxRows), (result.Imported, result.NewAccounts));
        Assert.Equal(ImportParticipants.MaxRows, await app.EnrolmentCountAsync(program.Id));
        Assert.Equal(ImportParticipants.MaxRows, await app.ExecuteDbContextAsync(db => (
            from userRole in db.UserRoles
            join user in db.Users on userRole.UserId equals user.Id
            where user.Email!.EndsWith($"-{batch}@bulk.example.com")
            select userRole).CountAsync()));
    }

    public static TheoryData<string, string> BadRows => new()
    {
        { "malformed e-mail", "Row 3, email: 'not-an-email' is not an e-mail address like name@company.com." },
        { "missing name", "Row 3, name: enter the participant's name." },
        { "bad role", "Row 3, role: 'Boss' is not a role; write Mentor or Mentee." },
        { "unknown skill", "Row 3, skills: 'Blockchain' is not in the skill catalogue." },
        { "bad level", "Row 3, skills: Choose a level from 1 (beginner) to 5 (expert)." },
        { "duplicate skill", "Row 3, skills: AI tools is listed twice. Keep it once, with one level." },
        { "no skills", "Row 3, skills: Add at least one skill you can teach." },
        { "bad time zone", "Row 3, time_zone: Choose your time zone from the list." },
        { "malformed availability", "Row 3, availability: 'Mon 9-10' is not a time slot; write it like 'Mon 09:00-10:00'." },
        { "backwards slot", "Row 3, availability: The end time must be after the start time." },
        { "overlapping slots", "Row 3, availability: Monday 09:00-10:00 and Monday 09:30-11:00 overlap. Merge them into one time slot." },
        { "no availability", "Row 3, availability: Add at least one weekly time when you can meet." },
        { "unknown format", "Row 3, formats: 'Zoom' is not a format; use InPerson, Virtual or Group." },
        { "format the program does not use", "Row 3, formats: Choose at least one way of meeting that this program uses: in person or virtual." },
        { "own manager", "Row 3, manager_email: Enter your manager's e-mail address, not your own." },
        { "overlong goals", "Row 3, goals: Goals have at most 2,000 characters." },
        { "overlong department", "Row 3, department: A department has at most 100 characters." },
        { "missing goals", "Row 3, goals: Say in your own words what you hope to get from the program." },
        { "wrong column count", "Row 3: it has 12 columns but the header has 13. Check for a missing or extra comma, or put quotes around values that contain commas." },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task A_bad_row_is_reported_and_nothing_is_imported(string mistake, string message)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var good = NewEmail("good");
        var email = NewEmail("bad");
        var bad = mistake switch
        {
            "malformed e-mail" => Line("not-an-email"),
            "missing name" => Line(email, name: ""),
            "bad role" => Line(email, role: "Boss"),
            "unknown skill" => Line(email, skills: "Blockchain:3"),
            "bad level" => Line(email, skills: "AI tools:9"),
            "duplicate skill" => Line(email, skills: "AI tools:4;ai tools:2"),
            "no skills" => Line(email, skills: ""),
            "bad time zone" => Line(email, timeZone: "Mars/Base"),
            "malformed availability" => Line(email, availability: "Mon 9-10"),
            "backwards slot" => Line(email, availability: "Mon 10:00-09:00"),
            "overlapping slots" => Line(email, availability: "Mon 09:00-10:00;Monday 09:30-11:00"),
            "no availability" => Line(email, availability: ""),
            "unknown format" => Line(email, formats: "Zoom"),
            "format the program does not use" => Line(email, formats: "Group"),
            "own manager" => Line(email, manager: email.ToUpperInvariant()),
            "overlong goals" => Line(email, goals: new string('g', 2001)),
            "overlong department" => Line(email, department: new string('d', 101)),
            "missing goals" => Line(email, goals: ""),
            "wrong column count" => Line(email)[..Line(email).LastIndexOf(',')],
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = File(Line(good), bad) }, hr.As));

        Assert.Equal([message], invalid.Failures.Select(f => f.ErrorMessage));
        Assert.All(invalid.Failures, f => Assert.Equal("Csv", f.PropertyName));
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
        Assert.Equal(0, await UsersNamedAsync(good, email));
    }

    [Fact]
    public async Task Every_problem_is_listed_row_by_row()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var enrolled = await app.PersonAsync(Roles.Mentor);
        await app.SubmitEnrolmentAsync(program, enrolled);
        var twice = NewEmail("twice");
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ImportParticipants.Command
        {
            ProgramId = program.Id,
            Csv = File(Line(twice), Line(twice.ToUpperInvariant()), Line(enrolled.Email!), Line(NewEmail("x"), skills: "Blockchain:2", role: "Chief")),
        }, hr.As));

        Assert.Equal(
        [
            $"Row 3, email: {twice.ToUpperInvariant()} appears twice in the file (also row 2).",
            $"Row 4, email: {enrolled.Email} is already enrolled in this program.",
            "Row 5, role: 'Chief' is not a role; write Mentor or Mentee.",
            "Row 5, skills: 'Blockchain' is not in the skill catalogue.",
        ], invalid.Failures.Select(f => f.ErrorMessage));
        Assert.Equal(1, await app.EnrolmentCountAsync(program.Id));
        Assert.Equal(0, await UsersNamedAsync(twice));
    }

    [Fact]
    public async Task An_apostrophe_in_an_email_address_is_imported_and_can_sign_in_later()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var awkward = $"o'brien-{Guid.NewGuid():N}@example.com";

        var result = await app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = File(Line(awkward, name: "Michael O'Brien")) }, hr.As);

        Assert.Equal((1, 1), (result.Imported, result.NewAccounts));
        Assert.Equal(1, await UsersNamedAsync(awkward));
        Assert.Equal(1, await app.ExecuteDbContextAsync(db => db.Invitations.CountAsync(i => i.Email == awkward)));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "empty", "Choose a CSV file to upload. Its first line names the columns; download the template to start from." },
        { "header only", "The file has a header but no participants." },
        { "missing columns", "The first line must name the columns. Missing: availability, goals. Download the template to see them all." },
        { "unterminated quote", "The file is not valid CSV at row 2: check its quotes. Save it again as CSV (comma-separated) and retry." },
        { "too many rows", "The file has more than 2,000 participants. Split it into files of at most 2,000 rows." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_cannot_be_read_is_refused_whole(string mistake, string message)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var csv = mistake switch
        {
            "empty" => "",
            "header only" => Header + "\n",
            "missing columns" => "email,name,role,department,job_level,manager_email,location,time_zone,formats,skills,interests\n" + "a@example.com,A,Mentor,IT,Junior,,Paris,UTC,Virtual,AI tools:3,\n",
            "unterminated quote" => File(Line(NewEmail("q"), name: "\"Amara")),
            "too many rows" => File(Enumerable.Range(0, ImportParticipants.MaxRows + 1).Select(i => Line($"person{i}@bulk.example.com")).ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = csv }, hr.As));

        Assert.Equal([message], invalid.Failures.Select(f => f.ErrorMessage));
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Fact]
    public async Task An_archived_program_takes_no_import()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling, archived: true);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = File(Line(NewEmail("late"))) }, hr.As));

        Assert.Equal("This program is archived and takes no more participants.", invalid.Failures.Single().ErrorMessage);
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_coordinators_import(string role)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var person = await app.PersonAsync(role);
        var email = NewEmail("sneak");

        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = File(Line(email)) }, person.As));

        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
        Assert.Equal(0, await UsersNamedAsync(email));
        var client = await app.SignedInClientAsync(role);
        var page = await client.GetAsync(new Uri($"/Programs/{program.Id}/Enrolments/Import", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/Account/AccessDenied", page.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_upload_page_shows_the_report_or_imports_and_says_how_many()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Enrolments/Import";
        var email = NewEmail("upload");

        var rejected = await UploadAsync(client, url, File(Line(email, skills: "Blockchain:3")));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var report = await rejected.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was imported", report, StringComparison.Ordinal);
        Assert.Contains("Row 2, skills: &#x27;Blockchain&#x27; is not in the skill catalogue.", report, StringComparison.Ordinal);
        Assert.Equal(0, await UsersNamedAsync(email));

        var imported = await UploadAsync(client, url, File(Line(email)));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal($"/Programs/{program.Id}/Enrolments", imported.Headers.Location?.OriginalString);
        var list = await client.GetHtmlAsync($"/Programs/{program.Id}/Enrolments");
        Assert.Contains("Imported 1 participant (1 new account, each invited by e-mail to set a password).", list, StringComparison.Ordinal);
        Assert.Contains(email, list, StringComparison.Ordinal);

        var template = await client.GetAsync(new Uri($"{url}?handler=Template", UriKind.Relative));
        Assert.Equal("text/csv", template.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(Header, await template.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string csv)
    {
        var page = await client.GetHtmlAsync(url);
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "participants.csv");
        return await client.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
