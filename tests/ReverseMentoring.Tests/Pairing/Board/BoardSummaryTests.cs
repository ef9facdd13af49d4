using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairing.Engine;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Pairing.Board;

/// <summary>The board sums a run up in HR's words: fit, pairs that fit well, people left, and the gain over first come, first paired.</summary>
public sealed class BoardSummaryTests(AppFactory app) : IClassFixture<AppFactory>
{

    [Fact]
    public async Task The_summary_says_how_many_more_people_the_engine_pairs_than_first_come_first_paired()
    {
        // Mentee A could have either mentor; mentee B only mentor A, as mentor B is B's manager. First come, first
        // paired gives mentor A to mentee A and leaves B (and mentor B) out; the engine pairs all four.
        var kit = await app.BoardAsync();
        var mentorA = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor A"));
        var mentorB = await app.CandidateAsync(kit, ParticipantRole.Mentor, kit.SkillA, Unique("Mentor B"));
        await app.CandidateAsync(kit, ParticipantRole.Mentee, kit.SkillA, Unique("Mentee A"));
        var menteeB = await app.PersonAsync(ParticipantRole.Mentee, Unique("Mentee B"));
        var menteeBEnrolment = await app.EnrolAsync(kit.Program, menteeB, ParticipantRole.Mentee, skills: [(kit.SkillA, 1)],
            availability: [new() { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) }],
            managerEmail: kit.People[mentorB].User.Email);

        await app.RunAsync(kit);

        var stored = (await app.LatestPairingRunAsync(kit.ProgramId)).Stored;
        Assert.Equal(2, stored.Pairs.Count);
        Assert.Equal(2, stored.FirstFitPeople);
        Assert.Contains(stored.Pairs, p => p.MentorId == mentorA && p.MenteeId == menteeBEnrolment.Id);
        var page = await app.BoardPageAsync(kit);
        var wellFitting = stored.Pairs.Count(p => p.Percent >= PairingEngine.WellFittingPercent);
        Assert.Contains($"{wellFitting}</strong> {(wellFitting == 1 ? "fits" : "fit")} well ({PairingEngine.WellFittingPercent}% or more)", page, StringComparison.Ordinal);
        Assert.Contains("<strong>0</strong> people left unmatched", page, StringComparison.Ordinal);
        Assert.Contains("Compared with first come, first paired: 2 more people paired", page, StringComparison.Ordinal);
        Assert.DoesNotContain("total score", page, StringComparison.Ordinal);
    }

    [Fact]
    public void People_paired_counts_a_mentor_with_two_mentees_once() =>
        Assert.Equal(3, RunPairing.PeopleIn([(1, 2), (1, 3)]));

    [Fact]
    public async Task A_new_program_starts_with_the_suggested_minimum_score()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var client = await app.SignedInClientAsync(hr.User);

        var form = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/Programs/Create", UriKind.Relative)));
        Assert.Contains($"value=\"{MatchingSettings.SuggestedMinimumScorePercent}\"", form[form.IndexOf("MinimumScorePercent", StringComparison.Ordinal)..], StringComparison.Ordinal);

        var id = await app.CreateProgramAsync(hr.As);
        Assert.Equal(40, (await app.SavedProgramAsync(id)).Matching.MinimumScorePercent);
    }
}
