using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Pairing.Board;

public sealed class RunPairingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Setup(MentoringProgram Program, Person Hr, int SkillA, int SkillB)
    {
        public int ProgramId => Program.Id;

        public System.Security.Claims.ClaimsPrincipal Coordinator => Hr.As;

        public Dictionary<int, Person> People { get; } = [];
    }

    /// <summary>A program in matching, a coordinator and two skills of its own.</summary>
    private async Task<Setup> StartAsync(Action<MentoringProgram>? change = null) =>
        new(await app.ProgramAsync(ProgramStatus.Matching, change: change), await app.PersonAsync(Roles.HrCoordinator),
            await app.SkillIdAsync(Unique("Skill A")), await app.SkillIdAsync(Unique("Skill B")));

    /// <summary>A person free on Monday mornings who teaches the skill at 5 or wants it at 1; their enrolment's id.</summary>
    private async Task<int> CandidateAsync(Setup setup, ParticipantRole role, int skillId, string name, EnrolmentStatus status = EnrolmentStatus.Approved)
    {
        var person = await app.PersonAsync(role, name);
        var mentor = role == ParticipantRole.Mentor;
        var enrolment = await app.EnrolAsync(setup.Program, person, role, status, department: mentor ? "Engineering" : "Finance",
            skills: [(skillId, mentor ? 5 : 1)], availability: [new() { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) }],
            interests: "jazz, hiking");
        setup.People[enrolment.Id] = person;
        return enrolment.Id;
    }

    private Task<int> RunAsync(Setup setup) => app.SendAsync(new RunPairing.Command { ProgramId = setup.ProgramId }, setup.Coordinator);

    private Task<TestPair> AddPairAsync(Setup setup, int mentor, int mentee, PairStatus status) =>
        app.PairAsync(setup.Program, status, mentor: setup.People[mentor], mentee: setup.People[mentee]);

    private static HashSet<(int Mentor, int Mentee)> PairsOf(StoredRun run) => run.Pairs.Select(p => (p.MentorId, p.MenteeId)).ToHashSet();

    private sealed record Four(Setup Kit, int MentorA, int MentorB, int MenteeA, int MenteeB);

    // Mentor A teaches what mentee A wants, mentor B what mentee B wants: the best pairs are clear.
    private async Task<Four> FourAsync(Action<MentoringProgram>? change = null)
    {
        var kit = await StartAsync(change);
        return new Four(kit,
            await CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor A")),
            await CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillB, Unique("Mentor B")),
            await CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee A")),
            await CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillB, Unique("Mentee B")));
    }

    [Fact]
    public async Task A_run_stores_the_best_pairs_of_the_approved_people()
    {
        var f = await FourAsync();
        await CandidateAsync(f.Kit, ParticipantRole.Mentee, f.Kit.SkillA, Unique("Pending mentee"), EnrolmentStatus.Pending);

        var runId = await RunAsync(f.Kit);

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
        await AddPairAsync(f.Kit, f.MentorA, f.MenteeA, PairStatus.Proposed);

        await RunAsync(f.Kit);

        var (_, stored) = await app.LatestPairingRunAsync(f.Kit.ProgramId);
        Assert.Equal([(f.MentorB, f.MenteeB)], PairsOf(stored));
        Assert.DoesNotContain(stored.Unmatched, u => u.Id == f.MenteeA);
    }

    [Fact]
    public async Task A_declined_pair_is_not_proposed_again()
    {
        var f = await FourAsync();
        await AddPairAsync(f.Kit, f.MentorA, f.MenteeA, PairStatus.Declined);

        await RunAsync(f.Kit);

        var (_, stored) = await app.LatestPairingRunAsync(f.Kit.ProgramId);
        Assert.Equal([(f.MentorA, f.MenteeB), (f.MentorB, f.MenteeA)], PairsOf(stored).OrderBy(p => p.Mentor));
    }

    [Fact]
    public async Task A_mentors_capacity_is_reduced_by_pairs_already_accepted()
    {
        var kit = await StartAsync(p => p.MentorCapacity = 2);
        var mentor = await CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));
        var first = await CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        var second = await CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        var third = await CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee"));
        await AddPairAsync(kit, mentor, first, PairStatus.Accepted);

        await RunAsync(kit);

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
        await RunAsync(f.Kit);

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
        var runId = await RunAsync(f.Kit);

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
        var pending = await CandidateAsync(f.Kit, ParticipantRole.Mentee, f.Kit.SkillA, Unique("Pending"), EnrolmentStatus.Pending);

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
        await AddPairAsync(f.Kit, f.MentorB, f.MenteeA, PairStatus.Accepted);
        await RunAsync(f.Kit);

        var board = await app.SendAsync(new PairingBoard.Query(f.Kit.ProgramId), f.Kit.Coordinator);

        var menteeName = board.Rules.Single().Mentee.Name;
        Assert.Contains(board.Run!.Warnings, w => w.Contains($"with mentee {menteeName}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_published_pair_cannot_be_banned()
    {
        var f = await FourAsync();
        await AddPairAsync(f.Kit, f.MentorA, f.MenteeA, PairStatus.Proposed);

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

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => RunAsync(f.Kit));

        Assert.Equal(RunPairing.WrongStatusMessage, refused.Failures.Single().ErrorMessage);
        Assert.Null(await app.ExecuteDbContextAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            System.Linq.Queryable.Where(db.PairingRuns, r => r.ProgramId == f.Kit.ProgramId))));
    }

    [Fact]
    public async Task A_run_with_only_mentors_stores_an_empty_proposal()
    {
        var kit = await StartAsync();
        var mentor = await CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));

        await RunAsync(kit);

        var (run, stored) = await app.LatestPairingRunAsync(kit.ProgramId);
        Assert.Equal(0, run.PairCount);
        Assert.Empty(stored.Pairs);
        Assert.Equal(mentor, Assert.Single(stored.Unmatched).Id);
    }

    [Fact]
    public async Task A_running_program_can_pair_again()
    {
        var f = await FourAsync(p => p.Status = ProgramStatus.Running);

        await RunAsync(f.Kit);

        Assert.Equal(2, (await app.LatestPairingRunAsync(f.Kit.ProgramId)).Run.PairCount);
    }
}
