using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Mail;

public sealed class OutboxTests(OutboxApp app) : IClassFixture<OutboxApp>
{
    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private async Task<(HttpClient Client, int ProgramId)> CoordinatorWithProgramAsync()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        return (await app.SignedInClientAsync(Roles.HrCoordinator), program.Id);
    }

    private sealed record Board(MentoringProgram Program, Person Hr, Person Mentor, Person Mentee);

    /// <summary>A program in matching with one mentor and one mentee who fit each other: a skill of their own, Monday mornings.</summary>
    private async Task<Board> BoardAsync(string mentorName, string menteeName)
    {
        var program = await app.ProgramAsync(ProgramStatus.Matching);
        var skill = await app.SkillIdAsync(Unique("Skill A"));
        async Task<Person> CandidateAsync(ParticipantRole role, string name)
        {
            var person = await app.PersonAsync(role, name);
            var mentor = role == ParticipantRole.Mentor;
            await app.EnrolAsync(program, person, role, department: mentor ? "Engineering" : "Finance", skills: [(skill, mentor ? 5 : 1)],
                availability: [new() { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) }], interests: "jazz, hiking");
            return person;
        }

        return new Board(program, await app.PersonAsync(Roles.HrCoordinator), await CandidateAsync(ParticipantRole.Mentor, mentorName),
            await CandidateAsync(ParticipantRole.Mentee, menteeName));
    }

    private Task<int> RunAsync(Board board) => app.SendAsync(new RunPairing.Command { ProgramId = board.Program.Id }, board.Hr.As);

    private async Task<int> PublishAsync(Board board, int runId) =>
        await app.SendAsync(new PublishPairing.Command { ProgramId = board.Program.Id, RunId = runId, Version = await app.ProgramVersionAsync(board.Program.Id) }, board.Hr.As);

    private static Task<HttpResponseMessage> InviteAsync(HttpClient hr, int programId, string email) =>
        hr.PostFormAsync($"/Programs/{programId}/Invitations", new() { ["Data.Emails"] = email, ["Data.DefaultRole"] = Roles.Mentor });

    private static async Task<string> UndeliveredPageAsync(HttpClient hr) => WebUtility.HtmlDecode(await hr.GetHtmlAsync("/Mail/Undelivered"));

    [Fact]
    public async Task A_command_that_fails_after_queueing_its_messages_sends_none_and_keeps_none()
    {
        var (mentorName, menteeName) = (Unique("Mentor"), Unique("Mentee"));
        var board = await BoardAsync(mentorName, menteeName);
        var runId = await RunAsync(board);
        var queuedBefore = await app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync());

        app.Commits.Armed = true;
        Exception? failure;
        try
        {
            failure = await Record.ExceptionAsync(() => PublishAsync(board, runId));
        }
        finally
        {
            app.Commits.Armed = false;
        }

        Assert.Contains(CommitFailure.Message, failure?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Empty(await app.PairsOfAsync(board.Program.Id));
        Assert.Equal(queuedBefore, await app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync()));
        Assert.Empty(app.MailsMentioning(mentorName));
        Assert.Empty(app.MailsMentioning(menteeName));

        // The same publish, committed, does send.
        await PublishAsync(board, runId);
        Assert.Single(app.MailsMentioning($"paired with {menteeName}"));
    }

    [Fact]
    public async Task A_failed_send_does_not_fail_the_request_is_shown_to_HR_and_is_retried_later()
    {
        var (hr, programId) = await CoordinatorWithProgramAsync();
        var email = Email("retry");

        using (app.BreakMailFolder())
        {
            var response = await InviteAsync(hr, programId, email);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.True(await app.ExecuteDbContextAsync(db => db.Invitations.AnyAsync(i => i.Email == email)));
            var failed = await app.MessageToAsync(email);
            Assert.Equal((1, (DateTime?)null, (DateTime?)null), (failed.Attempts, failed.SentAtUtc, failed.FailedAtUtc));
            Assert.False(string.IsNullOrWhiteSpace(failed.LastError));
            Assert.Equal(app.Clock.Now.UtcDateTime.AddMinutes(1), failed.NextAttemptAtUtc);

            var page = await UndeliveredPageAsync(hr);
            Assert.Contains(email, page, StringComparison.Ordinal);
            Assert.Contains(failed.Subject, page, StringComparison.Ordinal);
            Assert.Contains(failed.LastError!, page, StringComparison.Ordinal);
            Assert.Contains("Not delivered yet", page, StringComparison.Ordinal);
        }

        // Mended, but not due for another minute: the sender leaves it.
        await app.Delivery.DeliverDueAsync(CancellationToken.None);
        Assert.Empty(app.MailTo(email));
        Assert.Equal(1, (await app.MessageToAsync(email)).Attempts);

        app.Clock.Now += TimeSpan.FromMinutes(1);
        await app.Delivery.DeliverDueAsync(CancellationToken.None);

        var mail = Assert.Single(app.MailTo(email));
        Assert.Contains("Register with this link", mail.TextBody, StringComparison.Ordinal);
        var sent = await app.MessageToAsync(email);
        Assert.Equal((2, false, ""), (sent.Attempts, sent.SentAtUtc is null, sent.Text));
        Assert.DoesNotContain(email, await UndeliveredPageAsync(hr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_wait_longer_each_time_then_give_up_and_HR_can_try_again()
    {
        var (hr, programId) = await CoordinatorWithProgramAsync();
        var email = Email("given-up");
        var waits = new List<TimeSpan>();
        OutboxMessage message;
        using (app.BreakMailFolder())
        {
            await InviteAsync(hr, programId, email);
            message = await app.MessageToAsync(email);
            while (message.FailedAtUtc is null)
            {
                waits.Add(message.NextAttemptAtUtc - app.Clock.Now.UtcDateTime);
                app.Clock.Now = new DateTimeOffset(message.NextAttemptAtUtc, TimeSpan.Zero);
                await app.Delivery.DeliverDueAsync(CancellationToken.None);
                message = await app.MessageToAsync(email);
            }
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12)], waits);
        Assert.Equal((OutboxMessage.MaxAttempts, (DateTime?)null), (message.Attempts, message.SentAtUtc));
        Assert.Empty(app.MailTo(email));

        // Hours later: a fresh sign-in.
        hr = await app.SignedInClientAsync(Roles.HrCoordinator);
        var page = await UndeliveredPageAsync(hr);
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.Contains("Could not be delivered", page, StringComparison.Ordinal);

        // Given up, the sender leaves it alone; HR's "try again" sends it at once.
        await app.Delivery.DeliverDueAsync(CancellationToken.None);
        Assert.Empty(app.MailTo(email));
        var response = await hr.PostFormAsync($"/Mail/Undelivered?handler=TryAgain&id={message.Id}", [], formPage: "/Mail/Undelivered");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(app.MailTo(email));
        Assert.NotNull((await app.MessageToAsync(email)).SentAtUtc);
        page = await UndeliveredPageAsync(hr);
        Assert.Contains($"The message to {email} was tried again.", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<td>{email}</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_is_sent_once_when_delivery_is_triggered_several_times_at_once()
    {
        var recipients = Enumerable.Range(0, 10).Select(i => Email($"once{i}")).ToList();
        var ids = await app.RunAsAsync(null, async services =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            var db = services.GetRequiredService<AppDbContext>();
            await outbox.QueueAsync(recipients.Select(r => new Outgoing($"test-once:{r}", r, "Once", "Only once, please.")).ToList(), CancellationToken.None);
            await db.SaveChangesAsync();
            return await db.OutboxMessages.Where(m => recipients.Contains(m.Recipient)).Select(m => m.Id).ToListAsync();
        });

        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.Delivery.DeliverAsync(ids, CancellationToken.None))));

        Assert.Equal(recipients.Count, sent.Sum());
        Assert.All(recipients, r => Assert.Single(app.MailTo(r)));
        var attempts = await app.ExecuteDbContextAsync(db => db.OutboxMessages.Where(m => ids.Contains(m.Id)).Select(m => m.Attempts).ToListAsync());
        Assert.All(attempts, a => Assert.Equal(1, a));
    }

    [Fact]
    public async Task A_key_queued_again_is_skipped()
    {
        var email = Email("twice");
        var message = new Outgoing($"test-twice:{email}", email, "Twice", "Queued twice, kept once.");

        var first = await app.RunAsAsync(null, services => QueueAndSaveAsync(services, message));
        var second = await app.RunAsAsync(null, services => QueueAndSaveAsync(services, message));

        Assert.Equal((true, false), (first, second));
        Assert.Equal(1, await app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync(m => m.Key == message.Key)));
    }

    private static async Task<bool> QueueAndSaveAsync(IServiceProvider services, Outgoing message)
    {
        var queued = await services.GetRequiredService<Outbox>().QueueAsync(message, CancellationToken.None);
        await services.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return queued;
    }

    [Fact]
    public async Task Publishing_pairs_with_an_address_the_mailer_refuses_still_publishes_and_records_the_failure()
    {
        var menteeName = Unique("Mentee");
        var kit = await BoardAsync(Unique("Mentor"), menteeName);

        // Registered before addresses were checked as the mailer checks them.
        var odd = $"odd;{Guid.NewGuid():N}@example.com";
        await app.ExecuteDbContextAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == kit.Mentee.Id);
            user.Email = odd;
            user.NormalizedEmail = odd.ToUpperInvariant();
            await db.SaveChangesAsync();
        });
        var runId = await RunAsync(kit);
        var hr = await app.SignedInClientAsync(kit.Hr.User);
        var board = $"/Programs/{kit.Program.Id}/Pairing";

        var response = await hr.PostFormAsync($"{board}?handler=Publish", new()
        {
            ["Publish.RunId"] = runId.ToString(CultureInfo.InvariantCulture),
            ["Publish.Version"] = (await app.ProgramVersionAsync(kit.Program.Id)).ToString(),
        }, formPage: board);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PairStatus.Proposed, Assert.Single(await app.PairsOfAsync(kit.Program.Id)).Status);
        Assert.Single(app.MailsMentioning($"paired with {menteeName}"));
        var refused = await app.MessageToAsync(odd);
        Assert.Equal((1, (DateTime?)null, "The recipient's address is not one mail can be sent to."), (refused.Attempts, refused.SentAtUtc, refused.LastError));
        Assert.NotNull(refused.FailedAtUtc);
        var page = await UndeliveredPageAsync(hr);
        Assert.Contains(odd, page, StringComparison.Ordinal);
        Assert.Contains("Could not be delivered", page, StringComparison.Ordinal);

        // Trying again cannot mend the address, and does not fail either.
        var again = await hr.PostFormAsync($"/Mail/Undelivered?handler=TryAgain&id={refused.Id}", [], formPage: "/Mail/Undelivered");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var retried = await app.MessageToAsync(odd);
        Assert.Equal((2, false), (retried.Attempts, retried.FailedAtUtc is null));
    }
}
