using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Pairing;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Coordinator;

/// <summary>The daily digest: one e-mail a day per coordinator, with the events since the last one and what is still open in their programs.</summary>
public sealed class CoordinatorDigestTests : IDisposable
{
    private readonly AlertsApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task DeclineAsync(TestPair pair, string reason) =>
        await _app.SendAsync(new RespondToPair.Command { PairId = pair.Id, Answer = RespondToPair.Answer.Decline, Reason = reason, Version = pair.Version }, pair.Mentee.As);

    [Fact]
    public async Task Sends_one_digest_a_day_with_the_new_events_and_open_counts_of_the_coordinators_own_programs()
    {
        var enrolling = await _app.ProgramAsync(ProgramStatus.Enrolling);
        var matching = await _app.ProgramAsync(ProgramStatus.Matching);
        var running = await _app.ProgramAsync(ProgramStatus.Running);
        var someoneElses = await _app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await _app.CoordinatorAsync(AlertDelivery.Digest, enrolling, matching, running);
        var colleague = await _app.CoordinatorAsync(AlertDelivery.Digest, someoneElses);
        await _app.CoordinatorAsync(AlertDelivery.Digest);

        var ada = await _app.PersonAsync(ParticipantRole.Mentor, name: Unique("Ada"));
        var enrolment = await _app.SubmitEnrolmentAsync(enrolling, ada);
        var proposed = await _app.PairAsync(matching, PairStatus.Proposed, mentorName: Unique("Mira"), menteeName: Unique("Sam"));
        await DeclineAsync(proposed, "Our calendars never meet.");
        var quiet = await _app.PairAsync(running, acceptedAtUtc: _app.Now.AddDays(-60));
        Assert.Equal(1, await _app.RunRiskWatchAsync());
        var bea = await _app.PersonAsync(ParticipantRole.Mentor, name: Unique("Bea"));
        await _app.SubmitEnrolmentAsync(someoneElses, bea);

        _app.MoveTo(_app.Now.AddHours(1));
        Assert.Equal(2, await _app.RunDigestAsync());
        _app.MoveTo(_app.Now.AddHours(5));
        Assert.Equal(0, await _app.RunDigestAsync());

        Assert.Single(await _app.DigestsOfAsync(hr));
        var digest = Assert.Single(_app.MailTo(hr.Email));
        var text = digest.TextBody;
        Assert.Contains("Your daily summary: 3 new", digest.Subject, StringComparison.Ordinal);
        Assert.Contains(ada.User.DisplayName, text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5080/Programs/{enrolling.Id}/Enrolments/{enrolment.Id}", text, StringComparison.Ordinal);
        Assert.Contains($"Declined by {proposed.Mentee.User.DisplayName} (mentee), reason: Our calendars never meet.", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5080/Programs/{matching.Id}/Pairing", text, StringComparison.Ordinal);
        Assert.Contains("Pairs newly at risk (1)", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5080/Programs/{running.Id}/Pairs/{quiet.Id}", text, StringComparison.Ordinal);
        Assert.Contains("Quiet: not met in the 60 days since the pair was accepted", text, StringComparison.Ordinal);
        Assert.Contains("Enrolments to review: 1", text, StringComparison.Ordinal);
        Assert.Contains("Declined pairs to pair again: 1", text, StringComparison.Ordinal);
        Assert.Contains("Pairs at risk: 1", text, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/Coordinator?programs=mine&kind=EnrolmentToReview", text, StringComparison.Ordinal);
        Assert.DoesNotContain(bea.User.DisplayName, text, StringComparison.Ordinal);

        var theirs = Assert.Single(_app.MailTo(colleague.Email)).TextBody;
        Assert.Contains(bea.User.DisplayName, theirs, StringComparison.Ordinal);
        Assert.DoesNotContain(ada.User.DisplayName, theirs, StringComparison.Ordinal);
        Assert.DoesNotContain(proposed.Mentee.User.DisplayName, theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_day_brings_only_what_is_new_and_nothing_at_all_when_nothing_is_new_or_open()
    {
        var program = await _app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await _app.CoordinatorAsync(AlertDelivery.Digest, program);
        var ada = await _app.PersonAsync(ParticipantRole.Mentor, name: Unique("Ada"));
        var first = await _app.SubmitEnrolmentAsync(program, ada);

        Assert.Equal(1, await _app.RunDigestAsync());
        Assert.Contains(ada.User.DisplayName, Assert.Single(_app.MailTo(hr.Email)).TextBody, StringComparison.Ordinal);

        // HR decides; the next day there is nothing new and nothing open.
        await _app.ExecuteDbContextAsync(async db =>
        {
            (await db.Enrolments.SingleAsync(e => e.Id == first.Id)).Approve(hr.Id, _app.Now);
            await db.SaveChangesAsync();
        });
        _app.MoveTo(_app.Now.AddDays(1));
        Assert.Equal(0, await _app.RunDigestAsync());
        Assert.Single(await _app.DigestsOfAsync(hr));

        // The day after, someone new enrols: that alone is new.
        _app.MoveTo(_app.Now.AddDays(1));
        var bea = await _app.PersonAsync(ParticipantRole.Mentor, name: Unique("Bea"));
        await _app.SubmitEnrolmentAsync(program, bea);
        _app.MoveTo(_app.Now.AddHours(2));
        Assert.Equal(1, await _app.RunDigestAsync());

        var digests = await _app.DigestsOfAsync(hr);
        Assert.Equal(2, digests.Count);
        Assert.EndsWith(DateOnly.FromDateTime(_app.Now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), digests[1].Key, StringComparison.Ordinal);
        // Both digests may carry the same Date header (sent within a second), so the second is told by what it says.
        var second = Assert.Single(_app.MailTo(hr.Email), m => (m.TextBody ?? "").Contains(bea.User.DisplayName, StringComparison.Ordinal)).TextBody;
        Assert.DoesNotContain(ada.User.DisplayName, second, StringComparison.Ordinal);
        Assert.Contains("Enrolments to review: 1", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_items_alone_are_worth_a_digest_and_its_times_are_in_the_coordinators_zone()
    {
        var program = await _app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await _app.CoordinatorAsync(AlertDelivery.Digest, program);
        await _app.ExecuteDbContextAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == hr.Id)).TimeZoneId = "America/New_York";
            await db.SaveChangesAsync();
        });
        var ada = await _app.PersonAsync(ParticipantRole.Mentor, name: Unique("Ada"));
        await _app.SubmitEnrolmentAsync(program, ada);
        Assert.Equal(1, await _app.RunDigestAsync());
        var local = TimeZoneInfo.ConvertTimeFromUtc(_app.Now, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Contains($"{local:HH:mm} (America/New_York)", Assert.Single(_app.MailTo(hr.Email)).TextBody, StringComparison.Ordinal);

        // Nothing new the next day, but the enrolment still waits for a decision.
        _app.MoveTo(_app.Now.AddDays(1));
        Assert.Equal(1, await _app.RunDigestAsync());
        Assert.Equal(2, _app.MailTo(hr.Email).Count);
        var second = Assert.Single(_app.MailTo(hr.Email), m => m.Subject == "Your daily summary: 1 to act on");
        Assert.Contains("Nothing new in your programs since", second.TextBody, StringComparison.Ordinal);
        Assert.Contains("Enrolments to review: 1", second.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_of_no_program_or_only_archived_ones_gets_none()
    {
        var archived = await _app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await _app.CoordinatorAsync(AlertDelivery.Digest, archived);
        var nobodys = await _app.CoordinatorAsync(AlertDelivery.Digest);
        await _app.SubmitEnrolmentAsync(archived, await _app.PersonAsync(ParticipantRole.Mentor));
        await _app.ExecuteDbContextAsync(async db =>
        {
            (await db.Programs.SingleAsync(p => p.Id == archived.Id)).ArchivedAtUtc = _app.Now;
            var failed = OutboxMessage.Queue(Unique("undelivered"), "gone@example.com", "Hello", "Hello", _app.Now);
            failed.AttemptFailed("Mailbox unavailable", permanent: true, _app.Now);
            db.OutboxMessages.Add(failed);
            await db.SaveChangesAsync();
        });

        Assert.Equal(0, await _app.RunDigestAsync());

        Assert.Empty(await _app.DigestsOfAsync(hr));
        Assert.Empty(await _app.DigestsOfAsync(nobodys));
    }
}
