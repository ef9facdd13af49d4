using System.Net;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Audit;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Audit;

/// <summary>
/// The audit log reads as HR works: one row per action, named in words, with every record it touched; fields as on the
/// forms, status names instead of numbers, people by name with the id kept for hover; filtered by program and by the
/// person a change is about.
/// </summary>
public sealed class AuditForHumansTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(Person Hr, MentoringProgram Program, Enrolment Enrolment, Person Mentee)> ApprovedAsync()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator, Unique("Harriet"));
        var program = await app.ProgramAsync(ProgramStatus.Enrolling, name: Unique("Audited"));
        var mentee = await app.PersonAsync(Roles.Mentee, Unique("Petra Pending"));
        var enrolment = await app.EnrolAsync(program, mentee, ParticipantRole.Mentee, EnrolmentStatus.Pending);
        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version }, hr.As);
        return (hr, program, enrolment, mentee);
    }

    [Fact]
    public async Task An_approval_reads_as_one_action_with_the_status_in_words_and_who_decided_by_name()
    {
        var (hr, program, enrolment, mentee) = await ApprovedAsync();

        var result = await app.SendAsync(new SearchAudit.Query { ProgramId = program.Id, Who = hr.User.DisplayName }, hr.As);

        var row = Assert.Single(result.Rows);
        Assert.Equal("Approve enrolment", row.Title);
        var record = Assert.Single(row.Records);
        Assert.Equal(("Enrolment", enrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (record.Label, record.EntityId));
        Assert.Equal(new SearchAudit.Change("Status", "Pending", "Approved"), record.Changes.Single(c => c.Field == "Status"));
        var decidedBy = record.Changes.Single(c => c.Field == "Decided by");
        Assert.Equal((hr.User.DisplayName, hr.User.Id), (decidedBy.After, decidedBy.AfterHint));
        Assert.DoesNotContain(record.Changes, c => c.Field is "Version" or "Id");
        Assert.DoesNotContain(record.Changes, c => c.Field.EndsWith("Utc", StringComparison.Ordinal) || c.Field.EndsWith("Id", StringComparison.Ordinal));

        var html = WebUtility.HtmlDecode(await (await app.SignedInClientAsync(hr.User)).GetHtmlAsync($"/Audit?Data.ProgramId={program.Id}"));
        Assert.Contains("Approve enrolment", html, StringComparison.Ordinal);
        Assert.Contains($"title=\"{hr.User.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(mentee.User.DisplayName + " #", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_program_is_one_action_holding_the_program_and_its_topics_with_formats_in_words()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator, Unique("Creator"));
        var topics = 0;
        var id = await app.CreateProgramAsync(hr.As, c =>
        {
            c.Formats = [SessionFormats.InPerson, SessionFormats.Virtual];
            topics = c.Topics.Count(t => !string.IsNullOrWhiteSpace(t.Title));
        });

        var row = Assert.Single((await app.SendAsync(new SearchAudit.Query { ProgramId = id }, hr.As)).Rows);

        Assert.Equal("Create program", row.Title);
        Assert.Equal("Program", row.Records[0].Label);
        Assert.True(topics > 0);
        Assert.Equal(topics, row.Records.Count(r => r.Label == "Program topic"));
        Assert.Equal("In person, Virtual", row.Records[0].Changes.Single(c => c.Field == "Formats").After);
        Assert.Equal("Pairs meet every (days)", row.Records[0].Changes.Single(c => c.Field.StartsWith("Pairs meet", StringComparison.Ordinal)).Field);
        Assert.All(row.Records.Where(r => r.Label == "Program topic"), r => Assert.Contains(r.Changes, c => c.Field == "Program" && c.AfterHint == $"#{id}"));
    }

    [Fact]
    public async Task Filtering_by_program_and_by_the_person_a_change_is_about()
    {
        var (hr, program, enrolment, mentee) = await ApprovedAsync();
        var (_, other, _, _) = await ApprovedAsync();

        var about = await app.SendAsync(new SearchAudit.Query { About = mentee.User.DisplayName }, hr.As);
        var byProgram = await app.SendAsync(new SearchAudit.Query { ProgramId = other.Id }, hr.As);

        // The mentee's own enrolment (added by them) and HR's approval of it, nothing of the other program.
        Assert.Equal(["Approve enrolment", "Added enrolment"], about.Rows.Select(r => r.Title));
        Assert.All(about.Rows.SelectMany(r => r.Records), r => Assert.Equal((nameof(Enrolment), enrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (r.Entity, r.EntityId)));
        Assert.NotEmpty(byProgram.Rows);
        Assert.DoesNotContain(byProgram.Rows.SelectMany(r => r.Records), r => r.Entity == nameof(Enrolment) && r.EntityId == enrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(program.Id, await app.ExecuteDbContextAsync(db => db.AuditEntries.Where(a => a.Entity == nameof(Enrolment) && a.EntityId == enrolment.Id.ToString()).Select(a => a.ProgramId).FirstAsync()));
    }

    [Fact]
    public async Task Too_broad_a_person_is_refused_next_to_the_field()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var crowd = Unique("Crowd");
        for (var i = 0; i <= SearchAudit.MaxPeopleAbout; i++)
        {
            await app.CreateUserAsync(Roles.Mentor, name: $"{crowd} {i}");
        }

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new SearchAudit.Query { About = crowd }, hr.As));

        Assert.Equal(("About", SearchAudit.TooManyPeopleMessage), (Assert.Single(refused.Failures).PropertyName, refused.Failures[0].ErrorMessage));
        var page = await (await app.SignedInClientAsync(hr.User)).GetAsync(new Uri($"/Audit?Data.About={Uri.EscapeDataString(crowd)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(SearchAudit.TooManyPeopleMessage, HttpClientForms.FieldError(await page.Content.ReadAsStringAsync(), "Data.About"));
    }

    [Fact]
    public async Task The_csv_names_the_action_the_record_type_the_program_and_the_fields_as_shown()
    {
        var (hr, program, enrolment, _) = await ApprovedAsync();

        var response = await (await app.SignedInClientAsync(hr.User)).GetAsync(new Uri($"/Audit?handler=Csv&Data.ProgramId={program.Id}&Data.Who={Uri.EscapeDataString(hr.User.DisplayName)}", UriKind.Relative));

        var body = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.StartsWith(string.Join(",", ExportAudit.HeaderIn("UTC")) + "\r\n", body, StringComparison.Ordinal);
        using var text = new StringReader(body);
        await using var csv = CsvReader.Create(text, new CsvReaderOptions());
        await csv.ReadHeaderAsync();
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
        }

        var status = rows.Single(r => r[7] == "Status");
        Assert.Equal(["Approve enrolment", "Modified", "Enrolment", enrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), program.Name, "Status", "Pending", "Approved"], status[2..]);
    }

    [Fact]
    public async Task A_bulk_approval_is_one_action_showing_its_first_records_and_counting_the_rest()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator, Unique("Bulk"));
        var program = await app.ProgramAsync(ProgramStatus.Enrolling, name: Unique("Bulk audited"));
        var ids = new List<int>();
        for (var i = 0; i < SearchAudit.RecordsShown + 3; i++)
        {
            ids.Add((await app.EnrolAsync(program, await app.PersonAsync(Roles.Mentor, Unique("Mentor")), ParticipantRole.Mentor, EnrolmentStatus.Pending)).Id);
        }

        await app.SendAsync(new BulkDecideEnrolments.Command { ProgramId = program.Id, Decision = BulkDecideEnrolments.Decision.Approve, Ids = ids }, hr.As);

        var row = Assert.Single((await app.SendAsync(new SearchAudit.Query { ProgramId = program.Id, Who = hr.User.DisplayName }, hr.As)).Rows);
        Assert.Equal("Bulk decide enrolments", row.Title);
        Assert.Equal((SearchAudit.RecordsShown, ids.Count, 3), (row.Records.Count, row.RecordCount, row.RecordsNotShown));
        var html = await (await app.SignedInClientAsync(hr.User)).GetHtmlAsync($"/Audit?Data.ProgramId={program.Id}");
        Assert.Contains("And 3 more records.", html, StringComparison.Ordinal);

        // Start-up data and jobs' own saves are not one action: each of their entries stands alone.
        Assert.Equal(0, await app.ExecuteDbContextAsync(db => db.AuditEntries.CountAsync(a => a.ActionName == "" && a.ActionKey != "")));
    }
}
