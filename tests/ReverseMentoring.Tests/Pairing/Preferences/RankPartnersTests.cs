using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Pairing.Board;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Pairing.Preferences;

public sealed class RankPartnersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Four(BoardSetup Kit, int MentorA, int MentorB, int MenteeA, int MenteeB)
    {
        public Person Of(int enrolmentId) => Kit.People[enrolmentId];
    }

    // Mentor A fits mentee A, mentor B fits mentee B; with no minimum score every pair is allowed.
    private async Task<Four> FourAsync(MatchingMode mode = MatchingMode.PreferenceLed)
    {
        var kit = await app.BoardAsync(p =>
        {
            p.Matching.Mode = mode;
            p.Matching.MinimumScorePercent = 0;
        });
        return new Four(kit,
            await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor A")),
            await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillB, Unique("Mentor B")),
            await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee A")),
            await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillB, Unique("Mentee B")));
    }

    private static RankPartners.Command Ranking(int programId, params (int Partner, int? Rank)[] choices) => new()
    {
        ProgramId = programId,
        Choices = [.. choices.Select(c => new RankPartners.Choice { PartnerId = c.Partner, Rank = c.Rank })],
    };

    private Task<List<(int Partner, int Rank)>> RanksOfAsync(int enrolmentId) =>
        app.ExecuteDbContextAsync(async db => (await db.PartnerPreferences.Where(p => p.EnrolmentId == enrolmentId)
            .OrderBy(p => p.Rank).Select(p => new { p.PartnerEnrolmentId, p.Rank }).ToListAsync())
            .Select(p => (p.PartnerEnrolmentId, p.Rank)).ToList());

    [Fact]
    public async Task A_mentee_sees_the_mentors_proposed_best_first_and_ranks_them()
    {
        var f = await FourAsync();

        var view = await app.SendAsync(new RankPartners.Query(f.Kit.ProgramId), f.Of(f.MenteeA).As);

        Assert.Equal(RankPartners.Standing.Open, view.Standing);
        Assert.Equal([f.MentorA, f.MentorB], view.Partners.Select(p => p.EnrolmentId));
        Assert.True(view.Partners[0].Percent > view.Partners[1].Percent);

        var saved = await app.SendAsync(Ranking(f.Kit.ProgramId, (f.MentorA, 2), (f.MentorB, 1)), f.Of(f.MenteeA).As);

        Assert.Equal(2, saved);
        Assert.Equal([(f.MentorB, 1), (f.MentorA, 2)], await RanksOfAsync(f.MenteeA));
        var again = await app.SendAsync(new RankPartners.Query(f.Kit.ProgramId), f.Of(f.MenteeA).As);
        Assert.Equal([2, 1], again.Partners.Select(p => p.Rank));
    }

    [Fact]
    public async Task A_new_ranking_replaces_the_last_and_blanks_are_not_ranked()
    {
        var f = await FourAsync();
        var mentor = f.Of(f.MentorA).As;
        await app.SendAsync(Ranking(f.Kit.ProgramId, (f.MenteeA, 1), (f.MenteeB, 2)), mentor);

        await app.SendAsync(Ranking(f.Kit.ProgramId, (f.MenteeA, null), (f.MenteeB, 1)), mentor);

        Assert.Equal([(f.MenteeB, 1)], await RanksOfAsync(f.MentorA));
    }

    [Fact]
    public async Task Bad_rankings_are_refused_with_a_message_by_the_field_and_nothing_is_saved()
    {
        var f = await FourAsync();
        var other = await FourAsync();
        var mentee = f.Of(f.MenteeA).As;
        var id = f.Kit.ProgramId;
        await app.SendAsync(Ranking(id, (f.MentorA, 1)), mentee);

        var outOfRange = await RefusalAsync(() => app.SendAsync(Ranking(id, (f.MentorA, 6)), mentee), "Choices[0].Rank");
        var notProposed = await RefusalAsync(() => app.SendAsync(Ranking(id, (f.MentorB, 1), (f.MenteeB, 2)), mentee), "Choices[1].Rank");
        var elsewhere = await RefusalAsync(() => app.SendAsync(Ranking(id, (other.MentorA, 1)), mentee), "Choices[0].Rank");
        var twice = await RefusalAsync(() => app.SendAsync(Ranking(id, (f.MentorB, 1), (f.MentorB, 2)), mentee), "Choices[1].Rank");
        var sameRank = await RefusalAsync(() => app.SendAsync(Ranking(id, (f.MentorB, 1), (f.MentorA, 1)), mentee), "Choices[1].Rank");
        var negative = await RefusalAsync(() => app.SendAsync(Ranking(id, (f.MentorB, -1)), mentee), "Choices[0].Rank");

        Assert.Contains("1 to 5", outOfRange, StringComparison.Ordinal);
        Assert.Contains("1 to 5", negative, StringComparison.Ordinal);
        Assert.Contains("not among the partners proposed", notProposed, StringComparison.Ordinal);
        Assert.Contains("another program", elsewhere, StringComparison.Ordinal);
        Assert.Contains("ranked twice", twice, StringComparison.Ordinal);
        Assert.Contains("Rank 1 is already given", sameRank, StringComparison.Ordinal);
        Assert.Equal([(f.MentorA, 1)], await RanksOfAsync(f.MenteeA));
    }

    [Fact]
    public async Task Only_the_programs_mentors_and_mentees_may_rank_and_only_for_themselves()
    {
        var f = await FourAsync();
        var id = f.Kit.ProgramId;
        var leader = await app.PersonAsync(Roles.Leadership);
        var outsider = await app.PersonAsync(Roles.Mentor);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RankPartners.Query(id), f.Kit.Coordinator));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Ranking(id, (f.MentorA, 1)), f.Kit.Coordinator));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new RankPartners.Query(id), leader.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Ranking(id, (f.MentorA, 1)), leader.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RankPartners.Query(id), outsider.As));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(Ranking(id, (f.MenteeA, 1)), outsider.As));

        var mentorView = await app.SendAsync(new RankPartners.Query(id), f.Of(f.MentorB).As);
        var menteeView = await app.SendAsync(new RankPartners.Query(id), f.Of(f.MenteeB).As);
        Assert.Equal([f.MenteeB, f.MenteeA], mentorView.Partners.Select(p => p.EnrolmentId));
        Assert.Equal([f.MentorB, f.MentorA], menteeView.Partners.Select(p => p.EnrolmentId));

        // A mentee ranking another mentee (someone not proposed to them) is refused like any tampered id.
        Assert.NotNull(await RefusalAsync(() => app.SendAsync(Ranking(id, (f.MenteeA, 1)), f.Of(f.MenteeB).As), "Choices[0].Rank"));
        Assert.Empty(await RanksOfAsync(f.MenteeB));
        var client = await app.SignedInClientAsync(f.Of(f.MenteeB).User);
        var page = await client.GetStringAsync(new Uri($"/Participant/Programs/{id}/RankPartners", UriKind.Relative));
        Assert.Contains("Save my ranking", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranking_is_closed_outside_a_preference_led_program_and_once_paired()
    {
        var hrLed = await FourAsync(MatchingMode.HrLed);
        var view = await app.SendAsync(new RankPartners.Query(hrLed.Kit.ProgramId), hrLed.Of(hrLed.MenteeA).As);
        Assert.Equal(RankPartners.Standing.NotPreferenceLed, view.Standing);
        Assert.Empty(view.Partners);
        Assert.NotNull(await RefusalAsync(() => app.SendAsync(Ranking(hrLed.Kit.ProgramId, (hrLed.MentorA, 1)), hrLed.Of(hrLed.MenteeA).As), ""));

        var f = await FourAsync();
        await app.AddPairAsync(f.Kit, f.MentorA, f.MenteeA, PairStatus.Proposed);
        Assert.Equal(RankPartners.Standing.Paired, (await app.SendAsync(new RankPartners.Query(f.Kit.ProgramId), f.Of(f.MenteeA).As)).Standing);
        Assert.Equal([f.MentorB], (await app.SendAsync(new RankPartners.Query(f.Kit.ProgramId), f.Of(f.MenteeB).As)).Partners.Select(p => p.EnrolmentId));
        Assert.NotNull(await RefusalAsync(() => app.SendAsync(Ranking(f.Kit.ProgramId, (f.MentorA, 1)), f.Of(f.MenteeB).As), "Choices[0].Rank"));
    }
}
