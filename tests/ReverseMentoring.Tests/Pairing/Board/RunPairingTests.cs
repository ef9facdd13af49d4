using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.Pairing.Board.BoardTestKit;

namespace ReverseMentoring.Tests.Pairing.Board;

public sealed class RunPairingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Four(BoardTestKit Kit, int MentorA, int MentorB, int MenteeA, int MenteeB);

    // Mentor A teaches what mentee A wants, mentor B what mentee B wants: the best pairs are clear.
    private async Task<Four> FourAsync(Action<MentoringProgram>? change = null)
    {
        var kit = await StartAsync(app, change);
        return new Four(kit,
            await kit.PersonAsync(ParticipantRole.Mentor, kit.SkillA, Unique("Mentor A")),
            await kit.PersonAsync(ParticipantRole.Mentor, kit.SkillB, Unique("Mentor B")),
            await kit.PersonAsync(ParticipantRole.Mentee, kit.SkillA, Unique("Mentee A")),
            await kit.PersonAsync(ParticipantRole.Mentee, kit.SkillB, Unique("Mentee B")));
    }

    [Fact]
    public async Task A_run_stores_the_best_pairs_of_the_approved_people()
    {
        var f = await FourAsync();
        await f.Kit.PersonAsync(ParticipantRole.Mentee, f.Kit.SkillA, Unique("Pending mentee"), EnrolmentStatus.Pending);

        var runId = await f.Kit.RunAsync();

        var (run, stored) = await f.Kit.LatestRunAsync();
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
        await f.Kit.AddPairAsync(f.MentorA, f.MenteeA, PairStatus.Proposed);

        await f.Kit.RunAsync();

        var (_, stored) = await f.Kit.LatestRunAsync();
        Assert.Equal([(f.MentorB, f.MenteeB)], PairsOf(stored));
        Assert.DoesNotContain(stored.Unmatched, u => u.Id == f.MenteeA);
    }

    [Fact]
    public async Task A_declined_pair_is_not_proposed_again()
    {
        var f = await FourAsync();
        await f.Kit.AddPairAsync(f.MentorA, f.MenteeA, PairStatus.Declined);

        await f.Kit.RunAsync();

        var (_, stored) = await f.Kit.LatestRunAsync();
        Assert.Equal([(f.MentorA, f.MenteeB), (f.MentorB, f.MenteeA)], PairsOf(stored).OrderBy(p => p.Mentor));
    }

    [Fact]
    public async Task A_mentors_capacity_is_reduced_by_pairs_already_accepted()
    {
        var kit = await StartAsync(app, p => p.MentorCapacity = 2);
        var mentor = await kit.PersonAsync(ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));
        var first = await kit.PersonAsync(ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        var second = await kit.PersonAsync(ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        var third = await kit.PersonAsync(ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        await kit.AddPairAsync(mentor, first, PairStatus.Accepted);

        await kit.RunAsync();

        var (_, stored) = await kit.LatestRunAsync();
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
        await f.Kit.RunAsync();

        await app.SendAsync(new PinPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = f.MenteeB }, f.Kit.Coordinator);

        var (_, pinned) = await f.Kit.LatestRunAsync();
        Assert.Contains(pinned.Pairs, p => p.MentorId == f.MentorA && p.MenteeId == f.MenteeB && p.Pinned);
        Assert.Contains((f.MentorB, f.MenteeA), PairsOf(pinned));

        var pin = Assert.Single(await f.Kit.RulesAsync());
        await app.SendAsync(new RemovePairingRule.Command { ProgramId = f.Kit.ProgramId, RuleId = pin.Id }, f.Kit.Coordinator);
        await app.SendAsync(new BanPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = f.MenteeA }, f.Kit.Coordinator);

        var (_, banned) = await f.Kit.LatestRunAsync();
        Assert.DoesNotContain((f.MentorA, f.MenteeA), PairsOf(banned));
        Assert.Equal(PairingRuleKind.Ban, Assert.Single(await f.Kit.RulesAsync()).Kind);
    }

    [Fact]
    public async Task A_swap_pins_the_crosswise_pairs_and_runs_again()
    {
        var f = await FourAsync();
        var runId = await f.Kit.RunAsync();

        await app.SendAsync(new SwapPairs.Command { ProgramId = f.Kit.ProgramId, RunId = runId, MenteeEnrolmentId = f.MenteeA, WithMenteeEnrolmentId = f.MenteeB }, f.Kit.Coordinator);

        var (run, stored) = await f.Kit.LatestRunAsync();
        Assert.NotEqual(runId, run.Id);
        Assert.Equal([(f.MentorA, f.MenteeB), (f.MentorB, f.MenteeA)], PairsOf(stored).OrderBy(p => p.Mentor));
        Assert.All(stored.Pairs, p => Assert.True(p.Pinned));
        var rules = await f.Kit.RulesAsync();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Equal(PairingRuleKind.Pin, r.Kind));
    }

    [Fact]
    public async Task A_pin_needs_an_approved_mentor_and_mentee_of_the_program()
    {
        var f = await FourAsync();
        var pending = await f.Kit.PersonAsync(ParticipantRole.Mentee, f.Kit.SkillA, Unique("Pending"), EnrolmentStatus.Pending);

        var wrongRoles = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new PinPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MenteeA, MenteeEnrolmentId = f.MentorA }, f.Kit.Coordinator));
        var notApproved = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new PinPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = pending }, f.Kit.Coordinator));

        Assert.Equal("Choose an approved mentor and an approved mentee of this program.", wrongRoles.Failures.Single().ErrorMessage);
        Assert.Equal("Choose an approved mentor and an approved mentee of this program.", notApproved.Failures.Single().ErrorMessage);
        Assert.Empty(await f.Kit.RulesAsync());
    }

    [Fact]
    public async Task The_board_names_the_people_of_a_pin_that_could_not_be_kept()
    {
        var f = await FourAsync();
        await app.SendAsync(new PinPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = f.MenteeA }, f.Kit.Coordinator);
        await f.Kit.AddPairAsync(f.MentorB, f.MenteeA, PairStatus.Accepted);
        await f.Kit.RunAsync();

        var board = await app.SendAsync(new PairingBoard.Query(f.Kit.ProgramId), f.Kit.Coordinator);

        var menteeName = board.Rules.Single().Mentee.Name;
        Assert.Contains(board.Run!.Warnings, w => w.Contains($"with mentee {menteeName}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_published_pair_cannot_be_banned()
    {
        var f = await FourAsync();
        await f.Kit.AddPairAsync(f.MentorA, f.MenteeA, PairStatus.Proposed);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new BanPair.Command { ProgramId = f.Kit.ProgramId, MentorEnrolmentId = f.MentorA, MenteeEnrolmentId = f.MenteeA }, f.Kit.Coordinator));

        Assert.StartsWith("This pair is already published; ", refused.Failures.Single().ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await f.Kit.RulesAsync());
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

        var refused = await Assert.ThrowsAsync<RequestValidationException>(f.Kit.RunAsync);

        Assert.Equal(RunPairing.WrongStatusMessage, refused.Failures.Single().ErrorMessage);
        Assert.Null(await app.ExecuteDbContextAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            System.Linq.Queryable.Where(db.PairingRuns, r => r.ProgramId == f.Kit.ProgramId))));
    }

    [Fact]
    public async Task A_run_with_only_mentors_stores_an_empty_proposal()
    {
        var kit = await StartAsync(app);
        var mentor = await kit.PersonAsync(ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));

        await kit.RunAsync();

        var (run, stored) = await kit.LatestRunAsync();
        Assert.Equal(0, run.PairCount);
        Assert.Empty(stored.Pairs);
        Assert.Equal(mentor, Assert.Single(stored.Unmatched).Id);
    }

    [Fact]
    public async Task A_running_program_can_pair_again()
    {
        var f = await FourAsync(p => p.Status = ProgramStatus.Running);

        await f.Kit.RunAsync();

        Assert.Equal(2, (await f.Kit.LatestRunAsync()).Run.PairCount);
    }
}
