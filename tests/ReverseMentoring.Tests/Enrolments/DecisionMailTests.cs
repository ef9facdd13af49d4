using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Enrolments;

/// <summary>A participant is e-mailed HR's decision on their enrolment, once it is saved, with what happens next.</summary>
public sealed class DecisionMailTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(MentoringProgram Program, Person Hr, Person Person, Enrolment Enrolment)> PendingAsync()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var person = await app.PersonAsync(Roles.Mentor);
        var enrolment = await app.SubmitEnrolmentAsync(program, person);
        return (program, hr, person, enrolment);
    }

    [Fact]
    public async Task An_approved_participant_is_told_and_given_the_programs_page()
    {
        var (program, hr, person, enrolment) = await PendingAsync();

        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version }, hr.As);

        var mail = Assert.Single(app.MailTo(person.User.Email!));
        Assert.Equal($"You are in: {program.Name}", mail.Subject);
        Assert.Contains("HR approved your enrolment", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("as a mentor", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/Participant/Programs/{program.Id}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_participant_is_told_with_HRs_reason()
    {
        var (program, hr, person, enrolment) = await PendingAsync();

        await app.SendAsync(new RejectEnrolment.Command
        {
            ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = "  This pilot is for the sales teams only.  ",
        }, hr.As);

        var mail = Assert.Single(app.MailTo(person.User.Email!));
        Assert.Equal($"Your enrolment was not accepted: {program.Name}", mail.Subject);
        var lines = mail.TextBody!.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("This pilot is for the sales teams only.", lines[Array.IndexOf(lines, "HR did not accept your enrolment in " + program.Name + ". Their reason:") + 1]);
    }

    [Fact]
    public async Task A_decision_that_is_not_saved_sends_nothing()
    {
        var (program, hr, person, enrolment) = await PendingAsync();

        // A stale version: someone else changed the enrolment meanwhile.
        await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(
            new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = Guid.NewGuid() }, hr.As));
        // Not allowed: a pending enrolment rejected without a reason.
        await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(
            new RejectEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = " " }, hr.As));

        Assert.Empty(app.MailTo(person.User.Email!));
        Assert.Equal(EnrolmentStatus.Pending, (await app.SavedEnrolmentAsync(program.Id, person.User.Id))!.Status);
    }

    [Fact]
    public async Task Each_decision_is_its_own_message()
    {
        var (program, hr, person, enrolment) = await PendingAsync();

        await app.SendAsync(new RejectEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = "Full." }, hr.As);
        var rejected = (await app.SavedEnrolmentAsync(program.Id, person.User.Id))!;
        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = rejected.Id, Version = rejected.Version }, hr.As);

        // Both within a second or so: compared as a set, since mail dates have whole seconds.
        Assert.Equal(
            [$"You are in: {program.Name}", $"Your enrolment was not accepted: {program.Name}"],
            app.MailTo(person.User.Email!).Select(m => m.Subject).Order(StringComparer.Ordinal));
    }
}
