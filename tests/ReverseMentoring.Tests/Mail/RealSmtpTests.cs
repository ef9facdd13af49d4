using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Mail;

/// <summary>
/// The app's mail client (MailKit) against a real SMTP server on loopback, not the pickup folder: a session invitation
/// with its calendar file goes out over plain SMTP and over STARTTLS, an untrusted certificate is not sent to (and is
/// retried later), and a recipient the server refuses for good is given up at once.
/// </summary>
public sealed class RealSmtpTests
{
    private static OutboxApp AppSendingTo(LoopbackSmtpServer server, bool startTls, bool trustCertificate)
    {
        var app = new OutboxApp();
        app.With("Mail:PickupFolder", "")
            .With("Mail:Smtp:Host", "127.0.0.1")
            .With("Mail:Smtp:Port", server.Port.ToString(CultureInfo.InvariantCulture))
            .With("Mail:Smtp:UseStartTls", startTls ? "true" : "false")
            .With("Mail:Smtp:TrustedCertificateSha256", trustCertificate ? server.Certificate!.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) : null);
        return app;
    }

    /// <summary>The mentee schedules a session a week ahead: the mentor is e-mailed the invitation, after the commit.</summary>
    private static async Task<(TestPair Pair, int SessionId)> ScheduleAsync(OutboxApp app, Person? mentor = null)
    {
        var pair = await app.PairAsync(mentor: mentor);
        var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(7);
        var id = await app.SendAsync(new ScheduleSession.Command
        {
            PairId = pair.Id,
            Date = day,
            Time = new TimeOnly(10, 0),
            DurationMinutes = 60,
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/pair",
            TopicIds = [pair.Program.Topics[0].Id],
        }, pair.Mentee.As);
        return (pair, id);
    }

    private static Task<OutboxMessage> InvitationAsync(OutboxApp app, int sessionId) =>
        app.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Key.StartsWith($"session:{sessionId}:invite:")));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_session_invitation_reaches_a_real_smtp_server_with_its_calendar_file(bool startTls)
    {
        await using var server = new LoopbackSmtpServer(startTls);
        await using var app = AppSendingTo(server, startTls, trustCertificate: startTls);

        var (pair, sessionId) = await ScheduleAsync(app);

        var (message, overTls) = Assert.Single(await server.WaitForAsync(1));
        Assert.Equal(startTls, overTls);
        Assert.Equal(pair.Mentor.Email, Assert.Single(message.To.Mailboxes).Address);
        Assert.StartsWith("Session scheduled:", message.Subject, StringComparison.Ordinal);
        var calendar = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>(), a => a.FileName == SessionCalendar.FileName(sessionId));
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        var sent = await InvitationAsync(app, sessionId);
        Assert.NotNull(sent.SentAtUtc);
        Assert.Equal(1, sent.Attempts);
    }

    [Fact]
    public async Task A_relay_whose_certificate_is_not_trusted_gets_nothing_and_the_message_waits_for_a_retry()
    {
        await using var server = new LoopbackSmtpServer(startTls: true);
        await using var app = AppSendingTo(server, startTls: true, trustCertificate: false);

        var (_, sessionId) = await ScheduleAsync(app);

        var waiting = await InvitationAsync(app, sessionId);
        Assert.Null(waiting.SentAtUtc);
        Assert.Null(waiting.FailedAtUtc);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("certificate", waiting.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.True(waiting.NextAttemptAtUtc > app.Clock.GetUtcNow().UtcDateTime);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_for_good_is_given_up_at_once_and_shown_as_undelivered()
    {
        await using var server = new LoopbackSmtpServer(startTls: false);
        await using var app = AppSendingTo(server, startTls: false, trustCertificate: false);
        var refused = await app.PersonAsync(Roles.Mentor, MentorName, email: $"refused-{Guid.NewGuid():N}@example.com");

        var (_, sessionId) = await ScheduleAsync(app, refused);

        var given = await InvitationAsync(app, sessionId);
        Assert.Null(given.SentAtUtc);
        Assert.NotNull(given.FailedAtUtc);
        Assert.Equal(1, given.Attempts);
        Assert.True(given.IsUndelivered);
        Assert.Empty(server.Received);

        // Nothing more is tried: it is not due, whatever the clock says.
        app.Clock.Now = app.Clock.Now.AddDays(1);
        Assert.Equal(0, await app.Delivery.DeliverDueAsync(CancellationToken.None));
    }
}
