using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard;

namespace ReverseMentoring.Tests.Skills;

/// <summary>Each test has its own database: leadership's figures are compared with those of every wider group.</summary>
public sealed class SkillStageReportTests
{
    private static async Task<MentoringProgram> RatedAsync(AppFactory app, IReadOnlyList<(int Start, int? Mid, int? End)> mentees)
    {
        var program = await app.ProgramAsync();
        var aiTools = await app.SkillIdAsync("AI tools");
        var later = DateTime.UtcNow.Date.AddHours(-12);
        foreach (var (start, mid, end) in mentees)
        {
            var pair = await app.PairAsync(program);
            await app.SkillRatingAsync(pair, ParticipantRole.Mentee, aiTools, SkillRatingStage.Start, start, DateTime.UtcNow.AddDays(-60));
            if (mid is { } m)
            {
                await app.SkillRatingAsync(pair, ParticipantRole.Mentee, aiTools, SkillRatingStage.Mid, m, later);
            }

            if (end is { } e)
            {
                await app.SkillRatingAsync(pair, ParticipantRole.Mentee, aiTools, SkillRatingStage.End, e, later);
            }
        }

        return program;
    }

    [Fact]
    public async Task Hr_sees_exact_before_half_way_and_end_figures_however_few_people_and_leadership_does_not()
    {
        using var app = new AppFactory();
        var program = await RatedAsync(app, [(1, 3, null), (2, 3, 4), (3, 4, null)]);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var leader = await app.PersonAsync(Roles.Leadership);

        var exact = await app.SendAsync(new UptakeDashboard.Query { ProgramId = program.Id }, hr.As);
        var lead = await app.SendAsync(new UptakeDashboard.Query { ProgramId = program.Id }, leader.As);

        // Before: (1 + 2 + 3) / 3 = 2.00 over 3 people; half way (3 + 3 + 4) / 3 = 3.33 over 3; at the end 4 / 1 = 4.00 over 1.
        var ai = Assert.Single(exact.Skills);
        Assert.Equal(("2.00", 3, "3.33", 3, "4.00", 1),
            (ai.Before.ToString(), ai.People.Value, ai.Mid.ToString(), ai.MidPeople.Value, ai.After.ToString(), ai.EndPeople.Value));
        var shown = Assert.Single(lead.Skills);
        Assert.True(shown.People.Hidden && shown.Before.Hidden && shown.Mid.Hidden && shown.After.Hidden);
        Assert.Null(shown.Before.Shown);

        var report = await (await app.SignedInClientAsync(hr.User)).GetHtmlAsync($"/Programs/{program.Id}/Report");
        Assert.Contains("3.33", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leadership_sees_the_figures_of_ten_people_or_more()
    {
        using var app = new AppFactory();

        // Ten seniors: starts 1,2,1,2,... = 15 / 10 = 1.5; half way 3,4,3,4,... = 35 / 10 = 3.5.
        var program = await RatedAsync(app, [.. Enumerable.Range(0, 10).Select(i => (1 + (i % 2), (int?)(3 + (i % 2)), (int?)null))]);
        var leader = await app.PersonAsync(Roles.Leadership);

        var lead = await app.SendAsync(new UptakeDashboard.Query { ProgramId = program.Id }, leader.As);

        var ai = Assert.Single(lead.Skills);
        Assert.Equal((10, 1.5, 3.5, false), (ai.People.Value, ai.Before.Value, ai.Mid.Value, ai.After.Hidden));
        Assert.Null(ai.After.Value);
    }
}
