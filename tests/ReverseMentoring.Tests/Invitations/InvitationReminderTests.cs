using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Tests.Security;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Invitations;

public sealed class InvitationReminderTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime InvitedAt = DateTime.UtcNow;

    private readonly TestClock _clock = new(InvitedAt);

    private InvitationReminders Reminders() => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        app.Services.GetRequiredService<IOptions<InvitationOptions>>(),
        app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
        _clock,
        NullLogger<InvitationReminders>.Instance);

    private async Task<int> RunOnDayAsync(double day)
    {
        _clock.Now = new DateTimeOffset(InvitedAt.AddDays(day), TimeSpan.Zero);
        return await Reminders().SendDueAsync(CancellationToken.None);
    }

    private Task<List<string>> RemindersOf(Invitation invitation) =>
        app.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(n => n.Key.StartsWith($"invitation-reminder:{invitation.Id}:"))
            .OrderBy(n => n.Id).Select(n => n.Key).ToListAsync());

    [Fact]
    public async Task Reminders_go_out_on_day_7_and_day_14_once_each()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var invitation = await app.InvitationAsync(program.Id, Roles.Mentee, invitedAtUtc: InvitedAt);

        await RunOnDayAsync(6.9);
        Assert.Empty(await RemindersOf(invitation));

        await RunOnDayAsync(7);
        await RunOnDayAsync(7.5);
        Assert.Equal([$"invitation-reminder:{invitation.Id}:7"], await RemindersOf(invitation));
        var first = Assert.Single(app.MailTo(invitation.Email));
        Assert.Equal($"Reminder: you are invited to {program.Name}", first.Subject);

        // Only a hash of the first link's token is kept: the reminder carries a new link, which works, and the first stops.
        var reminded = MailLinks.InvitationToken(first);
        Assert.NotEqual(invitation.Token, reminded);
        Assert.Equal(Invitation.HashOf(reminded), await app.ExecuteDbContextAsync(db => db.Invitations.Where(i => i.Id == invitation.Id).Select(i => i.TokenHash).SingleAsync()));
        Assert.Contains("no longer works", first.TextBody, StringComparison.Ordinal);

        await RunOnDayAsync(14);
        await RunOnDayAsync(20);
        Assert.Equal([$"invitation-reminder:{invitation.Id}:7", $"invitation-reminder:{invitation.Id}:14"], await RemindersOf(invitation));
        Assert.Equal(2, app.MailTo(invitation.Email).Count);
    }

    [Fact]
    public async Task Someone_first_reached_late_gets_only_the_latest_reminder()
    {
        var invitation = await app.InvitationAsync(role: Roles.Mentee, invitedAtUtc: InvitedAt);

        await RunOnDayAsync(15);

        Assert.Equal([$"invitation-reminder:{invitation.Id}:14"], await RemindersOf(invitation));
        Assert.Single(app.MailTo(invitation.Email));
    }

    [Fact]
    public async Task A_reminder_claimed_by_another_instance_is_not_sent_again()
    {
        var invitation = await app.InvitationAsync(role: Roles.Mentee, invitedAtUtc: InvitedAt);
        await app.ExecuteDbContextAsync(async db =>
        {
            var claimed = OutboxMessage.Queue($"invitation-reminder:{invitation.Id}:7", invitation.Email, "claimed", "", DateTime.UtcNow);
            claimed.ClaimedUntilUtc = DateTime.UtcNow.AddMinutes(10);
            db.OutboxMessages.Add(claimed);
            await db.SaveChangesAsync();
        });

        await RunOnDayAsync(8);

        Assert.Empty(app.MailTo(invitation.Email));
        Assert.Equal(invitation.TokenHash, await app.ExecuteDbContextAsync(db => db.Invitations.Where(i => i.Id == invitation.Id).Select(i => i.TokenHash).SingleAsync()));
    }

    [Fact]
    public async Task Two_instances_running_at_once_send_each_reminder_once()
    {
        var invitation = await app.InvitationAsync(role: Roles.Mentee, invitedAtUtc: InvitedAt);
        _clock.Now = new DateTimeOffset(InvitedAt.AddDays(7), TimeSpan.Zero);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Reminders().SendDueAsync(CancellationToken.None))));

        Assert.Single(await RemindersOf(invitation));
        var mail = Assert.Single(app.MailTo(invitation.Email));

        // The link that went out is the one the invitation now holds, whichever instance sent it.
        Assert.Equal(Invitation.HashOf(MailLinks.InvitationToken(mail)),
            await app.ExecuteDbContextAsync(db => db.Invitations.Where(i => i.Id == invitation.Id).Select(i => i.TokenHash).SingleAsync()));
    }

    [Fact]
    public async Task Nobody_is_reminded_who_registered_enrolled_or_whose_invitation_ended()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var accepted = await app.InvitationAsync(program.Id, Roles.Mentee, invitedAtUtc: InvitedAt, acceptedAtUtc: InvitedAt.AddDays(1));
        var enrolled = await app.InvitationAsync(program.Id, Roles.Mentee, invitedAtUtc: InvitedAt);
        var enrolledUser = await app.PersonAsync(Roles.Mentee, email: enrolled.Email.ToUpperInvariant());
        await app.EnrolAsync(program, enrolledUser, ParticipantRole.Mentee, EnrolmentStatus.Pending);
        var revoked = await app.InvitationAsync(program.Id, Roles.Mentee, invitedAtUtc: InvitedAt, expiresAtUtc: InvitedAt.AddDays(2));
        var closedProgram = await app.ProgramAsync(ProgramStatus.Closed);
        var ofClosedProgram = await app.InvitationAsync(closedProgram.Id, Roles.Mentee, invitedAtUtc: InvitedAt);

        await RunOnDayAsync(7);
        await RunOnDayAsync(14);

        foreach (var invitation in new[] { accepted, enrolled, revoked, ofClosedProgram })
        {
            Assert.Empty(await RemindersOf(invitation));
            Assert.Empty(app.MailTo(invitation.Email));
        }
    }

    [Fact]
    public async Task The_list_counts_the_reminders_sent()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var invitation = await app.InvitationAsync(program.Id, Roles.Mentee, invitedAtUtc: InvitedAt);
        await RunOnDayAsync(7);
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);

        var list = await app.SendAsync(new ListInvitations.Query(program.Id, 1), AppFactory.PrincipalFor(hr, Roles.HrCoordinator));

        var row = Assert.Single(list.Invitations);
        Assert.Equal((invitation.Email, 1), (row.Email, row.RemindersSent));
        Assert.NotNull(row.LastEmailedAt);
    }
}
