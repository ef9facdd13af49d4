using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// "Skills moved" in the summary counts each mentee and skill by where they stood at the end of the period: the end
/// rating, else the half-way one. The period is 1 April to 31 May 2026; the previous one 30 January to 31 March.
/// </summary>
public sealed class SkillsMovedSoFarTests
{
    private static DateTime On(int month, int day) => new(2026, month, day, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_median_uses_the_end_rating_else_the_half_way_one_given_by_the_end_of_each_period()
    {
        using var app = new AppFactory();
        var program = await app.ProgramAsync(ProgramStatus.Running);
        var skill = await app.SkillIdAsync("AI tools");
        var pairs = new List<TestPair>();
        for (var i = 1; i <= 5; i++)
        {
            pairs.Add(await app.PairAsync(program, mentorName: $"Junior {i}", menteeName: $"Senior {i}", acceptedAtUtc: On(1, 5)));
        }

        // Start, half way (1 March), end (10 April) per senior:
        //   S1 1, 3, -   S2 2, 3, -   S3 2, 4, -   S4 3, 3, 5   S5 1, 2, 5
        int[] starts = [1, 2, 2, 3, 1];
        int[] mids = [3, 3, 4, 3, 2];
        int?[] ends = [null, null, null, 5, 5];
        for (var i = 0; i < 5; i++)
        {
            await app.SkillRatingAsync(pairs[i], ParticipantRole.Mentee, skill, SkillRatingStage.Start, starts[i], On(1, 10));
            await app.SkillRatingAsync(pairs[i], ParticipantRole.Mentee, skill, SkillRatingStage.Mid, mids[i], On(3, 1));
            if (ends[i] is { } end)
            {
                await app.SkillRatingAsync(pairs[i], ParticipantRole.Mentee, skill, SkillRatingStage.End, end, On(4, 10));
            }
        }

        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var result = await app.SendAsync(
            new UptakeDashboard.Query { ProgramId = program.Id, From = new DateOnly(2026, 4, 1), To = new DateOnly(2026, 5, 31) }, hr.As);
        var moved = result.Summary![ExecutiveSummary.SkillsMoved];

        // By 31 May: S1 3-1 = 2, S2 3-2 = 1, S3 4-2 = 2, S4 end 5-3 = 2, S5 end 5-1 = 4. Sorted 1 2 2 2 4: median 2, over 5 people.
        // By 31 March the April end ratings were not given yet: S1 2, S2 1, S3 2, S4 3-3 = 0, S5 2-1 = 1. Sorted 0 1 1 2 2: median 1.
        // Counting only end ratings given in the period would rest on 2 people and be hidden.
        Assert.False(moved.Hidden);
        Assert.Equal(2, moved.Number);
        Assert.Equal(1, moved.Difference);
    }
}
