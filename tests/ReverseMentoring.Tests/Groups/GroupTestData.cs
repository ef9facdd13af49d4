using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Groups;

namespace ReverseMentoring.Tests.Groups;

/// <summary>A mentor with accepted mentees in one running program, and the group some of them form.</summary>
public sealed record GroupWorld(MentoringProgram Program, Person Mentor, IReadOnlyList<TestPair> Pairs, int GroupId)
{
    public IReadOnlyList<Person> Mentees => Pairs.Select(p => p.Mentee).ToList();
}

public static class GroupTestData
{
    /// <summary>
    /// A running program where one mentor has <paramref name="mentees"/> accepted pairs; the first <paramref name="grouped"/>
    /// of them (all, unless told) form a group made through the mentor's own command (0 when fewer than two are grouped).
    /// </summary>
    public static async Task<GroupWorld> GroupAsync(this AppFactory app, int mentees = 3, int? grouped = null, string name = "Thursday circle")
    {
        var program = await app.ProgramAsync(ProgramStatus.Running, name: TestData.Unique("Group program"));
        var first = await app.PairAsync(program, mentorName: TestData.Unique("Mentor"), menteeName: TestData.Unique("Mentee"));
        var pairs = new List<TestPair> { first };
        for (var i = 1; i < mentees; i++)
        {
            pairs.Add(await app.PairAsync(program, mentor: first.Mentor, menteeName: TestData.Unique("Mentee")));
        }

        var members = pairs.Take(grouped ?? mentees).Select(p => p.Id).ToList();
        var groupId = members.Count < MentoringGroup.MinMembers ? 0 : await app.SendAsync(
            new CreateGroup.Command { ProgramId = program.Id, Name = name, PairIds = members }, first.Mentor.As);
        return new GroupWorld(program, first.Mentor, pairs, groupId);
    }

    public static Task<int> GroupSessionCountAsync(this AppFactory app, int groupId) =>
        app.ExecuteDbContextAsync(db => db.Sessions.CountAsync(s => s.GroupId == groupId));

    public static Task<int> GroupCountAsync(this AppFactory app, int programId) =>
        app.ExecuteDbContextAsync(db => db.MentoringGroups.CountAsync(g => g.ProgramId == programId));
}
