using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;

using ReverseMentoring.Web.Features.Enrolments;

using ReverseMentoring.Web.Features.Pairing;

using ReverseMentoring.Web.Features.Pairs;

using ReverseMentoring.Web.Features.Resources;

using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Pairing.Responses;

public sealed class PairResponseWatchTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime ProposedAt = DateTime.UtcNow.AddDays(-30);

    private readonly TestClock _clock = new(ProposedAt);

    private PairResponseWatch Watch() => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
        _clock,
        NullLogger<PairResponseWatch>.Instance);

    private async Task<int> RunOnDayAsync(double day)
    {
        _clock.Now = new DateTimeOffset(ProposedAt.AddDays(day), TimeSpan.Zero);
        return await Watch().FlagOverdueAsync(CancellationToken.None);
    }

    private Task<int> RemindersSentAsync(int pairId) =>
        app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync(n => n.Key.StartsWith($"pair-response-reminder:{pairId}:")));

    [Fact]
    public async Task A_pair_unanswered_after_the_response_days_is_flagged_and_both_sides_reminded_once()
    {
        var proposed = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Matching, change: p => p.PairResponseDays = 5), PairStatus.Proposed, proposedAtUtc: ProposedAt);

        await RunOnDayAsync(4.9);
        Assert.Null((await app.SavedPairAsync(proposed.Id)).NoResponseFlaggedAtUtc);
        Assert.Equal(0, await RemindersSentAsync(proposed.Id));

        await RunOnDayAsync(5);
        var flagged = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(ProposedAt.AddDays(5), flagged.NoResponseFlaggedAtUtc);
        Assert.Equal(PairStatus.Proposed, flagged.Status);
        Assert.Equal(2, await RemindersSentAsync(proposed.Id));
        var reminder = Assert.Single(app.MailTo(proposed.Mentee.User.Email!));
        Assert.Contains("Please answer your proposed pair", reminder.Subject, StringComparison.Ordinal);
        Assert.Contains("Maya Mentor", reminder.TextBody, StringComparison.Ordinal);
        Assert.Single(app.MailTo(proposed.Mentor.User.Email!));

        await RunOnDayAsync(9);
        Assert.Equal(ProposedAt.AddDays(5), (await app.SavedPairAsync(proposed.Id)).NoResponseFlaggedAtUtc);
        Assert.Equal(2, await RemindersSentAsync(proposed.Id));
        Assert.Single(app.MailTo(proposed.Mentee.User.Email!));
    }

    [Fact]
    public async Task Only_the_side_that_has_not_answered_is_reminded()
    {
        var proposed = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Matching, change: p => p.PairResponseDays = 3), PairStatus.Proposed, proposedAtUtc: ProposedAt);
        await app.SendAsync(new RespondToPair.Command { PairId = proposed.Id, Answer = RespondToPair.Answer.Accept, Version = proposed.Version }, proposed.Mentor.As);

        await RunOnDayAsync(3);

        Assert.NotNull((await app.SavedPairAsync(proposed.Id)).NoResponseFlaggedAtUtc);
        Assert.Empty(app.MailTo(proposed.Mentor.User.Email!));
        Assert.Single(app.MailTo(proposed.Mentee.User.Email!));
    }

    [Fact]
    public async Task Answered_pairs_are_not_flagged()
    {
        var accepted = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Matching, change: p => p.PairResponseDays = 2), PairStatus.Proposed, proposedAtUtc: ProposedAt);
        var declined = await app.PairAsync(await app.ProgramAsync(ProgramStatus.Matching, change: p => p.PairResponseDays = 2), PairStatus.Proposed, proposedAtUtc: ProposedAt);
        await app.ExecuteDbContextAsync(async db =>
        {
            var first = await db.Pairs.Include(p => p.MentorEnrolment).Include(p => p.MenteeEnrolment).SingleAsync(p => p.Id == accepted.Id);
            first.Accept(ParticipantRole.Mentor, ProposedAt.AddHours(1));
            first.Accept(ParticipantRole.Mentee, ProposedAt.AddHours(1));
            var second = await db.Pairs.Include(p => p.MentorEnrolment).Include(p => p.MenteeEnrolment).SingleAsync(p => p.Id == declined.Id);
            second.Decline(ParticipantRole.Mentee, null, ProposedAt.AddHours(1));
            await db.SaveChangesAsync();
        });

        await RunOnDayAsync(10);

        Assert.Null((await app.SavedPairAsync(accepted.Id)).NoResponseFlaggedAtUtc);
        Assert.Null((await app.SavedPairAsync(declined.Id)).NoResponseFlaggedAtUtc);
        Assert.Equal(0, await RemindersSentAsync(accepted.Id));
        Assert.Equal(0, await RemindersSentAsync(declined.Id));
        Assert.Empty(app.MailTo(declined.Mentor.User.Email!));
    }
}
