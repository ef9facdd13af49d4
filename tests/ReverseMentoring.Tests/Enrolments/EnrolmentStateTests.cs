using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Enrolments;

/// <summary>
/// An enrolment moves only through its own guarded methods: each legal move through the app's request, each illegal one
/// refused with the message people see and nothing changed.
/// </summary>
public sealed class EnrolmentStateTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Pending(MentoringProgram Program, AppUser User, System.Security.Claims.ClaimsPrincipal As, Enrolment Enrolment);

    private async Task<Pending> PendingAsync()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var person = await app.PersonAsync(Roles.Mentor);
        return new Pending(program, person.User, person.As, await app.SubmitEnrolmentAsync(program, person));
    }

    private Task<Enrolment> ReloadAsync(int id) =>
        app.ExecuteDbContextAsync(db => db.Enrolments.AsNoTracking().Include(e => e.History).SingleAsync(e => e.Id == id));

    private async Task<Enrolment> WithdrawnAsync(Pending pending)
    {
        await app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = pending.Enrolment.Id, Version = pending.Enrolment.Version, Reason = "New job." }, pending.As);
        return await ReloadAsync(pending.Enrolment.Id);
    }

    private static async Task<string> RefusalAsync(Func<Task> send) =>
        Assert.Single((await Assert.ThrowsAsync<RequestValidationException>(send)).Failures).ErrorMessage;

    [Fact]
    public async Task A_pending_enrolment_is_approved_by_the_coordinator()
    {
        var pending = await PendingAsync();
        var (hr, hrAs) = await app.PersonAsync(Roles.HrCoordinator);

        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = pending.Program.Id, EnrolmentId = pending.Enrolment.Id, Version = pending.Enrolment.Version }, hrAs);

        var approved = await ReloadAsync(pending.Enrolment.Id);
        Assert.Equal((EnrolmentStatus.Approved, hr.Id), (approved.Status, approved.DecidedByUserId));
        Assert.Equal("Approved", approved.History.OrderBy(h => h.Id).Last().Event);
    }

    [Fact]
    public async Task A_withdrawn_enrolment_cannot_be_approved()
    {
        var pending = await PendingAsync();
        var withdrawn = await WithdrawnAsync(pending);
        var (_, hrAs) = await app.PersonAsync(Roles.HrCoordinator);

        var refusal = await RefusalAsync(() => app.SendAsync(
            new ApproveEnrolment.Command { ProgramId = pending.Program.Id, EnrolmentId = withdrawn.Id, Version = withdrawn.Version }, hrAs));

        Assert.Equal("Only pending or rejected enrolments can be approved; this one is withdrawn.", refusal);
        var unchanged = await ReloadAsync(withdrawn.Id);
        Assert.Equal((EnrolmentStatus.Withdrawn, withdrawn.Version, (string?)null), (unchanged.Status, unchanged.Version, unchanged.DecidedByUserId));
        Assert.DoesNotContain(unchanged.History, h => h.Event == "Approved");
    }

    [Fact]
    public async Task A_pending_enrolment_is_rejected_with_the_reason()
    {
        var pending = await PendingAsync();
        var (hr, hrAs) = await app.PersonAsync(Roles.HrCoordinator);

        await app.SendAsync(new RejectEnrolment.Command
        {
            ProgramId = pending.Program.Id, EnrolmentId = pending.Enrolment.Id, Version = pending.Enrolment.Version, Reason = "  The cohort is full.  ",
        }, hrAs);

        var rejected = await ReloadAsync(pending.Enrolment.Id);
        Assert.Equal((EnrolmentStatus.Rejected, "The cohort is full.", hr.Id), (rejected.Status, rejected.DecisionReason, rejected.DecidedByUserId));
    }

    [Fact]
    public async Task A_withdrawn_enrolment_cannot_be_rejected()
    {
        var pending = await PendingAsync();
        var withdrawn = await WithdrawnAsync(pending);
        var (_, hrAs) = await app.PersonAsync(Roles.HrCoordinator);

        var refusal = await RefusalAsync(() => app.SendAsync(
            new RejectEnrolment.Command { ProgramId = pending.Program.Id, EnrolmentId = withdrawn.Id, Version = withdrawn.Version, Reason = "Full." }, hrAs));

        Assert.Equal("Only pending or approved enrolments can be rejected; this one is withdrawn.", refusal);
        var unchanged = await ReloadAsync(withdrawn.Id);
        Assert.Equal((EnrolmentStatus.Withdrawn, (string?)null), (unchanged.Status, unchanged.DecisionReason));
    }

    [Fact]
    public async Task A_participant_withdraws_and_cannot_withdraw_again()
    {
        var pending = await PendingAsync();

        var withdrawn = await WithdrawnAsync(pending);
        Assert.Equal(EnrolmentStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(("Withdrawn", "New job.", pending.User.Id), withdrawn.History.OrderBy(h => h.Id).Select(h => (h.Event, h.Detail, h.ByUserId)).Last());

        var refusal = await RefusalAsync(() => app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = withdrawn.Id, Version = withdrawn.Version }, pending.As));

        Assert.Equal("You have already withdrawn from this program.", refusal);
        Assert.Single((await ReloadAsync(withdrawn.Id)).History, h => h.Event == "Withdrawn");
    }

    [Fact]
    public async Task A_withdrawn_participant_enrols_again_and_waits_for_HR_with_the_rejection_still_on_record()
    {
        var pending = await PendingAsync();
        var (_, hrAs) = await app.PersonAsync(Roles.HrCoordinator);
        await app.SendAsync(new RejectEnrolment.Command { ProgramId = pending.Program.Id, EnrolmentId = pending.Enrolment.Id, Version = pending.Enrolment.Version, Reason = "Full." }, hrAs);
        var rejected = await ReloadAsync(pending.Enrolment.Id);
        await WithdrawnAsync(pending with { Enrolment = rejected });
        var form = await app.SendAsync(new EnrolInProgram.FormQuery(pending.Program.Id), pending.As);
        form.Current.Consent = true;

        await app.SendAsync(form.Current, pending.As);

        var again = await ReloadAsync(pending.Enrolment.Id);
        Assert.Equal((EnrolmentStatus.Pending, "Full.", rejected.DecidedByUserId, rejected.DecidedAtUtc), (again.Status, again.DecisionReason, again.DecidedByUserId, again.DecidedAtUtc));
        Assert.True(again.ConsentedAtUtc > rejected.ConsentedAtUtc);
        var last = again.History.OrderBy(h => h.Id).Last();
        Assert.Equal("Re-enrolled", last.Event);
        Assert.EndsWith("HR had turned the enrolment down; it waits for HR to approve it.", last.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_withdrawn_enrolment_can_enrol_again()
    {
        var pending = new Enrolment { Status = EnrolmentStatus.Pending, ConsentedAtUtc = new DateTime(2027, 1, 1) };

        var refused = Assert.Throws<DomainRuleException>(() => pending.Reenrol("someone", new DateTime(2027, 2, 1), "Enrolled again."));

        Assert.Equal("Only someone who withdrew can enrol again.", refused.Message);
        Assert.Equal((EnrolmentStatus.Pending, (DateTime?)new DateTime(2027, 1, 1)), (pending.Status, pending.ConsentedAtUtc));
        Assert.Empty(pending.History);
    }
}
