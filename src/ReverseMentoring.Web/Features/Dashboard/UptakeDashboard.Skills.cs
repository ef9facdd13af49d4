using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>Skills moved: start and end self-ratings of the same person, pair and skill.</summary>
public static partial class UptakeDashboard
{
    public sealed record SkillMove(string Skill, Count People, Measure Before, Measure After);

    internal sealed record SkillAverages(int Id, string Name, double Before, double After, int Ratings, int People);

    /// <summary>Per skill, over the people who rated it at both ends of the same pair, the end rating given in the period.</summary>
    internal static async Task<(List<SkillAverages> Skills, HashSet<int> SmallMonthSkills)> SkillsMovedAsync(AppDbContext db, Query query, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var starts = db.SkillRatings.AsNoTracking().Where(r => r.Stage == SkillRatingStage.Start);
        if (query.ProgramId is { } skillProgram)
        {
            starts = starts.Where(r => r.ProgramId == skillProgram);
        }

        if (scope.ByPerson)
        {
            var ids = scope.People.Select(e => e.Id);
            starts = starts.Where(r => ids.Contains(r.EnrolmentId));
        }

        var moved =
            from before in starts
            join after in db.SkillRatings on new { before.PairId, before.EnrolmentId, before.SkillId } equals new { after.PairId, after.EnrolmentId, after.SkillId }
            where after.Stage == SkillRatingStage.End && after.RatedAtUtc >= start && after.RatedAtUtc < end
            join skill in db.Skills on before.SkillId equals skill.Id
            select new { skill.Id, skill.Name, Before = before.Level, After = after.Level, before.EnrolmentId, after.RatedAtUtc };
        var skills = await moved
            .GroupBy(x => new { x.Id, x.Name })
            .Select(g => new SkillAverages(
                g.Key.Id,
                g.Key.Name,
                g.Average(x => (double)x.Before),
                g.Average(x => (double)x.After),
                g.Count(),
                g.Select(x => x.EnrolmentId).Distinct().Count()))
            .ToListAsync(cancellationToken);

        // Skills with a month of the period that holds only 1 to 4 of their end ratings (see Measure.SmallMonth).
        var smallMonthSkills = (await moved
                .GroupBy(x => new { x.Id, x.RatedAtUtc.Year, x.RatedAtUtc.Month })
                .Select(g => new { g.Key.Id, Ratings = g.Count() })
                .ToListAsync(cancellationToken))
            .Where(g => g.Ratings < PeopleCount.SmallestShown).Select(g => g.Id).ToHashSet();
        return (skills, smallMonthSkills);
    }
}
