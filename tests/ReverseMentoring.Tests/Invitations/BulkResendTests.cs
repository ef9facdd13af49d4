using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Enrolments;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Invitations;

/// <summary>HR sends many invitations again at once: each gets a new link and expiry, as a single resend gives it.</summary>
public sealed class BulkResendTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<List<Invitation>> SavedAsync(IEnumerable<int> ids)
    {
        var list = ids.ToList();
        return app.ExecuteDbContextAsync(db => db.Invitations.AsNoTracking().Where(i => list.Contains(i.Id)).ToListAsync());
    }

    [Fact]
    public async Task Resending_several_gives_each_a_new_link_and_emails_it()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var invitations = new[] { await app.InvitationAsync(program.Id, invitedAtUtc: DateTime.UtcNow.AddDays(-40), expiresAtUtc: DateTime.UtcNow.AddDays(-10)), await app.InvitationAsync(program.Id) };

        var report = await app.SendAsync(new BulkResendInvitations.Command { ProgramId = program.Id, Ids = invitations.Select(i => i.Id).ToList() }, hr.As);

        var saved = await SavedAsync(invitations.Select(i => i.Id));
        Assert.All(saved, i =>
        {
            Assert.True(i.ExpiresAtUtc > DateTime.UtcNow.AddDays(29));
            Assert.NotEqual(invitations.Single(o => o.Id == i.Id).TokenHash, i.TokenHash);
        });
        Assert.All(invitations, i => Assert.Contains("/Account/Register", Assert.Single(app.MailTo(i.Email)).TextBody, StringComparison.Ordinal));
        Assert.Equal(2, report.Done.Count);
    }

    [Fact]
    public async Task All_or_nothing_resends_nothing_when_one_was_accepted_and_names_it()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pending = await app.InvitationAsync(program.Id);
        var accepted = await app.InvitationAsync(program.Id, acceptedAtUtc: DateTime.UtcNow.AddDays(-1));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(
            new BulkResendInvitations.Command { ProgramId = program.Id, Ids = [pending.Id, accepted.Id] }, hr.As));

        Assert.Contains(refused.Failures, f => f.ErrorMessage.StartsWith(accepted.Email, StringComparison.Ordinal) && f.ErrorMessage.Contains("accepted", StringComparison.Ordinal));
        Assert.Equal(pending.TokenHash, (await SavedAsync([pending.Id])).Single().TokenHash);
        Assert.Empty(app.MailTo(pending.Email));
    }

    [Fact]
    public async Task Doing_what_can_be_done_resends_the_pending_and_reports_the_others()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var other = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pending = await app.InvitationAsync(program.Id);
        var accepted = await app.InvitationAsync(program.Id, acceptedAtUtc: DateTime.UtcNow.AddDays(-1));
        var theirs = await app.InvitationAsync(other.Id);

        var report = await app.SendAsync(new BulkResendInvitations.Command
        {
            ProgramId = program.Id, Ids = [pending.Id, accepted.Id, theirs.Id], Mode = BulkMode.WhatCan,
        }, hr.As);

        Assert.Single(app.MailTo(pending.Email));
        Assert.Empty(app.MailTo(theirs.Email));
        Assert.Contains(report.NotDone, l => l.StartsWith(accepted.Email + ": not resent", StringComparison.Ordinal));
        Assert.Contains(report.NotDone, l => l.StartsWith($"Invitation {theirs.Id}: not resent: there is no such invitation", StringComparison.Ordinal));
        Assert.Equal(theirs.TokenHash, (await SavedAsync([theirs.Id])).Single().TokenHash);
    }

    [Fact]
    public async Task An_empty_selection_is_refused_with_a_message()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var message = await TestData.RefusalAsync(() => app.SendAsync(new BulkResendInvitations.Command { ProgramId = program.Id }, hr.As), nameof(BulkResendInvitations.Command.Ids));

        Assert.StartsWith("No invitation was chosen.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_pending_invitation_can_be_resent_at_once()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var first = await app.InvitationAsync(program.Id);
        var second = await app.InvitationAsync(program.Id);
        var accepted = await app.InvitationAsync(program.Id, acceptedAtUtc: DateTime.UtcNow.AddDays(-1));

        await app.SendAsync(new BulkResendInvitations.Command { ProgramId = program.Id, AllPending = true }, hr.As);

        Assert.Single(app.MailTo(first.Email));
        Assert.Single(app.MailTo(second.Email));
        Assert.Empty(app.MailTo(accepted.Email));
    }

    [Fact]
    public async Task The_confirmation_names_the_addresses_and_the_post_resends()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var invitation = await app.InvitationAsync(program.Id);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Invitations/Resend?Data.Ids={invitation.Id}";

        var html = WebUtility.HtmlDecode(await client.GetHtmlAsync(url));
        Assert.Contains($"Resend 1 invitation: {invitation.Email}.", html, StringComparison.Ordinal);
        Assert.Empty(app.MailTo(invitation.Email));

        var response = await BulkDecisionTests.PostAsync(client, $"/Programs/{program.Id}/Invitations/Resend", url,
            [new("Data.Ids", invitation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Data.Mode", "AllOrNothing")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(app.MailTo(invitation.Email));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Leadership)]
    public async Task Only_HR_may_resend_several(string role)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var invitation = await app.InvitationAsync(program.Id);
        var person = await app.PersonAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new BulkResendInvitations.Command { ProgramId = program.Id, Ids = [invitation.Id] }, person.As));
        var response = await (await app.SignedInClientAsync(person.User)).GetAsync(new Uri($"/Programs/{program.Id}/Invitations/Resend?Data.Ids={invitation.Id}", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(app.MailTo(invitation.Email));
    }
}
