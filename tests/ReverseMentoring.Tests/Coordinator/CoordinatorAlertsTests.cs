using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Pairing;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Coordinator;

/// <summary>Each coordinator hears about an event as they chose: at once by e-mail, in the daily digest, or not by e-mail.</summary>
public sealed class CoordinatorAlertsTests : IDisposable
{
    private readonly AlertsApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_at_once_coordinator_gets_the_decline_when_it_is_saved_and_no_digest_and_no_email_gets_nothing()
    {
        var program = await _app.ProgramAsync(ProgramStatus.Matching);
        var atOnce = await _app.CoordinatorAsync(AlertDelivery.AtOnce, program);
        var digest = await _app.CoordinatorAsync(AlertDelivery.Digest, program);
        var none = await _app.CoordinatorAsync(AlertDelivery.None, program);
        var elsewhere = await _app.CoordinatorAsync(AlertDelivery.AtOnce, await _app.ProgramAsync(ProgramStatus.Matching));
        var pair = await _app.PairAsync(program, PairStatus.Proposed, mentorName: Unique("Mira"), menteeName: Unique("Sam"));

        await _app.SendAsync(new RespondToPair.Command { PairId = pair.Id, Answer = RespondToPair.Answer.Decline, Reason = "Too busy this term.", Version = pair.Version }, pair.Mentor.As);

        var mail = Assert.Single(_app.MailTo(atOnce.Email));
        Assert.Equal($"Pair declined: {pair.Mentor.User.DisplayName} and {pair.Mentee.User.DisplayName} ({program.Name})", mail.Subject);
        Assert.Contains($"Declined by {pair.Mentor.User.DisplayName} (mentor), reason: Too busy this term.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5080/Programs/{program.Id}/Pairing", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/Coordinator/Alerts", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(_app.MailTo(digest.Email));
        Assert.Empty(_app.MailTo(none.Email));
        Assert.Empty(_app.MailTo(elsewhere.Email));

        _app.MoveTo(_app.Now.AddHours(1));
        Assert.Equal(1, await _app.RunDigestAsync());

        Assert.Single(_app.MailTo(atOnce.Email));
        Assert.Empty(await _app.DigestsOfAsync(atOnce));
        Assert.Contains("Too busy this term.", Assert.Single(_app.MailTo(digest.Email)).TextBody, StringComparison.Ordinal);
        Assert.Empty(_app.MailTo(none.Email));
    }

    [Fact]
    public async Task An_at_once_coordinator_hears_of_each_enrolment_submitted_but_not_of_an_edit()
    {
        var program = await _app.ProgramAsync(ProgramStatus.Enrolling);
        var atOnce = await _app.CoordinatorAsync(AlertDelivery.AtOnce, program);
        var ada = await _app.PersonAsync(ParticipantRole.Mentor, name: Unique("Ada"));

        var enrolment = await _app.SubmitEnrolmentAsync(program, ada);

        var mail = Assert.Single(_app.MailTo(atOnce.Email));
        Assert.Equal($"New enrolment to review: {ada.User.DisplayName} ({program.Name})", mail.Subject);
        Assert.Contains($"http://localhost:5080/Programs/{program.Id}/Enrolments/{enrolment.Id}", mail.TextBody, StringComparison.Ordinal);

        var edit = await _app.EnrolmentFormAsync(program.Id);
        edit.Version = enrolment.Version;
        edit.Goals = "Something else.";
        await _app.SendAsync(edit, ada.As);
        Assert.Single(_app.MailTo(atOnce.Email));
        Assert.Equal(1, await _app.ExecuteDbContextAsync(db => db.CoordinatorAlerts.CountAsync(a => a.ProgramId == program.Id)));
    }

    [Fact]
    public async Task A_failed_decline_records_no_alert_and_sends_nothing()
    {
        var program = await _app.ProgramAsync(ProgramStatus.Matching);
        var atOnce = await _app.CoordinatorAsync(AlertDelivery.AtOnce, program);
        var pair = await _app.PairAsync(program, PairStatus.Proposed);

        // A stale version: the pair changed since the page was loaded, so nothing of the answer is saved.
        await Assert.ThrowsAsync<ReverseMentoring.Web.Infrastructure.RequestValidationException>(() =>
            _app.SendAsync(new RespondToPair.Command { PairId = pair.Id, Answer = RespondToPair.Answer.Decline, Version = Guid.NewGuid() }, pair.Mentee.As));

        Assert.Empty(_app.MailTo(atOnce.Email));
        Assert.Equal(0, await _app.ExecuteDbContextAsync(db => db.CoordinatorAlerts.CountAsync(a => a.ProgramId == program.Id)));
    }
}
