using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairing.Engine;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Pairing.Board;

/// <summary>HR pairs an unmatched mentee with a mentor of their choice, seeing the pair's score and reasons first, or the hard rule it breaks.</summary>
public sealed class PairByHandTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record World(BoardSetup Kit, int Mentor, int Paired, int Unmatched, int Boss);

    /// <summary>One mentor with one place and two mentees who both fit: the run leaves one mentee out. A second mentor is the unmatched mentee's manager.</summary>
    private async Task<World> WorldAsync()
    {
        var kit = await app.BoardAsync();
        var mentor = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor"));
        var first = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("First mentee"));
        var second = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Second mentee"));
        await app.RunAsync(kit);
        var stored = (await app.LatestPairingRunAsync(kit.ProgramId)).Stored;
        var paired = Assert.Single(stored.Pairs).MenteeId;
        var unmatched = paired == first ? second : first;

        // The boss enrols after the run; the unmatched mentee reports to them.
        var bossPerson = await app.PersonAsync(ParticipantRole.Mentor, Unique("Boss"));
        var boss = await app.EnrolAsync(kit.Program, bossPerson, ParticipantRole.Mentor, formats: SessionFormats.Virtual);
        await app.ExecuteDbContextAsync(async db =>
        {
            var enrolment = await db.Enrolments.FindAsync(unmatched);
            enrolment!.ManagerEmail = bossPerson.User.Email;
            await db.SaveChangesAsync();
        });
        return new World(kit, mentor, paired, unmatched, boss.Id);
    }


    [Fact]
    public async Task An_unmatched_mentee_is_shown_with_the_chosen_mentor_then_pinned_and_kept_by_the_next_run()
    {
        var world = await WorldAsync();

        var preview = await app.SendAsync(new PairByHand.PreviewQuery(world.Kit.ProgramId, world.Unmatched, world.Mentor), world.Kit.Coordinator);

        Assert.Null(preview.Refusal);
        Assert.True(preview.CanPin);
        Assert.Equal((world.Mentor, world.Unmatched), (preview.Mentor!.Id, preview.Mentee!.Id));
        Assert.Equal(PairVerdict.Allowed, preview.Verdict);
        Assert.InRange(preview.Percent, 1, 100);
        Assert.Contains("/5, wanted at", preview.Reasons, StringComparison.Ordinal);
        Assert.Null(preview.HardRule);

        var plain = await app.BoardPageAsync(world.Kit);
        Assert.Contains($"name=\"hand\" value=\"{world.Unmatched}\"", plain, StringComparison.Ordinal);
        var page = await app.BoardPageAsync(world.Kit, $"?hand={world.Unmatched}&mentor={world.Mentor}");
        Assert.Contains($"Pair {preview.Mentee.Name} with {preview.Mentor.Name}?", page, StringComparison.Ordinal);
        Assert.Contains("Yes, pin this pair", page, StringComparison.Ordinal);

        await app.SendAsync(new PinPair.Command { ProgramId = world.Kit.ProgramId, MentorEnrolmentId = world.Mentor, MenteeEnrolmentId = world.Unmatched }, world.Kit.Coordinator);

        var pair = Assert.Single((await app.LatestPairingRunAsync(world.Kit.ProgramId)).Stored.Pairs, p => p.MentorId == world.Mentor);
        Assert.Equal((world.Unmatched, true), (pair.MenteeId, pair.Pinned));
    }

    [Fact]
    public async Task A_pair_across_a_reporting_line_names_the_rule_and_offers_no_pin()
    {
        var world = await WorldAsync();

        var preview = await app.SendAsync(new PairByHand.PreviewQuery(world.Kit.ProgramId, world.Unmatched, world.Boss), world.Kit.Coordinator);

        Assert.Null(preview.Refusal);
        Assert.Equal(PairVerdict.BreaksHardRule, preview.Verdict);
        var rule = $"{preview.Mentor!.Name} is 1 level above {preview.Mentee!.Name} in the reporting line";
        Assert.Equal(rule, preview.HardRule);
        Assert.False(preview.CanPin);
        var page = await app.BoardPageAsync(world.Kit, $"?hand={world.Unmatched}&mentor={world.Boss}");
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"They cannot be paired: {rule}."), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Yes, pin this pair", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_of_another_program_or_in_the_wrong_roles_are_refused()
    {
        var world = await WorldAsync();
        var other = await app.BoardAsync();
        var stranger = await app.CandidateAsync(other, ParticipantRole.Mentee, other.SkillA, Unique("Stranger"));

        var fromElsewhere = await app.SendAsync(new PairByHand.PreviewQuery(world.Kit.ProgramId, stranger, world.Mentor), world.Kit.Coordinator);
        var swapped = await app.SendAsync(new PairByHand.PreviewQuery(world.Kit.ProgramId, world.Mentor, world.Unmatched), world.Kit.Coordinator);

        Assert.All([fromElsewhere, swapped], refused =>
        {
            Assert.Equal("Choose an approved mentor and an approved mentee of this program.", refused.Refusal);
            Assert.False(refused.CanPin);
            Assert.Null(refused.Mentor);
        });
    }

    [Fact]
    public void The_engine_names_each_hard_rule()
    {
        var round = PairingTestKit.Round(
            PairingTestKit.Mentor(1), PairingTestKit.Mentee(2, manager: PairingTestKit.EmailOf(1)),
            PairingTestKit.Mentor(3, formats: SessionFormats.InPerson), PairingTestKit.Mentee(4, formats: SessionFormats.Virtual)) with
        { Bans = [new PairKey(1, 4)] };

        Assert.Equal("the mentor is 1 level above the mentee in the reporting line", PairingEngine.Assess(round, 1, 2).HardRule);
        Assert.Equal("they have no way of meeting in common that the program uses", PairingEngine.Assess(round, 3, 4).HardRule);
        Assert.Equal("HR banned this pair", PairingEngine.Assess(round, 1, 4).HardRule);
    }
}
