using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Pairing.Board;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairing.Engine;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.OrgChart;

/// <summary>
/// The program's reporting-line rule follows the org chart's chain as deep as the program says, and its department rule
/// keeps colleagues apart; the board names the rule that blocks a pair, and HR cannot pin past it.
/// </summary>
public sealed class ReportingLineDepthTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>
    /// A junior mentor at the bottom of a chain of six managers in the chart (only some of whom enrol, as mentees, at
    /// 1, 2, 3, 5 and 6 steps above the junior); the junior's enrolment names a different manager, which the chart overrides.
    /// </summary>
    private sealed record Chain(BoardSetup Kit, int Junior, Dictionary<int, int> MenteeAbove);

    private async Task<Chain> ChainAsync(int? depth, bool separate = false)
    {
        var kit = await app.BoardAsync(p =>
        {
            p.Matching.ReportingLineDepth = depth;
            p.Matching.SeparateDepartments = separate;
        });
        var emails = Enumerable.Range(0, 7).Select(i => OrgChartTestKit.NewEmail($"level{i}")).ToArray();
        for (var i = 6; i >= 0; i--)
        {
            await app.PlaceAsync(emails[i], $"Unit {i}", i == 6 ? null : emails[i + 1]);
        }

        var junior = await app.PersonAsync(ParticipantRole.Mentor, Unique("Junior"), emails[0]);
        var juniorEnrolment = await app.EnrolAsync(kit.Program, junior, ParticipantRole.Mentor, department: "Typed",
            managerEmail: OrgChartTestKit.NewEmail("typed-boss"), skills: [(kit.SkillA, 5)], formats: SessionFormats.Virtual);
        kit.People[juniorEnrolment.Id] = junior;
        var above = new Dictionary<int, int>();
        foreach (var steps in new[] { 1, 2, 3, 5, 6 })
        {
            var senior = await app.PersonAsync(ParticipantRole.Mentee, Unique($"Senior{steps}"), emails[steps]);
            var enrolment = await app.EnrolAsync(kit.Program, senior, ParticipantRole.Mentee, skills: [(kit.SkillA, 1)], formats: SessionFormats.Virtual);
            kit.People[enrolment.Id] = senior;
            above[steps] = enrolment.Id;
        }

        return new Chain(kit, juniorEnrolment.Id, above);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(null)]
    public async Task A_senior_within_the_depth_above_the_junior_is_never_paired_with_them(int? depth)
    {
        var chain = await ChainAsync(depth);

        foreach (var (steps, mentee) in chain.MenteeAbove)
        {
            var preview = await app.SendAsync(new PairByHand.PreviewQuery(chain.Kit.ProgramId, mentee, chain.Junior), chain.Kit.Coordinator);
            var within = depth is null || steps <= depth;
            Assert.True(within == (preview.Verdict == PairVerdict.BreaksHardRule), $"{steps} steps at depth {depth}: {preview.Verdict}");
            Assert.Equal(
                within ? $"{preview.Mentee!.Name} is {(steps == 1 ? "1 level" : $"{steps} levels")} above {preview.Mentor!.Name} in the reporting line" : null,
                preview.HardRule);
        }

        await app.RunAsync(chain.Kit);
        var stored = (await app.LatestPairingRunAsync(chain.Kit.ProgramId)).Stored;
        var allowed = chain.MenteeAbove.Where(m => depth is not null && m.Key > depth).Select(m => m.Value).ToList();
        var pair = stored.Pairs.SingleOrDefault();
        if (allowed.Count == 0)
        {
            Assert.Null(pair);
        }
        else
        {
            Assert.Contains(pair!.MenteeId, allowed);
        }
    }

    [Fact]
    public async Task With_separate_departments_colleagues_of_one_department_are_never_paired()
    {
        var kit = await app.BoardAsync(p => p.Matching.SeparateDepartments = true);
        var mentor = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Analyst"));
        var colleague = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Colleague"));
        await app.ExecuteDbContextAsync(async db =>
        {
            (await db.Enrolments.SingleAsync(e => e.Id == colleague)).Department = "Engineering";
            await db.SaveChangesAsync();
        });

        var preview = await app.SendAsync(new PairByHand.PreviewQuery(kit.ProgramId, colleague, mentor), kit.Coordinator);
        Assert.Equal(PairVerdict.BreaksHardRule, preview.Verdict);
        Assert.Equal("same department: Engineering", preview.HardRule);

        await app.RunAsync(kit);
        var stored = (await app.LatestPairingRunAsync(kit.ProgramId)).Stored;
        Assert.Empty(stored.Pairs);
        var page = await app.BoardPageAsync(kit);
        Assert.Contains("No one passes the hard rules: the program's org rules rule out 1 in their own department (Engineering)", page, StringComparison.Ordinal);

        // Without the rule the same two are a good pair.
        await app.ExecuteDbContextAsync(async db =>
        {
            (await db.Programs.SingleAsync(p => p.Id == kit.ProgramId)).Matching.SeparateDepartments = false;
            await db.SaveChangesAsync();
        });
        await app.RunAsync(kit);
        var pair = Assert.Single((await app.LatestPairingRunAsync(kit.ProgramId)).Stored.Pairs);
        Assert.Equal((mentor, colleague), (pair.MentorId, pair.MenteeId));
    }

    [Fact]
    public async Task The_board_says_who_has_no_partner_because_of_the_reporting_line()
    {
        var chain = await ChainAsync(depth: 6);

        await app.RunAsync(chain.Kit);

        var page = await app.BoardPageAsync(chain.Kit);
        Assert.Contains("No one passes the hard rules: the program's org rules rule out 5 in their reporting line (within 6 levels)", page, StringComparison.Ordinal);
        Assert.Contains("No one passes the hard rules: the program's org rules rule out 1 in their reporting line (within 6 levels)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pinning_a_pair_the_rule_forbids_is_refused_with_the_rule()
    {
        var chain = await ChainAsync(depth: 3);
        var mentee = chain.MenteeAbove[3];

        var refusal = await RefusalAsync(() => app.SendAsync(
            new PinPair.Command { ProgramId = chain.Kit.ProgramId, MentorEnrolmentId = chain.Junior, MenteeEnrolmentId = mentee }, chain.Kit.Coordinator), "");

        var (junior, senior) = (chain.Kit.People[chain.Junior].User.DisplayName, chain.Kit.People[mentee].User.DisplayName);
        Assert.Equal($"This pair cannot be pinned: {senior} is 3 levels above {junior} in the reporting line.", refusal);
        Assert.Empty(await app.PairingRulesAsync(chain.Kit.ProgramId));

        // Beyond the depth the same junior may be pinned with the most senior of all.
        await app.SendAsync(new PinPair.Command { ProgramId = chain.Kit.ProgramId, MentorEnrolmentId = chain.Junior, MenteeEnrolmentId = chain.MenteeAbove[5] }, chain.Kit.Coordinator);
        Assert.Single(await app.PairingRulesAsync(chain.Kit.ProgramId));
    }

    [Fact]
    public async Task A_swap_into_a_pair_the_department_rule_forbids_is_refused_and_the_preview_names_the_rule()
    {
        var kit = await app.BoardAsync(p => p.Matching.SeparateDepartments = true);
        var engineer = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Engineer"));
        var seller = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Seller"));
        var financier = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Financier"));
        var salesHead = await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Sales head"));
        await app.ExecuteDbContextAsync(async db =>
        {
            foreach (var enrolment in await db.Enrolments.Where(e => e.Id == seller || e.Id == salesHead).ToListAsync())
            {
                enrolment.Department = "Sales";
            }

            await db.SaveChangesAsync();
        });
        var runId = await app.RunAsync(kit);
        Assert.Equal([(engineer, salesHead), (seller, financier)],
            (await app.LatestPairingRunAsync(kit.ProgramId)).Stored.Pairs.Select(p => (p.MentorId, p.MenteeId)).Order());

        var preview = await app.SendAsync(new SwapPairs.PreviewQuery(kit.ProgramId, salesHead, financier), kit.Coordinator);
        Assert.Contains(preview.Pairs, p => p.HardRule == "same department: Sales");

        var refusal = await RefusalAsync(() => app.SendAsync(
            new SwapPairs.Command { ProgramId = kit.ProgramId, RunId = runId, MenteeEnrolmentId = salesHead, WithMenteeEnrolmentId = financier }, kit.Coordinator), "");

        Assert.Equal("These pairs cannot be swapped: same department: Sales.", refusal);
        Assert.Empty(await app.PairingRulesAsync(kit.ProgramId));
    }

    [Fact]
    public async Task Without_a_chart_entry_the_manager_given_at_enrolment_still_counts()
    {
        var kit = await app.BoardAsync(p => p.Matching.ReportingLineDepth = 1);
        var boss = await app.PersonAsync(ParticipantRole.Mentee, Unique("Boss"));
        var bossEnrolment = await app.EnrolAsync(kit.Program, boss, ParticipantRole.Mentee, skills: [(kit.SkillA, 1)], formats: SessionFormats.Virtual);
        var report = await app.PersonAsync(ParticipantRole.Mentor, Unique("Report"));
        var reportEnrolment = await app.EnrolAsync(kit.Program, report, ParticipantRole.Mentor, skills: [(kit.SkillA, 5)], formats: SessionFormats.Virtual,
            managerEmail: boss.Email.ToUpperInvariant());

        var preview = await app.SendAsync(new PairByHand.PreviewQuery(kit.ProgramId, bossEnrolment.Id, reportEnrolment.Id), kit.Coordinator);

        Assert.Equal($"{boss.User.DisplayName} is 1 level above {report.User.DisplayName} in the reporting line", preview.HardRule);
    }
}
