using ReverseMentoring.Web.Features.SelfService;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.SelfService;

public sealed class BrowseMentorsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<BrowseMentors.Result> BrowseAsync(MentoringProgram program, Person as_, int? skill = null) =>
        app.SendAsync(new BrowseMentors.Query(program.Id, SkillId: skill), as_.As);

    [Fact]
    public async Task Mentors_a_hard_rule_forbids_paused_or_full_are_not_shown()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, menteeEnrolment) = await app.MenteeInAsync(program);
        var (_, free) = await app.MentorInAsync(program, "Free Mentor");
        var (_, banned) = await app.MentorInAsync(program, "Banned Mentor");
        var (_, ownManager) = await app.MentorInAsync(program, "Reporting Line Mentor");
        var (paused, pausedEnrolment) = await app.MentorInAsync(program, "Paused Mentor");
        var (fullPerson, _) = await app.MentorInAsync(program, "Full Mentor");
        await app.ExecuteDbContextAsync(async db =>
        {
            db.PairingRules.Add(new PairingRule { ProgramId = program.Id, MentorEnrolmentId = banned.Id, MenteeEnrolmentId = menteeEnrolment.Id, Kind = PairingRuleKind.Ban, CreatedAtUtc = DateTime.UtcNow });
            (await db.Enrolments.FindAsync(ownManager.Id))!.ManagerEmail = mentee.Email;
            await db.SaveChangesAsync();
        });
        await app.SendAsync(new MentorPlaces.Command { ProgramId = program.Id, Paused = true, Version = pausedEnrolment.Version }, paused.As);
        var (other, _) = await app.MenteeInAsync(program);
        await app.PairAsync(program, PairStatus.Accepted, mentor: fullPerson, mentee: other);

        var shown = (await BrowseAsync(program, mentee)).Mentors.Select(m => m.EnrolmentId).ToList();

        Assert.Equal([free.Id], shown);
    }

    [Fact]
    public async Task A_heavily_requested_mentor_drops_below_an_equally_fitting_free_one()
    {
        var program = await app.SelfServiceProgramAsync(capacity: 2);
        var (mentee, _) = await app.MenteeInAsync(program);
        var (_, popular) = await app.MentorInAsync(program, "Popular Mentor");
        var (_, quiet) = await app.MentorInAsync(program, "Quiet Mentor");
        var before = (await BrowseAsync(program, mentee)).Mentors;
        Assert.Equal(before[0].Percent, before[1].Percent);
        Assert.Equal(popular.Id, before[0].EnrolmentId);

        for (var i = 0; i < 2; i++)
        {
            var (asking, _) = await app.MenteeInAsync(program);
            await app.AskAsync(program, asking, popular.Id);
        }

        var after = (await BrowseAsync(program, mentee)).Mentors;
        Assert.Equal([quiet.Id, popular.Id], after.Select(m => m.EnrolmentId).ToList());
        Assert.Equal(after[1].Percent - SelfServiceMatching.ExposurePenalty, after[1].Rank, 3);
    }

    [Fact]
    public async Task The_skill_filter_shows_only_mentors_teaching_it()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentee, _) = await app.MenteeInAsync(program);
        var privacy = await app.SkillIdAsync("Data privacy");
        var (_, teachesPrivacy) = await app.MentorInAsync(program, skills: [(privacy, 5), (await app.SkillIdAsync("AI tools"), 3)]);
        await app.MentorInAsync(program);

        var shown = await BrowseAsync(program, mentee, privacy);

        Assert.Equal([teachesPrivacy.Id], shown.Mentors.Select(m => m.EnrolmentId).ToList());
    }

    [Fact]
    public async Task Only_an_unpaired_mentee_of_a_self_service_program_browses()
    {
        var program = await app.SelfServiceProgramAsync();
        var (mentor, _) = await app.MentorInAsync(program);
        var (paired, _) = await app.MenteeInAsync(program);
        await app.PairAsync(program, PairStatus.Accepted, mentee: paired);
        var hrLed = await app.ProgramAsync(ProgramStatus.Matching);
        var (hrLedMentee, _) = await app.MenteeInAsync(hrLed);

        Assert.Equal(SelfServiceMatching.NotMenteeMessage, (await BrowseAsync(program, mentor)).Refusal);
        Assert.Equal(SelfServiceMatching.PairedMessage, (await BrowseAsync(program, paired)).Refusal);
        Assert.Equal(SelfServiceMatching.NotSelfServiceMessage, (await BrowseAsync(hrLed, hrLedMentee)).Refusal);
        var outsider = await app.PersonAsync(ParticipantRole.Mentee);
        await Assert.ThrowsAsync<NotFoundException>(() => BrowseAsync(program, outsider));
        foreach (var role in new[] { Roles.HrCoordinator, Roles.Leadership })
        {
            var someone = await app.PersonAsync(role);
            await Assert.ThrowsAsync<RequestAuthorizationException>(() => BrowseAsync(program, someone));
        }
    }
}
