using ReverseMentoring.Tests.Pairing.Board;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Pairing.Preferences;

public sealed class PairingBoardFairnessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static RankPartners.Command Ranking(int programId, params (int Partner, int Rank)[] choices) => new()
    {
        ProgramId = programId,
        Choices = [.. choices.Select(c => new RankPartners.Choice { PartnerId = c.Partner, Rank = c.Rank })],
    };

    [Fact]
    public async Task The_board_counts_who_got_which_choice_and_the_blocking_pairs_left()
    {
        var kit = await app.BoardAsync(p =>
        {
            p.Matching.Mode = MatchingMode.PreferenceLed;
            p.Matching.MinimumScorePercent = 0;
        });
        var mentorA = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor A"));
        var mentorB = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillB, Unique("Mentor B"));
        var menteeA = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee A"));
        var menteeB = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillB, Unique("Mentee B"));

        // Mentee A gets their first choice, mentee B and mentor A their second; mentor B ranked nobody. Mentee B would
        // rather have mentor A, but mentor A prefers the mentee they got: no blocking pair.
        await app.SendAsync(Ranking(kit.ProgramId, (mentorA, 1)), kit.People[menteeA].As);
        await app.SendAsync(Ranking(kit.ProgramId, (mentorA, 1), (mentorB, 2)), kit.People[menteeB].As);
        await app.SendAsync(Ranking(kit.ProgramId, (menteeA, 2)), kit.People[mentorA].As);

        await app.RunAsync(kit);

        var (_, stored) = await app.LatestPairingRunAsync(kit.ProgramId);
        Assert.Equal([(mentorA, menteeA), (mentorB, menteeB)], stored.Pairs.Select(p => (p.MentorId, p.MenteeId)).Order());
        Assert.Equal([1, 2, 0, 0, 0, 0], stored.Choices!);
        Assert.Equal(0, stored.BlockingPairs);
        var fairness = await app.SendAsync(new PairingBoard.FairnessQuery(kit.ProgramId), kit.Coordinator);
        Assert.Equal(3, fairness.PeopleWhoRanked);
        var page = await app.BoardPageAsync(kit);
        Assert.Contains("<td>their first choice</td><td>1</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>their second choice</td><td>2</td>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>0</strong> blocking pairs remain", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blocking_pair_is_reported_and_removing_blocking_pairs_removes_it()
    {
        var kit = await app.BoardAsync(p =>
        {
            p.Matching.Mode = MatchingMode.PreferenceLed;
            p.Matching.MinimumScorePercent = 0;
            p.Matching.PreferenceWeight = 1;
        });
        var mentorA = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor A"));
        var mentorB = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillB, Unique("Mentor B"));
        var menteeA = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee A"));
        var menteeB = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillB, Unique("Mentee B"));

        // Mentor A and mentee B both put each other first, but the fit of A-A and B-B outweighs one small rank bonus.
        await app.SendAsync(Ranking(kit.ProgramId, (mentorA, 1)), kit.People[menteeB].As);
        await app.SendAsync(Ranking(kit.ProgramId, (menteeB, 1)), kit.People[mentorA].As);
        await app.RunAsync(kit);
        var (_, best) = await app.LatestPairingRunAsync(kit.ProgramId);
        Assert.Equal([(mentorA, menteeA), (mentorB, menteeB)], best.Pairs.Select(p => (p.MentorId, p.MenteeId)).Order());
        Assert.Equal(1, best.BlockingPairs);
        Assert.Contains("<strong>1</strong> blocking pair remains", await app.BoardPageAsync(kit), StringComparison.Ordinal);

        await app.ExecuteDbContextAsync(async db =>
        {
            var program = await db.Programs.FindAsync(kit.ProgramId);
            program!.Matching.RemoveBlockingPairs = true;
            await db.SaveChangesAsync();
        });
        await app.RunAsync(kit);

        var (_, stable) = await app.LatestPairingRunAsync(kit.ProgramId);
        Assert.Contains((mentorA, menteeB), stable.Pairs.Select(p => (p.MentorId, p.MenteeId)));
        Assert.Equal(0, stable.BlockingPairs);
        Assert.True(stable.Stable);
        Assert.Contains("This run removed blocking pairs", await app.BoardPageAsync(kit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_left_unmatched_by_a_published_run_come_first_on_the_wait_list_and_see_their_place()
    {
        var kit = await app.BoardAsync(p => p.Matching.Mode = MatchingMode.PreferenceLed);
        var mentor = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));
        var left = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillB, Unique("Left over"));
        var paired = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Paired"));
        var runId = await app.RunAsync(kit);
        await app.SendAsync(new PublishPairing.Command { ProgramId = kit.ProgramId, RunId = runId, Version = await app.ProgramVersionAsync(kit.ProgramId) }, kit.Coordinator);
        var (_, published) = await app.LatestPairingRunAsync(kit.ProgramId);
        Assert.Equal([(mentor, paired)], published.Pairs.Select(p => (p.MentorId, p.MenteeId)));

        // Someone who enrolled long before, but has not waited a round, comes after the one left over.
        var early = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Early"));
        await app.ExecuteDbContextAsync(async db =>
        {
            (await db.Enrolments.FindAsync(early))!.CreatedAtUtc = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
        });

        var fairness = await app.SendAsync(new PairingBoard.FairnessQuery(kit.ProgramId), kit.Coordinator);
        Assert.Equal([(left, 1, 1), (early, 0, 2)], fairness.WaitList.Select(w => (w.EnrolmentId, w.RoundsWaited, w.Position)));
        var view = await app.SendAsync(new RankPartners.Query(kit.ProgramId), kit.People[left].As);
        Assert.Equal(1, view.Place!.Position);
        var home = await (await app.SignedInClientAsync(kit.People[early].User)).GetStringAsync(new Uri("/Participant", UriKind.Relative));
        Assert.Contains("number 2 waiting for a partner", home, StringComparison.Ordinal);
        Assert.Contains("Wait list", await app.BoardPageAsync(kit), StringComparison.Ordinal);
    }
}
