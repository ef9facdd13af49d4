using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Mail;

/// <summary>HR rewords a program's e-mails in Liquid: checked against the kind's placeholders, previewed, saved, reset.</summary>
public sealed class EmailTemplateTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private Task<int> TemplateCountAsync(int programId) =>
        app.ExecuteDbContextAsync(db => db.EmailTemplates.CountAsync(t => t.ProgramId == programId));

    private static EditEmailTemplate.Command Wording(int programId, string subject, string body, EmailKind kind = EmailKind.Invitation) =>
        new() { ProgramId = programId, Kind = kind, Subject = subject, Body = body };

    [Fact]
    public async Task A_customised_invitation_is_used_by_the_next_invitation_with_text_and_HTML_parts_and_encoded_values()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling, name: TestData.Unique("<script>alert(1)</script> Cohort"));
        var hr = await app.PersonAsync(Roles.HrCoordinator, name: "Harriet Hughes");
        await app.SendAsync(Wording(program.Id, "Join {{ program.name }}",
            "Dear colleague,\n\n{{ coordinator.message }}\n\nSign up here: {{ link }}\n\nWith thanks,\n{{ coordinator.name }}"), hr.As);

        var email = Email("ann");
        await app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = email, Message = "We would love you & your ideas on board." }, hr.As);

        var mail = Assert.Single(app.MailTo(email));
        Assert.Equal($"Join {program.Name}", mail.Subject);
        Assert.Contains("Dear colleague,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("We would love you & your ideas on board.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Harriet Hughes", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/Account/Register?invitation=", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Register with this link", mail.TextBody, StringComparison.Ordinal);

        Assert.NotNull(mail.HtmlBody);
        Assert.Contains("<p>Dear colleague,</p>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("We would love you &amp; your ideas on board.", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://localhost:5080/Account/Register?invitation=", mail.HtmlBody, StringComparison.Ordinal);

        // A name with markup appears as text in the HTML part of a mail that names it.
        var other = Email("bob");
        await app.SendAsync(Wording(program.Id, "Join us", "You are invited to {{ program.name }}.\n{{ link }}"), hr.As);
        await app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = other }, hr.As);
        var named = Assert.Single(app.MailTo(other));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Cohort", named.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", named.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> Cohort", named.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_in_invitation_carries_the_programs_objectives_time_commitment_deadline_and_the_coordinators_words()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling, change: p =>
        {
            p.Objectives = "Leaders learn collaboration tools.";
            p.ExpectedSessions = 8;
            p.SessionMinutes = 45;
            p.SessionCadenceDays = 14;
        });
        var hr = await app.PersonAsync(Roles.HrCoordinator, name: "Colin Coordinator");
        var email = Email("cat");

        await app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = email, Message = "Hope to see you there." }, hr.As);

        var mail = Assert.Single(app.MailTo(email));
        Assert.Equal($"You are invited to {program.Name}", mail.Subject);
        Assert.Contains("Leaders learn collaboration tools.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("8 sessions of 45 minutes, every two weeks", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Enrolment closes on {program.EnrolmentClosesOn!.Value.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Hope to see you there.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Colin Coordinator, your HR coordinator", mail.TextBody, StringComparison.Ordinal);
        var saved = await app.ExecuteDbContextAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Email == email));
        Assert.Equal("Hope to see you there.", saved.CoordinatorMessage);
    }

    [Fact]
    public async Task An_unknown_placeholder_is_refused_with_its_name_and_nothing_is_saved()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var message = await TestData.RefusalAsync(() => app.SendAsync(Wording(program.Id, "Hello", "Hi {{ person.salary }}, {{ link }}"), hr.As), "Body");

        Assert.Contains("person.salary", message, StringComparison.Ordinal);
        Assert.Equal(0, await TemplateCountAsync(program.Id));
    }

    [Fact]
    public async Task A_template_that_cannot_be_read_is_refused_and_nothing_is_saved()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var message = await TestData.RefusalAsync(() => app.SendAsync(Wording(program.Id, "Hello", "{% if program.name %}Welcome {{ link }}"), hr.As), "Body");

        Assert.Contains("cannot be read", message, StringComparison.Ordinal);
        Assert.Equal(0, await TemplateCountAsync(program.Id));
    }

    [Theory]
    [InlineData("{{ program.CreatedByUserId }}", "program.CreatedByUserId")]
    [InlineData("{{ person.name }}", "person.name")]
    [InlineData("{{ program }}", "program")]
    [InlineData("{{ program.name.size }}", "program.name.size")]
    public async Task A_subject_reaching_outside_the_kinds_placeholders_is_refused(string subject, string named)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var message = await TestData.RefusalAsync(() => app.SendAsync(Wording(program.Id, subject, "{{ link }}"), hr.As), "Subject");

        Assert.Contains($"{{{{ {named} }}}}", message, StringComparison.Ordinal);
        Assert.Equal(0, await TemplateCountAsync(program.Id));
    }

    [Fact]
    public async Task A_template_may_not_index_or_include()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        Assert.NotNull(await TestData.RefusalAsync(() => app.SendAsync(Wording(program.Id, "Hi", "{{ program[\"name\"] }}"), hr.As), "Body"));
        Assert.NotNull(await TestData.RefusalAsync(() => app.SendAsync(Wording(program.Id, "Hi", "{% include 'secrets' %}"), hr.As), "Body"));
        Assert.Equal(0, await TemplateCountAsync(program.Id));
    }

    [Fact]
    public async Task The_preview_renders_with_the_programs_values_and_saves_nothing()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var preview = await app.SendAsync(new EditEmailTemplate.PreviewQuery(program.Id, EmailKind.Invitation, "About {{ program.name }}",
            "Hello {{ person.email }},\n\nSee https://intranet.example.com/mentoring"), hr.As);

        Assert.Equal($"About {program.Name}", preview.Subject);
        Assert.Contains("Hello alex@example.com,", preview.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://intranet.example.com/mentoring\">", preview.Html, StringComparison.Ordinal);
        Assert.Equal(0, await TemplateCountAsync(program.Id));

        var client = await app.SignedInClientAsync(hr.User);
        var page = await client.PostFormAsync($"/Programs/{program.Id}/Emails/Invitation?handler=Preview", new()
        {
            ["Data.Subject"] = "About {{ program.name }}",
            ["Data.Body"] = "Hello <b>{{ person.email }}</b>",
        }, formPage: $"/Programs/{program.Id}/Emails/Invitation");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Preview (not saved)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>alex@example.com</b>", html, StringComparison.Ordinal);
        Assert.Equal(0, await TemplateCountAsync(program.Id));
    }

    [Fact]
    public async Task The_page_shows_the_refusal_next_to_the_field_and_keeps_what_was_typed()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.PostFormAsync($"/Programs/{program.Id}/Emails/Invitation", new()
        {
            ["Data.Subject"] = "Hello",
            ["Data.Body"] = "Hi {{ person.salary }}",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Unknown placeholder {{ person.salary }}", html, StringComparison.Ordinal);
        Assert.Equal(0, await TemplateCountAsync(program.Id));
    }

    [Fact]
    public async Task Reset_goes_back_to_the_built_in_wording_and_the_list_says_which_are_customised()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        await app.SendAsync(Wording(program.Id, "Yay {{ program.name }}", "Hello {{ person.name }}", EmailKind.EnrolmentApproved), hr.As);

        var list = await app.SendAsync(new ProgramEmailTemplates.Query(program.Id), hr.As);
        Assert.Equal([EmailKind.EnrolmentApproved], list.Kinds.Where(k => k.IsCustomised).Select(k => k.Value));

        await app.SendAsync(new EditEmailTemplate.ResetCommand(program.Id, EmailKind.EnrolmentApproved), hr.As);

        Assert.Equal(0, await TemplateCountAsync(program.Id));
        var form = await app.SendAsync(new EditEmailTemplate.Query(program.Id, EmailKind.EnrolmentApproved), hr.As);
        Assert.False(form.IsCustomised);
        Assert.Equal(EmailKinds.Of(EmailKind.EnrolmentApproved).DefaultBody, form.Body);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Participants_and_leaders_may_neither_edit_nor_see_the_wording(string role)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var person = await app.PersonAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Wording(program.Id, "Hi", "{{ link }}"), person.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(
            new EditEmailTemplate.PreviewQuery(program.Id, EmailKind.Invitation, "Hi", "{{ link }}"), person.As));
        var client = await app.SignedInClientAsync(person.User);
        var response = await client.GetAsync($"/Programs/{program.Id}/Emails/Invitation");
        Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await TemplateCountAsync(program.Id));
    }

    [Fact]
    public async Task An_unknown_program_or_kind_is_not_found_and_one_programs_wording_stays_its_own()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var other = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var client = await app.SignedInClientAsync(hr.User);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Programs/{program.Id}/Emails/Payslip")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Programs/{int.MaxValue}/Emails/Invitation")).StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Wording(int.MaxValue, "Hi", "{{ link }}"), hr.As));

        await app.SendAsync(Wording(program.Id, "Ours {{ program.name }}", "{{ link }}"), hr.As);
        Assert.Equal(0, await TemplateCountAsync(other.Id));
        var otherForm = await app.SendAsync(new EditEmailTemplate.Query(other.Id, EmailKind.Invitation), hr.As);
        Assert.Equal(EmailKinds.Of(EmailKind.Invitation).DefaultSubject, otherForm.Subject);
    }
}
