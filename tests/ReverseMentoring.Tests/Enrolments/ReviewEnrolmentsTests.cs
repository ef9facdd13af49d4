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

public sealed class ReviewEnrolmentsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(MentoringProgram Program, AppUser User, Enrolment Enrolment)> PendingAsync(ParticipantRole role = ParticipantRole.Mentor)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var person = await app.PersonAsync(role);
        return (program, person.User, await app.SubmitEnrolmentAsync(program, person, role));
    }

    private Task<Enrolment> ReloadAsync(int id) =>
        app.ExecuteDbContextAsync(db => db.Enrolments.AsNoTracking().Include(e => e.History).SingleAsync(e => e.Id == id));

    [Fact]
    public async Task A_coordinator_approves_a_pending_enrolment_and_the_history_says_who_and_when()
    {
        var (program, _, enrolment) = await PendingAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version }, hr.As);

        var saved = await ReloadAsync(enrolment.Id);
        Assert.Equal((EnrolmentStatus.Approved, hr.Id), (saved.Status, saved.DecidedByUserId));
        Assert.NotNull(saved.DecidedAtUtc);
        var approved = saved.History.OrderBy(h => h.Id).Last();
        Assert.Equal(("Approved", hr.Id), (approved.Event, approved.ByUserId));
    }

    [Fact]
    public async Task Approving_gives_the_person_the_matching_role_when_they_lack_it()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var user = await app.PersonAsync(Roles.Mentee);
        var enrolment = await app.EnrolAsync(program, user, ParticipantRole.Mentor, EnrolmentStatus.Pending);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version }, hr.As);

        Assert.Equal([Roles.Mentee, Roles.Mentor], (await app.RolesOfAsync(user.Id)).Order());
        Assert.Contains("mentor role was given", (await ReloadAsync(enrolment.Id)).History.Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_rejects_with_a_reason_the_participant_then_sees()
    {
        var (program, user, enrolment) = await PendingAsync(ParticipantRole.Mentee);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        await app.SendAsync(new RejectEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = " The program is for directors and above. " }, hr.As);

        var saved = await ReloadAsync(enrolment.Id);
        Assert.Equal((EnrolmentStatus.Rejected, "The program is for directors and above.", hr.Id), (saved.Status, saved.DecisionReason, saved.DecidedByUserId));
        Assert.Equal(("Rejected", "The program is for directors and above.", hr.Id),
            saved.History.OrderBy(h => h.Id).Select(h => (h.Event, h.Detail, h.ByUserId)).Last());
        var view = await app.SendAsync(new ViewProgram.Query(program.Id), AppFactory.PrincipalFor(user, Roles.Mentee));
        Assert.Equal((EnrolmentStatus.Rejected, "The program is for directors and above."), (view.Enrolment!.Status, view.Enrolment.DecisionReason));
    }

    [Theory]
    [InlineData("", "Give a reason for turning this enrolment down; the participant will see it.")]
    [InlineData("long", "A reason has at most 500 characters.")]
    public async Task Rejecting_needs_a_short_reason(string reason, string message)
    {
        var (program, _, enrolment) = await PendingAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(
            new RejectEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = reason == "long" ? new string('r', 501) : reason }, hr.As));

        Assert.Contains(invalid.Failures, f => f.PropertyName == "Reason" && f.ErrorMessage == message);
        Assert.Equal(EnrolmentStatus.Pending, (await ReloadAsync(enrolment.Id)).Status);
    }

    [Fact]
    public async Task A_rejected_enrolment_can_be_approved_after_all_but_a_withdrawn_one_cannot()
    {
        var (program, user, enrolment) = await PendingAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        await app.SendAsync(new RejectEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = "Full." }, hr.As);
        var rejected = await ReloadAsync(enrolment.Id);

        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = rejected.Version }, hr.As);
        var approved = await ReloadAsync(enrolment.Id);
        Assert.Equal((EnrolmentStatus.Approved, null), (approved.Status, approved.DecisionReason));

        await app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = enrolment.Id, Version = approved.Version }, AppFactory.PrincipalFor(user, Roles.Mentor));
        var withdrawn = await ReloadAsync(enrolment.Id);
        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = withdrawn.Version }, hr.As));
        Assert.Equal("Only pending or rejected enrolments can be approved; this one is withdrawn.", invalid.Failures.Single().ErrorMessage);
        Assert.Equal(["Submitted", "Rejected", "Approved", "Withdrawn"], (await ReloadAsync(enrolment.Id)).History.OrderBy(h => h.Id).Select(h => h.Event));
    }

    [Fact]
    public async Task A_decision_on_a_stale_page_is_refused()
    {
        var (program, _, enrolment) = await PendingAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version }, hr.As);

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(
            new RejectEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = "No." }, hr.As));

        Assert.Contains("Someone else changed this enrolment", invalid.Failures.Single().ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(EnrolmentStatus.Approved, (await ReloadAsync(enrolment.Id)).Status);
    }

    [Fact]
    public async Task An_enrolment_of_another_program_is_not_found()
    {
        var (_, _, enrolment) = await PendingAsync();
        var other = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new EnrolmentDetail.Query(other.Id, enrolment.Id), hr.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ApproveEnrolment.Command { ProgramId = other.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version }, hr.As));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_coordinators_review_enrolments(string role)
    {
        var (program, _, enrolment) = await PendingAsync();
        var person = await app.PersonAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ListEnrolments.Query(program.Id, null, null, 1), person.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new EnrolmentDetail.Query(program.Id, enrolment.Id), person.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version }, person.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RejectEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = "No." }, person.As));
        Assert.Equal(EnrolmentStatus.Pending, (await ReloadAsync(enrolment.Id)).Status);
    }

    [Fact]
    public async Task The_list_filters_by_status_and_role_and_pages()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        for (var i = 0; i < ListEnrolments.PageSize + 2; i++)
        {
            var mentor = await app.PersonAsync(Roles.Mentor);
            await app.SubmitEnrolmentAsync(program, mentor);
        }

        var mentee = await app.PersonAsync(Roles.Mentee);
        var menteeEnrolment = await app.SubmitEnrolmentAsync(program, mentee, ParticipantRole.Mentee);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = menteeEnrolment.Id, Version = menteeEnrolment.Version }, hr.As);

        var first = await app.SendAsync(new ListEnrolments.Query(program.Id, null, null, 1), hr.As);
        var second = await app.SendAsync(new ListEnrolments.Query(program.Id, null, null, 2), hr.As);
        var mentees = await app.SendAsync(new ListEnrolments.Query(program.Id, null, ParticipantRole.Mentee, 1), hr.As);
        var approved = await app.SendAsync(new ListEnrolments.Query(program.Id, EnrolmentStatus.Approved, ParticipantRole.Mentor, 1), hr.As);

        Assert.Equal((ListEnrolments.PageSize + 3, 2, ListEnrolments.PageSize), (first.Total, first.PageCount, first.Enrolments.Count));
        Assert.Equal(3, second.Enrolments.Count);
        Assert.Equal(EnrolmentStatus.Pending, first.Enrolments[0].Status);
        var row = Assert.Single(mentees.Enrolments);
        Assert.Equal((mentee.Email, "Marketing", "Graduate", "AI tools (4), Social media (3)", EnrolmentStatus.Approved),
            (row.Email, row.Department, row.JobLevel, row.Skills, row.Status));
        Assert.Empty(approved.Enrolments);

        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var html = await client.GetHtmlAsync($"/Programs/{program.Id}/Enrolments?role=Mentor&page=2");
        Assert.Contains("Page 2 of 2", html, StringComparison.Ordinal);
        Assert.Contains("role=Mentor&amp;page=1", html, StringComparison.Ordinal);
        var none = await client.GetHtmlAsync($"/Programs/{program.Id}/Enrolments?status=Withdrawn");
        Assert.Contains("No enrolment matches these filters.", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_of_a_program_without_enrolments_says_so()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var html = await client.GetHtmlAsync($"/Programs/{program.Id}/Enrolments");

        Assert.Contains("Nobody has enrolled in this program yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_detail_page_shows_the_profile_and_history_and_explains_a_missing_reason()
    {
        var (program, user, enrolment) = await PendingAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Enrolments/{enrolment.Id}";

        var html = await client.GetHtmlAsync(url);
        Assert.Contains(user.Email!, html, StringComparison.Ordinal);
        Assert.Contains("AI tools: level 4 of 5", html, StringComparison.Ordinal);
        Assert.Contains("Monday 09:00-10:00", html, StringComparison.Ordinal);
        Assert.Contains("Submitted", html, StringComparison.Ordinal);

        var response = await client.PostFormAsync($"{url}?handler=Reject", new()
        {
            ["Reject.Version"] = enrolment.Version.ToString(),
            ["Reject.Reason"] = "",
        }, url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Give a reason for turning this enrolment down; the participant will see it.",
            HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Reject.Reason"));

        var approve = await client.PostFormAsync($"{url}?handler=Approve", new() { ["Approve.Version"] = enrolment.Version.ToString() }, url);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal(EnrolmentStatus.Approved, (await ReloadAsync(enrolment.Id)).Status);
    }
}
