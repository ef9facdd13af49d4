using System.Net;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Pairing.Board;

/// <summary>A program in matching with a coordinator and two skills of its own, and the people HR pairs in it.</summary>
internal sealed record BoardSetup(MentoringProgram Program, Person Hr, int SkillA, int SkillB)
{
    public int ProgramId => Program.Id;

    public System.Security.Claims.ClaimsPrincipal Coordinator => Hr.As;

    public Dictionary<int, Person> People { get; } = [];
}

/// <summary>What the pairing board's tests build their programs with.</summary>
internal static class BoardData
{
    /// <summary>A program in matching, a coordinator and two skills of its own.</summary>
    public static async Task<BoardSetup> BoardAsync(this AppFactory app, Action<MentoringProgram>? change = null) =>
        new(await app.ProgramAsync(ProgramStatus.Matching, change: change), await app.PersonAsync(Roles.HrCoordinator),
            await app.SkillIdAsync(Unique("Skill A")), await app.SkillIdAsync(Unique("Skill B")));

    /// <summary>A person free on Monday mornings who teaches the skill at 5 or wants it at 1; their enrolment's id.</summary>
    public static async Task<int> CandidateAsync(this AppFactory app, BoardSetup setup, ParticipantRole role, int skillId, string name, EnrolmentStatus status = EnrolmentStatus.Approved)
    {
        var person = await app.PersonAsync(role, name);
        var mentor = role == ParticipantRole.Mentor;
        var enrolment = await app.EnrolAsync(setup.Program, person, role, status, department: mentor ? "Engineering" : "Finance",
            skills: [(skillId, mentor ? 5 : 1)], availability: [new() { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) }],
            interests: "jazz, hiking");
        setup.People[enrolment.Id] = person;
        return enrolment.Id;
    }

    public static Task<int> RunAsync(this AppFactory app, BoardSetup setup) =>
        app.SendAsync(new RunPairing.Command { ProgramId = setup.ProgramId }, setup.Coordinator);

    public static Task<TestPair> AddPairAsync(this AppFactory app, BoardSetup setup, int mentor, int mentee, PairStatus status) =>
        app.PairAsync(setup.Program, status, mentor: setup.People[mentor], mentee: setup.People[mentee]);

    /// <summary>The board's HTML as the program's coordinator sees it, decoded, with an optional query ("?swap=…").</summary>
    public static async Task<string> BoardPageAsync(this AppFactory app, BoardSetup setup, string query = "")
    {
        var client = await app.SignedInClientAsync(setup.Hr.User);
        var response = await client.GetAsync(new Uri($"/Programs/{setup.ProgramId}/Pairing{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
