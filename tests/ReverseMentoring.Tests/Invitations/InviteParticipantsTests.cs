using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Security;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Invitations;

public sealed class InviteParticipantsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private static FormFile Csv(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new FormFile(new MemoryStream(bytes), 0, bytes.Length, "Data.Csv", "people.csv") { Headers = new HeaderDictionary(), ContentType = "text/csv" };
    }

    private Task<List<Invitation>> InvitationsOf(int programId) =>
        app.ExecuteDbContextAsync(db => db.Invitations.AsNoTracking().Where(i => i.ProgramId == programId).OrderBy(i => i.Id).ToListAsync());

    private async Task<IReadOnlyList<string>> RefusalsAsync(InviteParticipants.Command command)
    {
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, hr));
        return refused.Failures.Select(f => f.ErrorMessage).ToList();
    }

    [Fact]
    public async Task HR_invites_pasted_people_and_each_gets_an_email_with_their_own_link()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var (ann, bob) = (Email("ann"), Email("bob"));
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Invitations";

        var response = await client.PostFormAsync(url, new()
        {
            ["Data.Emails"] = $"{ann}\r\n\r\n{bob},Mentee\r\n",
            ["Data.DefaultRole"] = Roles.Mentor,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var invitations = await InvitationsOf(program.Id);
        Assert.Equal([(ann, Roles.Mentor), (bob, Roles.Mentee)], invitations.Select(i => (i.Email, i.Role)));
        Assert.All(invitations, i => Assert.Equal(30, (i.ExpiresAtUtc - i.InvitedAtUtc).TotalDays, 3));
        foreach (var invitation in invitations)
        {
            var mail = Assert.Single(app.MailTo(invitation.Email));
            Assert.Equal($"You are invited to {program.Name}", mail.Subject);
            var token = MailLinks.InvitationToken(mail);
            Assert.Contains($"http://localhost:5080/Account/Register?invitation={token}", mail.TextBody, StringComparison.Ordinal);
            Assert.Equal(Invitation.HashOf(token), invitation.TokenHash);
        }

        Assert.True(await app.ExecuteDbContextAsync(db => db.OutboxMessages.AnyAsync(n => n.Key == $"invitation:{invitations[0].Id}" && n.SentAtUtc != null)));
        var html = await client.GetHtmlAsync(url);
        Assert.Contains("2 people invited.", html, StringComparison.Ordinal);
        Assert.Contains(ann, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HR_invites_from_a_csv_file_with_a_role_per_row()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var (ann, bob) = (Email("ann"), Email("bob"));

        var result = await app.SendAsync(new InviteParticipants.Command
        {
            ProgramId = program.Id,
            DefaultRole = Roles.Mentee,
            Csv = Csv($"Email,Role\n{ann},mentor\n{bob},\n"),
        }, (await app.PersonAsync(Roles.HrCoordinator)).As);

        Assert.Equal(new InviteParticipants.Result(2), result);
        Assert.Equal([(ann, Roles.Mentor), (bob, Roles.Mentee)], (await InvitationsOf(program.Id)).Select(i => (i.Email, i.Role)));
        Assert.Single(app.MailTo(ann));
        Assert.Single(app.MailTo(bob));
    }

    public static TheoryData<string, string> BadLines => new()
    {
        { "keep@example.com\nsue@example.com\nbob@", "Line 3: 'bob@' is not an e-mail address." },
        { "keep@example.com\nann@example.com,Boss", "Line 2: 'Boss' is not a role. Write Mentor or Mentee, or leave it out to use the role chosen below." },
        { "keep@example.com\nann@example.com\nANN@example.com", "Line 3: ANN@example.com is on line 2 already. List each person once." },
        { "keep@example.com\nann@example.com,Mentor,extra", "Line 2: 'ann@example.com,Mentor,extra' is not an e-mail address." },
        { "keep@example.com\n" + new string('a', 250) + "@example.com", "Line 2: the e-mail address is longer than 256 characters." },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task A_list_with_a_wrong_line_is_reported_line_by_line_and_nobody_is_invited(string lines, string message)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);

        var errors = await RefusalsAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = lines });

        Assert.Equal([message], errors);
        Assert.Empty(await InvitationsOf(program.Id));
        Assert.Empty(app.MailTo("keep@example.com"));
    }

    [Fact]
    public async Task Someone_invited_already_and_not_expired_is_refused_but_an_expired_invitation_may_be_renewed()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var (open, expired) = (Email("open"), Email("expired"));
        await app.InvitationAsync(program.Id, email: open, expiresAtUtc: DateTime.UtcNow.AddDays(3));
        await app.InvitationAsync(program.Id, email: expired, invitedAtUtc: DateTime.UtcNow.AddDays(-40), expiresAtUtc: DateTime.UtcNow.AddDays(-10));

        var errors = await RefusalsAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = $"{expired}\n{open.ToUpperInvariant()}" });

        var error = Assert.Single(errors);
        Assert.StartsWith($"Line 2: {open} is invited to this program already, until ", error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, (await InvitationsOf(program.Id)).Count);

        await app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = expired }, (await app.PersonAsync(Roles.HrCoordinator)).As);
        Assert.Equal(3, (await InvitationsOf(program.Id)).Count);
    }

    [Fact]
    public async Task More_than_500_people_at_once_are_refused()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var lines = string.Join("\n", Enumerable.Range(1, 501).Select(i => $"person{i}@example.com"));

        var errors = await RefusalsAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = lines });

        Assert.Equal(["The list has 501 people; invite at most 500 at a time. Split the list and send each part."], errors);
        Assert.Empty(await InvitationsOf(program.Id));
    }

    [Fact]
    public async Task A_csv_file_without_the_email_header_is_refused()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);

        var errors = await RefusalsAsync(new InviteParticipants.Command { ProgramId = program.Id, Csv = Csv("ann@example.com,Mentor\n") });

        Assert.Equal(["Line 1: the CSV file needs a header row with the columns email,role."], errors);
    }

    [Fact]
    public async Task A_bad_csv_row_is_reported_with_its_line_in_the_file()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);

        var errors = await RefusalsAsync(new InviteParticipants.Command { ProgramId = program.Id, Csv = Csv("email,role\nann@example.com,Mentor\n\nnot-an-email,Mentee\n") });

        Assert.Equal(["Line 4: 'not-an-email' is not an e-mail address."], errors);
        Assert.Empty(await InvitationsOf(program.Id));
    }

    [Theory]
    [InlineData(ProgramStatus.Closed, false, "This program is closed; it takes no new invitations.")]
    [InlineData(ProgramStatus.Enrolling, true, "This program is archived; it takes no new invitations.")]
    public async Task A_closed_or_archived_program_takes_no_invitations(ProgramStatus status, bool archived, string message)
    {
        var program = await app.ProgramAsync(status, archived);

        var errors = await RefusalsAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = Email("late") });

        Assert.Equal([message], errors);
        Assert.Empty(await InvitationsOf(program.Id));
    }

    [Fact]
    public async Task The_page_shows_every_wrong_line_and_keeps_what_was_typed()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.PostFormAsync($"/Programs/{program.Id}/Invitations", new()
        {
            ["Data.Emails"] = "ann@example.com\nbob@\nann@example.com,Chief",
            ["Data.DefaultRole"] = Roles.Mentor,
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nobody was invited.", html, StringComparison.Ordinal);
        Assert.Contains("<li>Line 2: 'bob@' is not an e-mail address.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Line 3: ann@example.com is on line 1 already. List each person once.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Line 3: 'Chief' is not a role.", html, StringComparison.Ordinal);
        Assert.Contains("bob@", html[html.IndexOf("<textarea", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Empty(await InvitationsOf(program.Id));
    }

    [Fact]
    public async Task An_empty_form_asks_for_emails_or_a_file()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.PostFormAsync($"/Programs/{program.Id}/Invitations", new() { ["Data.Emails"] = " ", ["Data.DefaultRole"] = "Boss" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Paste at least one e-mail address, or upload a CSV file.", html, StringComparison.Ordinal);
        Assert.Equal("Choose the role of the people invited: Mentor or Mentee.", HttpClientForms.FieldError(html, "Data.DefaultRole"));
    }

    [Fact]
    public async Task The_list_says_so_when_nobody_is_invited_yet()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{program.Id}/Invitations");

        Assert.Contains("No invitations yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resending_sends_a_new_link_renews_the_expiry_and_the_earlier_link_stops_working()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var email = Email("again");
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        await app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = email }, hr);
        var before = Assert.Single(await InvitationsOf(program.Id));
        await app.ExecuteDbContextAsync(db => db.Invitations.Where(i => i.Id == before.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAtUtc, DateTime.UtcNow.AddDays(-1))));

        var resent = await app.SendAsync(new ResendInvitation.Command(program.Id, before.Id), hr);

        var after = Assert.Single(await InvitationsOf(program.Id));
        Assert.True(after.ExpiresAtUtc > DateTime.UtcNow.AddDays(29));
        Assert.Equal(email, resent.Email);
        var mails = app.MailTo(email);
        Assert.Equal(2, mails.Count);
        var (first, second) = (MailLinks.InvitationToken(mails[0]), MailLinks.InvitationToken(mails[1]));
        var (earlier, newer) = Invitation.HashOf(first) == before.TokenHash ? (first, second) : (second, first);
        Assert.NotEqual(earlier, newer);
        Assert.Equal(Invitation.HashOf(newer), after.TokenHash);
        Assert.Null(await app.SendAsync(new Register.InviteQuery(earlier)));
        Assert.Equal(email, (await app.SendAsync(new Register.InviteQuery(newer)))?.Email);
    }

    [Fact]
    public async Task Revoking_ends_the_invitation_at_once_and_its_link_stops_working()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        await app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = Email("gone") }, hr);
        var invitation = Assert.Single(await InvitationsOf(program.Id));
        var token = MailLinks.InvitationToken(Assert.Single(app.MailTo(invitation.Email)));
        Assert.NotNull(await app.SendAsync(new Register.InviteQuery(token)));
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Invitations/{invitation.Id}/Revoke";
        Assert.Contains($"Revoke the invitation to {invitation.Email}?", await client.GetHtmlAsync(url), StringComparison.Ordinal);

        var response = await client.PostFormAsync(url, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var revoked = Assert.Single(await InvitationsOf(program.Id));
        Assert.True(revoked.ExpiresAtUtc <= DateTime.UtcNow);
        Assert.Null(await app.SendAsync(new Register.InviteQuery(token)));
        Assert.Contains("Expired", await client.GetHtmlAsync($"/Programs/{program.Id}/Invitations"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accepted_invitation_can_be_neither_resent_nor_revoked()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var invitation = await app.InvitationAsync(program.Id, email: Email("done"), expiresAtUtc: DateTime.UtcNow.AddDays(5), acceptedAtUtc: DateTime.UtcNow);
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;

        await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new ResendInvitation.Command(program.Id, invitation.Id), hr));
        await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(new RevokeInvitation.Command(program.Id, invitation.Id), hr));
        Assert.Empty(app.MailTo(invitation.Email));
    }

    [Fact]
    public async Task An_invitation_of_another_program_is_not_found()
    {
        var (program, other) = (await app.ProgramAsync(ProgramStatus.Enrolling), await app.ProgramAsync(ProgramStatus.Enrolling));
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        await app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = Email("elsewhere") }, hr);
        var invitation = Assert.Single(await InvitationsOf(program.Id));

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RevokeInvitation.Command(other.Id, invitation.Id), hr));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new InviteParticipants.Command { ProgramId = 999_999, Emails = Email("x") }, hr));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_HR_may_invite_resend_or_revoke(string role)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var someone = AppFactory.PrincipalFor(await app.CreateUserAsync(role), role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = Email("x") }, someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ResendInvitation.Command(program.Id, 1), someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RevokeInvitation.Command(program.Id, 1), someone));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ListInvitations.Query(program.Id, 1), someone));
        var client = await app.SignedInClientAsync(role);
        var page = await client.GetAsync(new Uri($"/Programs/{program.Id}/Invitations", UriKind.Relative));
        Assert.StartsWith("http://localhost/Account/AccessDenied", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Empty(await InvitationsOf(program.Id));
    }

    [Fact]
    public async Task Someone_registering_with_a_program_invitation_lands_on_its_enrolment_page()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var email = Email("newcomer");
        await app.SendAsync(new InviteParticipants.Command { ProgramId = program.Id, Emails = email, DefaultRole = Roles.Mentee }, (await app.PersonAsync(Roles.HrCoordinator)).As);
        var token = MailLinks.InvitationToken(Assert.Single(app.MailTo(email)));

        var response = await app.Client().PostFormAsync("/Account/Register", new()
        {
            ["Data.Email"] = email,
            ["Data.DisplayName"] = "New Comer",
            ["Data.TimeZoneId"] = "Europe/London",
            ["Data.Password"] = "Fresh-Password-2026",
            ["Data.ConfirmPassword"] = "Fresh-Password-2026",
            ["Data.InvitationToken"] = token,
        }, $"/Account/Register?invitation={token}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Participant/Programs/{program.Id}/Enrol", response.Headers.Location?.OriginalString);
    }
}
