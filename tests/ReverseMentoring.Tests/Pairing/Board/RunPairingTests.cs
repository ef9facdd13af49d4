using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Pairing.Board;

public sealed class RunPairingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static HashSet<(int Mentor, int Mentee)> PairsOf(StoredRun run) => run.Pairs.Select(p => (p.MentorId, p.MenteeId)).ToHashSet();

    private sealed record Four(BoardSetup Kit, int MentorA, int MentorB, int MenteeA, int MenteeB);

    // Mentor A teaches what mentee A wants, mentor B what mentee B wants: the best pairs are clear.
    private async Task<Four> FourAsync(Action<MentoringProgram>? change = null)
    {
        var kit = await app.BoardAsync(change);
        return new Four(kit,
            await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor A")),
            await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillB, Unique("Mentor B")),
            await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee A")),
            await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillB, Unique("Mentee B")));
    }

    [Fact]
    public async Task A_run_stores_the_best_pairs_of_the_approved_people()
    {
        var f = await FourAsync();
        await app.CandidateAsync(f.Kit, ParticipantRole.Mentee, f.Kit.SkillA, Unique("Pending mentee"), EnrolmentStatus.Pending);

        var runId = await app.RunAsync(f.Kit);

        var (run, stored) = await app.LatestPairingRunAsync(f.Kit.ProgramId);
        Assert.Equal(runId, run.Id);
        Assert.Null(run.PublishedAtUtc);
        Assert.Equal(2, run.PairCount);
        Assert.Equal([(f.MentorA, f.MenteeA), (f.MentorB, f.MenteeB)], PairsOf(stored).OrderBy(p => p.Mentor));
        Assert.Equal(stored.Pairs.Sum(p => (long)p.Score), run.TotalScore);
        Assert.All(stored.Pairs, p => Assert.Contains(p.Reasons, r => r.Contains("jazz", StringComparison.Ordinal)));
        Assert.Empty(stored.Unmatched);
        Assert.True(stored.FirstFitTotal <= run.TotalScore);
    }

    [Fact]
    public async Task Mentees_in_live_pairs_are_left_out_and_their_mentors_slot_is_taken()
    {
        var f = await FourAsync();
        await app.AddPairAsync(f.Kit, f.MentorA, f.MenteeA, PairStatus.Proposed);

        await app.RunAsync(f.Kit);

        var (_, stored) = await app.LatestPairingRunAsync(f.Kit.ProgramId);
        Assert.Equal([(f.MentorB, f.MenteeB)], PairsOf(stored));
        Assert.DoesNotContain(stored.Unmatched, u => u.Id == f.MenteeA);
    }

    [Fact]
    public async Task A_declined_pair_is_not_proposed_again()
    {
        var f = await FourAsync();
        await app.AddPairAsync(f.Kit, f.MentorA, f.MenteeA, PairStatus.Declined);

        await app.RunAsync(f.Kit);

        var (_, stored) = await app.LatestPairingRunAsync(f.Kit.ProgramId);
        Assert.Equal([(f.MentorA, f.MenteeB), (f.MentorB, f.MenteeA)], PairsOf(stored).OrderBy(p => p.Mentor));
    }

    [Fact]
    public async Task A_mentors_capacity_is_reduced_by_pairs_already_accepted()
    {
        var kit = await app.BoardAsync(p => p.MentorCapacity = 2);
        var mentor = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));
        var first = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        var second = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        var third = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        await app.AddPairAsync(kit, mentor, first, PairStatus.Accepted);

        await app.RunAsync(kit);

        var (_, stored) = await app.LatestPairingRunAsync(kit.ProgramId);
        var pair = Assert.Single(stored.Pairs);
        Assert.Equal(mentor, pair.MentorId);
        var left = Assert.Single(stored.Unmatched);
        Assert.Contains(left.Id, new[] { second, third });
        Assert.Equal(UnmatchedReason.CapacityFull, left.Reason);
    }

    [Fact]
    public async Task A_pin_and_a_ban_are_honoured_by_the_run_they_start()
    {
        var f = await FourAsync();
        await app.RunAsync(f.Kit);

        await app.SendAsync(new PinPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = f.MenteeB }, f.Kit.Coordinator);

        var (_, pinned) = await app.LatestPairingRunAsync(f.Kit.ProgramId);
        Assert.Contains(pinned.Pairs, p => p.MentorId == f.MentorA && p.MenteeId == f.MenteeB && p.Pinned);
        Assert.Contains((f.MentorB, f.MenteeA), PairsOf(pinned));

        var pin = Assert.Single(await app.PairingRulesAsync(f.Kit.ProgramId));
        await app.SendAsync(new RemovePairingRule.Command { ProgramId = f.Kit.ProgramId, RuleId = pin.Id }, f.Kit.Coordinator);
        await app.SendAsync(new BanPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = f.MenteeA }, f.Kit.Coordinator);

        var (_, banned) = await app.LatestPairingRunAsync(f.Kit.ProgramId);
        Assert.DoesNotContain((f.MentorA, f.MenteeA), PairsOf(banned));
        Assert.Equal(PairingRuleKind.Ban, Assert.Single(await app.PairingRulesAsync(f.Kit.ProgramId)).Kind);
    }

    [Fact]
    public async Task A_swap_pins_the_crosswise_pairs_and_runs_again()
    {
        var f = await FourAsync();
        var runId = await app.RunAsync(f.Kit);

        await app.SendAsync(new SwapPairs.Command { ProgramId = f.Kit.ProgramId, RunId = runId, MenteeEnrolmentId = f.MenteeA, WithMenteeEnrolmentId = f.MenteeB }, f.Kit.Coordinator);

        var (run, stored) = await app.LatestPairingRunAsync(f.Kit.ProgramId);
        Assert.NotEqual(runId, run.Id);
        Assert.Equal([(f.MentorA, f.MenteeB), (f.MentorB, f.MenteeA)], PairsOf(stored).OrderBy(p => p.Mentor));
        Assert.All(stored.Pairs, p => Assert.True(p.Pinned));
        var rules = await app.PairingRulesAsync(f.Kit.ProgramId);
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Equal(PairingRuleKind.Pin, r.Kind));
    }

    [Fact]
    public async Task A_pin_needs_an_approved_mentor_and_mentee_of_the_program()
    {
        var f = await FourAsync();
        var pending = await app.CandidateAsync(f.Kit, ParticipantRole.Mentee, f.Kit.SkillA, Unique("Pending"), EnrolmentStatus.Pending);

        var wrongRoles = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new PinPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MenteeA, MenteeEnrolmentId = f.MentorA }, f.Kit.Coordinator));
        var notApproved = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new PinPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = pending }, f.Kit.Coordinator));

        Assert.Equal("Choose an approved mentor and an approved mentee of this program.", wrongRoles.Failures.Single().ErrorMessage);
        Assert.Equal("Choose an approved mentor and an approved mentee of this program.", notApproved.Failures.Single().ErrorMessage);
        Assert.Empty(await app.PairingRulesAsync(f.Kit.ProgramId));
    }

    [Fact]
    public async Task The_board_names_the_people_of_a_pin_that_could_not_be_kept()
    {
        var f = await FourAsync();
        await app.SendAsync(new PinPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = f.MenteeA }, f.Kit.Coordinator);
        await app.AddPairAsync(f.Kit, f.MentorB, f.MenteeA, PairStatus.Accepted);
        await app.RunAsync(f.Kit);

        var board = await app.SendAsync(new PairingBoard.Query(f.Kit.ProgramId), f.Kit.Coordinator);

        var menteeName = board.Rules.Single().Mentee.Name;
        Assert.Contains(board.Run!.Warnings, w => w.Contains($"with mentee {menteeName}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_published_pair_cannot_be_banned()
    {
        var f = await FourAsync();
        await app.AddPairAsync(f.Kit, f.MentorA, f.MenteeA, PairStatus.Proposed);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new BanPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = f.MenteeA }, f.Kit.Coordinator));

        Assert.StartsWith("This pair is already published; ", refused.Failures.Single().ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await app.PairingRulesAsync(f.Kit.ProgramId));
    }

    [Theory]
    [InlineData(ProgramStatus.Draft, false)]
    [InlineData(ProgramStatus.Enrolling, false)]
    [InlineData(ProgramStatus.Closed, false)]
    [InlineData(ProgramStatus.Matching, true)]
    public async Task Pairing_runs_only_while_the_program_is_matching_or_running(ProgramStatus status, bool archived)
    {
        var f = await FourAsync(p =>
        {
            p.Status = status;
            p.ArchivedAtUtc = archived ? DateTime.UtcNow : null;
        });

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.RunAsync(f.Kit));

        Assert.Equal(RunPairing.WrongStatusMessage, refused.Failures.Single().ErrorMessage);
        Assert.Null(await app.ExecuteDbContextAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            System.Linq.Queryable.Where(db.PairingRuns, r => r.ProgramId == f.Kit.ProgramId))));
    }

    [Fact]
    public async Task A_run_with_only_mentors_stores_an_empty_proposal()
    {
        var kit = await app.BoardAsync();
        var mentor = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));

        await app.RunAsync(kit);

        var (run, stored) = await app.LatestPairingRunAsync(kit.ProgramId);
        Assert.Equal(0, run.PairCount);
        Assert.Empty(stored.Pairs);
        Assert.Equal(mentor, Assert.Single(stored.Unmatched).Id);
    }

    [Fact]
    public async Task A_running_program_can_pair_again()
    {
        var f = await FourAsync(p => p.Status = ProgramStatus.Running);

        await app.RunAsync(f.Kit);

        Assert.Equal(2, (await app.LatestPairingRunAsync(f.Kit.ProgramId)).Run.PairCount);
    }
}
