using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Pairing.Board;

/// <summary>
/// Nothing on the pairing board changes pairs or people in one click: a swap shows its two new pairs with scores and
/// reasons and names every pin it removes; publishing names how many pairs and e-mails and what is still open.
/// </summary>
public sealed class BoardConfirmationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Two(BoardSetup Kit, int MentorA, int MentorB, int MenteeA, int MenteeB);

    /// <summary>Two mentors and two mentees who all fit; the run pairs them and HR pins the pair of mentee A.</summary>
    private async Task<Two> PinnedAsync()
    {
        var kit = await app.BoardAsync();
        var two = new Two(kit,
            await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor A")),
            await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor B")),
            await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee A")),
            await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee B")));
        await app.RunAsync(kit);
        var pairOfA = (await app.LatestPairingRunAsync(kit.ProgramId)).Stored.Pairs.Single(p => p.MenteeId == two.MenteeA);
        await app.SendAsync(new PinPair.Command { ProgramId = kit.ProgramId, MentorEnrolmentId = pairOfA.MentorId, MenteeEnrolmentId = two.MenteeA }, kit.Coordinator);
        return two;
    }


    [Fact]
    public async Task A_swap_preview_shows_the_new_pairs_and_names_the_pin_it_would_remove_and_changes_nothing()
    {
        var two = await PinnedAsync();
        var (runBefore, storedBefore) = await app.LatestPairingRunAsync(two.Kit.ProgramId);
        var pinnedMentor = storedBefore.Pairs.Single(p => p.MenteeId == two.MenteeA).MentorId;
        var otherMentor = storedBefore.Pairs.Single(p => p.MenteeId == two.MenteeB).MentorId;

        var preview = await app.SendAsync(new SwapPairs.PreviewQuery(two.Kit.ProgramId, two.MenteeB, two.MenteeA), two.Kit.Coordinator);

        Assert.Null(preview.Refusal);
        Assert.Equal(runBefore.Id, preview.RunId);
        Assert.Equal(
            [(otherMentor, two.MenteeA), (pinnedMentor, two.MenteeB)],
            preview.Pairs.Select(p => (p.Mentor.Id, p.Mentee.Id)).Order());
        Assert.All(preview.Pairs, p =>
        {
            Assert.Equal(PairVerdict.Allowed, p.Verdict);
            Assert.InRange(p.Percent, 1, 100);
            Assert.Contains("/5, wanted at", p.Reasons, StringComparison.Ordinal);
        });
        var unpinned = Assert.Single(preview.Unpinned);
        Assert.Equal((pinnedMentor, two.MenteeA), (unpinned.Mentor.Id, unpinned.Mentee.Id));

        // Looking changed nothing: the same run, the same pin.
        var (runAfter, _) = await app.LatestPairingRunAsync(two.Kit.ProgramId);
        Assert.Equal(runBefore.Id, runAfter.Id);
        var pin = Assert.Single(await app.PairingRulesAsync(two.Kit.ProgramId));
        Assert.Equal((PairingRuleKind.Pin, pinnedMentor, two.MenteeA), (pin.Kind, pin.MentorEnrolmentId, pin.MenteeEnrolmentId));
    }

    [Fact]
    public async Task The_board_offers_a_swap_only_after_its_preview_and_names_the_pin_there()
    {
        var two = await PinnedAsync();

        var plain = await app.BoardPageAsync(two.Kit);
        Assert.DoesNotContain("name=\"Swap.RunId\"", plain, StringComparison.Ordinal);
        Assert.Contains("Swap…", plain, StringComparison.Ordinal);

        var previewed = await app.BoardPageAsync(two.Kit, $"?swap={two.MenteeB}&with={two.MenteeA}");
        Assert.Contains("name=\"Swap.RunId\"", previewed, StringComparison.Ordinal);
        Assert.Contains("The swap removes this pin", previewed, StringComparison.Ordinal);
        Assert.Contains("Yes, swap and unpin", previewed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_swap_preview_of_people_not_in_the_proposal_says_why_and_offers_nothing_to_confirm()
    {
        var two = await PinnedAsync();

        var preview = await app.SendAsync(new SwapPairs.PreviewQuery(two.Kit.ProgramId, two.MenteeB, two.MentorA), two.Kit.Coordinator);
        Assert.Equal("Choose another proposed pair to swap mentees with.", preview.Refusal);
        Assert.Empty(preview.Pairs);

        var page = await app.BoardPageAsync(two.Kit, $"?swap={two.MenteeB}&with={two.MentorA}");
        Assert.Contains("Choose another proposed pair to swap mentees with.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Swap.RunId\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_programs_swap_preview_is_not_found()
    {
        var two = await PinnedAsync();
        var other = await app.BoardAsync();

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new SwapPairs.PreviewQuery(other.ProgramId + 100_000, two.MenteeB, two.MenteeA), two.Kit.Coordinator));
        var refused = await app.SendAsync(new SwapPairs.PreviewQuery(other.ProgramId, two.MenteeB, two.MenteeA), other.Coordinator);
        Assert.NotNull(refused.Refusal);
        Assert.Empty(refused.Pairs);
    }

    [Fact]
    public async Task Publishing_asks_again_naming_the_pairs_the_emails_and_what_is_still_open()
    {
        var kit = await app.BoardAsync();
        await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));
        await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        // A second mentee free only on Tuesdays: paired with no common free time.
        var tuesday = await app.PersonAsync(ParticipantRole.Mentee, Unique("Tuesday mentee"));
        await app.EnrolAsync(kit.Program, tuesday, ParticipantRole.Mentee, skills: [(kit.SkillA, 1)],
            availability: [new() { Day = DayOfWeek.Tuesday, Starts = new TimeOnly(14, 0), Ends = new TimeOnly(15, 0) }]);
        // Two alike mentors free on Mondays: whichever gets the Tuesday mentee, exactly one pair has no common free time.
        await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Second mentor"));
        await app.RunAsync(kit);
        var stored = (await app.LatestPairingRunAsync(kit.ProgramId)).Stored;
        Assert.Equal(2, stored.Pairs.Count);
        var withConcern = Assert.Single(stored.Pairs, p => PairingEngine.Concerns(p.Reasons).Count > 0);
        Assert.Equal([PairingEngine.NoCommonFreeTime], PairingEngine.Concerns(withConcern.Reasons));

        var plain = await app.BoardPageAsync(kit);
        Assert.DoesNotContain("name=\"Publish.RunId\"", plain, StringComparison.Ordinal);
        Assert.Contains("Publish these pairs…", plain, StringComparison.Ordinal);
        Assert.Contains("Warning: " + PairingEngine.Concerns(withConcern.Reasons)[0], plain, StringComparison.Ordinal);

        var confirm = await app.BoardPageAsync(kit, "?publish=true");
        Assert.Contains("name=\"Publish.RunId\"", confirm, StringComparison.Ordinal);
        Assert.Contains("Publish 2 pairs?", confirm, StringComparison.Ordinal);
        Assert.Contains("4 people get an e-mail now", confirm, StringComparison.Ordinal);
        Assert.Contains("1 pair has no common free time or no wanted skill taught", confirm, StringComparison.Ordinal);
        Assert.Contains("Yes, publish 2 pairs", confirm, StringComparison.Ordinal);
        Assert.Empty(await app.PairsOfAsync(kit.ProgramId));
    }
}
