using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReverseMentoring.Tests.Invitations;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;

using ReverseMentoring.Web.Features.Enrolments;

using ReverseMentoring.Web.Features.Pairing;

using ReverseMentoring.Web.Features.Pairs;

using ReverseMentoring.Web.Features.Resources;

using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Pairing.Responses;

public sealed class PairResponseWatchTests(PairResponsesApp app) : IClassFixture<PairResponsesApp>
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
        var proposed = await app.ProposePairAsync(ProposedAt, p => p.PairResponseDays = 5);

        await RunOnDayAsync(4.9);
        Assert.Null((await app.PairAsync(proposed.Pair.Id)).NoResponseFlaggedAtUtc);
        Assert.Equal(0, await RemindersSentAsync(proposed.Pair.Id));

        await RunOnDayAsync(5);
        var flagged = await app.PairAsync(proposed.Pair.Id);
        Assert.Equal(ProposedAt.AddDays(5), flagged.NoResponseFlaggedAtUtc);
        Assert.Equal(PairStatus.Proposed, flagged.Status);
        Assert.Equal(2, await RemindersSentAsync(proposed.Pair.Id));
        var reminder = Assert.Single(app.MailTo(proposed.Mentee.User.Email!));
        Assert.Contains("Please answer your proposed pair", reminder.Subject, StringComparison.Ordinal);
        Assert.Contains("Maya Mentor", reminder.TextBody, StringComparison.Ordinal);
        Assert.Single(app.MailTo(proposed.Mentor.User.Email!));

        await RunOnDayAsync(9);
        Assert.Equal(ProposedAt.AddDays(5), (await app.PairAsync(proposed.Pair.Id)).NoResponseFlaggedAtUtc);
        Assert.Equal(2, await RemindersSentAsync(proposed.Pair.Id));
        Assert.Single(app.MailTo(proposed.Mentee.User.Email!));
    }

    [Fact]
    public async Task Only_the_side_that_has_not_answered_is_reminded()
    {
        var proposed = await app.ProposePairAsync(ProposedAt, p => p.PairResponseDays = 3);
        await app.SendAsync(new RespondToPair.Command { PairId = proposed.Pair.Id, Answer = RespondToPair.Answer.Accept, Version = proposed.Pair.Version }, proposed.Mentor.As);

        await RunOnDayAsync(3);

        Assert.NotNull((await app.PairAsync(proposed.Pair.Id)).NoResponseFlaggedAtUtc);
        Assert.Empty(app.MailTo(proposed.Mentor.User.Email!));
        Assert.Single(app.MailTo(proposed.Mentee.User.Email!));
    }

    [Fact]
    public async Task Answered_pairs_are_not_flagged()
    {
        var accepted = await app.ProposePairAsync(ProposedAt, p => p.PairResponseDays = 2);
        var declined = await app.ProposePairAsync(ProposedAt, p => p.PairResponseDays = 2);
        await app.ExecuteDbContextAsync(async db =>
        {
            var first = await db.Pairs.Include(p => p.MentorEnrolment).Include(p => p.MenteeEnrolment).SingleAsync(p => p.Id == accepted.Pair.Id);
            first.Accept(ParticipantRole.Mentor, ProposedAt.AddHours(1));
            first.Accept(ParticipantRole.Mentee, ProposedAt.AddHours(1));
            var second = await db.Pairs.Include(p => p.MentorEnrolment).Include(p => p.MenteeEnrolment).SingleAsync(p => p.Id == declined.Pair.Id);
            second.Decline(ParticipantRole.Mentee, null, ProposedAt.AddHours(1));
            await db.SaveChangesAsync();
        });

        await RunOnDayAsync(10);

        Assert.Null((await app.PairAsync(accepted.Pair.Id)).NoResponseFlaggedAtUtc);
        Assert.Null((await app.PairAsync(declined.Pair.Id)).NoResponseFlaggedAtUtc);
        Assert.Equal(0, await RemindersSentAsync(accepted.Pair.Id));
        Assert.Equal(0, await RemindersSentAsync(declined.Pair.Id));
        Assert.Empty(app.MailTo(declined.Mentor.User.Email!));
    }
}
