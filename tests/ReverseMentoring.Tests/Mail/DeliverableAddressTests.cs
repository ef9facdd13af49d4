using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Mail;

/// <summary>
/// Addresses the mailer could not use, or would read as somebody else's, are refused where they are entered, by the
/// same test the mailer applies before sending.
/// </summary>
public sealed class DeliverableAddressTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Each with a unique part so tests never collide; the shape is what matters.</summary>
    public static TheoryData<string> Undeliverable() => new()
    {
        "odd;x{0}@example.com",
        "x{0}<victim@example.com>",
        "x{0}<victim@example.com",
        "(c{0})victim@example.com",
        "victim{0}@example.com(c)",
        "group{0}: victim@example.com;",
        "a{0}@example.com, b@example.com",
        "no-domain{0}",
    };

    private static string Unique(string shape) => string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, Guid.NewGuid().ToString("N")[..8]);

    [Theory]
    [MemberData(nameof(Undeliverable))]
    public void The_mailer_refuses_what_entry_refuses(string shape) =>
        Assert.False(DeliverableAddress.TryParse(Unique(shape), out _));

    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("o'brien@example.com")]
    [InlineData("first.last+mentoring@mail.example.co.uk")]
    public void A_plain_address_is_deliverable_as_written(string address)
    {
        Assert.True(DeliverableAddress.TryParse(address, out var mailbox));
        Assert.Equal(address, mailbox.Address);
    }

    [Theory]
    [MemberData(nameof(Undeliverable))]
    public async Task Registration_refuses_it_next_to_the_field(string shape)
    {
        var email = Unique(shape);

        var response = await app.Client().PostFormAsync("/Account/Register", new()
        {
            ["Data.Email"] = email,
            ["Data.DisplayName"] = "Odd Address",
            ["Data.TimeZoneId"] = "Europe/London",
            ["Data.JoiningAs"] = Roles.Mentor,
            ["Data.Password"] = "Fresh-Password-2026",
            ["Data.ConfirmPassword"] = "Fresh-Password-2026",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DeliverableAddress.Message, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Email"));
        Assert.False(await app.ExecuteDbContextAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData("odd;x{0}@example.com")]
    [InlineData("x{0}<victim@example.com>")]
    [InlineData("(c{0})victim@example.com")]
    public async Task A_pasted_invitation_list_refuses_it_with_its_line(string shape)
    {
        var email = Unique(shape);
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await hr.PostFormAsync($"/Programs/{program.Id}/Invitations", new()
        {
            ["Data.Emails"] = $"fine-{Guid.NewGuid():N}@example.com\n{email}",
            ["Data.DefaultRole"] = Roles.Mentor,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<li>Line 2: '{email}' is not an e-mail address.</li>", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await InvitationsAsync(program.Id));
    }

    [Theory]
    [InlineData("odd;x{0}@example.com")]
    [InlineData("x{0}<victim@example.com>")]
    [InlineData("(c{0})victim@example.com")]
    public async Task An_invitation_csv_refuses_it_with_its_line(string shape)
    {
        var email = Unique(shape);
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var csv = Encoding.UTF8.GetBytes($"email,role\n\"{email}\",Mentee\n");
        var file = new FormFile(new MemoryStream(csv), 0, csv.Length, "Data.Csv", "people.csv") { Headers = new HeaderDictionary(), ContentType = "text/csv" };

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Csv = file }, hr));

        var failure = Assert.Single(refused.Failures);
        Assert.Equal((nameof(InviteParticipants.Command.Csv), $"Line 2: '{email}' is not an e-mail address."), (failure.PropertyName, failure.ErrorMessage));
        Assert.Empty(await InvitationsAsync(program.Id));
    }

    [Theory]
    [InlineData("odd;x{0}@example.com")]
    [InlineData("x{0}<victim@example.com>")]
    [InlineData("(c{0})victim@example.com")]
    public async Task A_participant_import_refuses_it_with_its_row(string shape)
    {
        var email = Unique(shape);
        var manager = Unique(shape);
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var csv = "email,name,role,department,job_level,manager_email,location,time_zone,formats,skills,availability,interests,goals\n"
            + $"\"{email}\",Odd Address,Mentor,Marketing,Graduate,\"{manager}\",London,Europe/London,Virtual,AI tools:4,Mon 09:00-10:00,,Share what I know.\n";

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new ImportParticipants.Command { ProgramId = program.Id, Csv = csv }, hr));

        Assert.Equal(
            [$"Row 2, email: '{email}' is not an e-mail address like name@company.com.", "Row 2, manager_email: Enter your manager's e-mail address like name@company.com, or leave it empty."],
            refused.Failures.Select(f => f.ErrorMessage));
        Assert.All(refused.Failures, f => Assert.Equal(nameof(ImportParticipants.Command.Csv), f.PropertyName));
        Assert.Equal(0, await app.EnrolmentCountAsync(program.Id));
    }

    [Theory]
    [InlineData("odd;x{0}@example.com")]
    [InlineData("x{0}<victim@example.com>")]
    [InlineData("(c{0})victim@example.com")]
    public async Task An_enrolment_refuses_it_as_the_managers_address(string shape)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling, formats: SessionFormats.InPerson | SessionFormats.Virtual);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var command = await app.EnrolmentFormAsync(program.Id);
        command.ManagerEmail = Unique(shape);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, mentor.As));

        var failure = Assert.Single(refused.Failures);
        Assert.Equal((nameof(EnrolInProgram.Command.ManagerEmail), "Enter your manager's e-mail address like name@company.com, or leave it empty."),
            (failure.PropertyName, failure.ErrorMessage));
        Assert.Null(await app.SavedEnrolmentAsync(program.Id, mentor.Id));
    }

    [Theory]
    [InlineData("odd;hr@example.com")]
    [InlineData("hr<victim@example.com>")]
    [InlineData("(c)victim@example.com")]
    public void The_app_refuses_to_start_with_it_as_the_first_coordinator(string email)
    {
        using var factory = new AppFactory().With("FirstCoordinator:Email", email);

        var error = Assert.Throws<InvalidOperationException>(() => factory.Services);

        Assert.Contains($"FirstCoordinator:Email '{email}' is not an e-mail address the app can send to", error.Message, StringComparison.Ordinal);
    }

    private Task<List<Invitation>> InvitationsAsync(int programId) =>
        app.ExecuteDbContextAsync(db => db.Invitations.AsNoTracking().Where(i => i.ProgramId == programId).ToListAsync());
}
