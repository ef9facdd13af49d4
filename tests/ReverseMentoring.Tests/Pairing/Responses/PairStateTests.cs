using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Infrastructure;
using EndPairRequest = ReverseMentoring.Web.Features.Pairs.EndPair;

namespace ReverseMentoring.Tests.Pairing.Responses;

/// <summary>
/// A pair moves only through its own guarded methods: each legal move through the app's request, each illegal one
/// refused with the message people see and nothing changed.
/// </summary>
public sealed class PairStateTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static RespondToPair.Command Answer(Pair pair, RespondToPair.Answer answer, string? reason = null) =>
        new() { PairId = pair.Id, Answer = answer, Reason = reason, Version = pair.Version };

    private static RespondToPair.Command Answer(TestPair pair, RespondToPair.Answer answer, string? reason = null) =>
        new() { PairId = pair.Id, Answer = answer, Reason = reason, Version = pair.Version };

    private static EndPairRequest.Command End(Pair pair, PairEnding ending = PairEnding.Completed, string? reason = null) =>
        new() { PairId = pair.Id, Ending = ending, Reason = reason, Confirm = true, Version = pair.Version };

    private static EndPairRequest.Command End(TestPair pair) =>
        new() { PairId = pair.Id, Ending = PairEnding.Completed, Confirm = true, Version = pair.Version };

    private static async Task<string> RefusalAsync(Func<Task> send) =>
        Assert.Single((await Assert.ThrowsAsync<RequestValidationException>(send)).Failures).ErrorMessage;

    private async Task<(TestPair Proposed, Pair Pair)> AcceptedAsync()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        await app.SendAsync(Answer(proposed, RespondToPair.Answer.Accept), proposed.Mentor.As);
        await app.SendAsync(Answer(await app.SavedPairAsync(proposed.Id), RespondToPair.Answer.Accept), proposed.Mentee.As);
        return (proposed, await app.SavedPairAsync(proposed.Id));
    }

    [Fact]
    public async Task A_proposed_pair_accepted_by_both_sides_becomes_active()
    {
        var (_, pair) = await AcceptedAsync();

        Assert.Equal((PairStatus.Accepted, PairResponse.Accepted, PairResponse.Accepted), (pair.Status, pair.MentorResponse, pair.MenteeResponse));
        Assert.NotNull(pair.AcceptedAtUtc);
        Assert.True(pair.IsActive);
    }

    [Fact]
    public async Task An_ended_pair_cannot_be_accepted()
    {
        var (proposed, accepted) = await AcceptedAsync();
        await app.SendAsync(End(accepted), proposed.Mentee.As);
        var ended = await app.SavedPairAsync(accepted.Id);

        var refusal = await RefusalAsync(() => app.SendAsync(Answer(ended, RespondToPair.Answer.Accept), proposed.Mentor.As));

        Assert.Equal("This pair has ended.", refusal);
        var unchanged = await app.SavedPairAsync(accepted.Id);
        Assert.Equal((PairStatus.Ended, ended.Version), (unchanged.Status, unchanged.Version));
    }

    [Fact]
    public async Task A_side_that_declines_declines_the_pair_for_both_with_the_reason()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);

        await app.SendAsync(Answer(proposed, RespondToPair.Answer.Decline, "  We work in the same team.  "), proposed.Mentee.As);

        var declined = await app.SavedPairAsync(proposed.Id);
        Assert.Equal(
            (PairStatus.Declined, PairResponse.Pending, PairResponse.Declined, "We work in the same team."),
            (declined.Status, declined.MentorResponse, declined.MenteeResponse, declined.DeclineReason));
        Assert.False(declined.IsActive);
    }

    [Fact]
    public async Task A_side_that_accepted_cannot_decline_afterwards()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);
        await app.SendAsync(Answer(proposed, RespondToPair.Answer.Accept), proposed.Mentor.As);
        var answered = await app.SavedPairAsync(proposed.Id);

        var refusal = await RefusalAsync(() => app.SendAsync(Answer(answered, RespondToPair.Answer.Decline, "Changed my mind."), proposed.Mentor.As));

        Assert.Equal("You answered already.", refusal);
        var unchanged = await app.SavedPairAsync(proposed.Id);
        Assert.Equal((PairStatus.Proposed, PairResponse.Accepted, (string?)null), (unchanged.Status, unchanged.MentorResponse, unchanged.DeclineReason));
    }

    [Fact]
    public async Task Ending_an_active_pair_records_how_and_cancels_its_sessions_to_come()
    {
        var (proposed, accepted) = await AcceptedAsync();
        var ahead = await app.SessionAsync(proposed, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(3), location: "https://meet.example.com/ahead");

        await app.SendAsync(End(accepted, PairEnding.EndedEarly, "  Moved to another country.  "), proposed.Mentor.As);

        var ended = await app.SavedPairAsync(accepted.Id);
        Assert.Equal(
            (PairStatus.Ended, (PairEnding?)PairEnding.EndedEarly, proposed.Mentor.User.Id, "Moved to another country."),
            (ended.Status, ended.Ending, ended.EndedByUserId, ended.EndReason));
        Assert.NotNull(ended.EndedAtUtc);
        var cancelled = await app.ExecuteDbContextAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == ahead.Id));
        Assert.Equal((SessionStatus.Cancelled, EndPairRequest.CancelReason, proposed.Mentor.User.Id), (cancelled.Status, cancelled.CancelReason, cancelled.CancelledByUserId));
    }

    [Fact]
    public async Task A_proposed_pair_cannot_be_ended_nor_an_ended_one_ended_again()
    {
        var proposed = await app.PairAsync(status: PairStatus.Proposed);

        Assert.Equal(
            "Only a confirmed pair can be ended; this one was never confirmed by both sides.",
            await RefusalAsync(() => app.SendAsync(End(proposed), proposed.Mentor.As)));
        Assert.Equal(PairStatus.Proposed, (await app.SavedPairAsync(proposed.Id)).Status);

        var (other, accepted) = await AcceptedAsync();
        await app.SendAsync(End(accepted), other.Mentor.As);
        var ended = await app.SavedPairAsync(accepted.Id);

        Assert.Equal("This pair has ended already.", await RefusalAsync(() => app.SendAsync(End(ended), other.Mentee.As)));
        var still = await app.SavedPairAsync(accepted.Id);
        Assert.Equal((other.Mentor.User.Id, ended.Version), (still.EndedByUserId, still.Version));
    }

    [Fact]
    public void Only_a_proposal_still_waiting_for_an_answer_is_flagged_as_unanswered()
    {
        var waiting = new Pair { Status = PairStatus.Proposed, MentorResponse = PairResponse.Accepted };
        var answered = new Pair { Status = PairStatus.Accepted, MentorResponse = PairResponse.Accepted, MenteeResponse = PairResponse.Accepted };
        var now = new DateTime(2027, 3, 1, 8, 0, 0, DateTimeKind.Utc);

        waiting.FlagNoResponse(now);

        Assert.Equal(now, waiting.NoResponseFlaggedAtUtc);
        Assert.Throws<DomainRuleException>(() => answered.FlagNoResponse(now));
        Assert.Null(answered.NoResponseFlaggedAtUtc);
    }
}
