using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>Skills moved: start and end self-ratings of the same person, pair and skill.</summary>
public static partial class UptakeDashboard
{
    public sealed record SkillMove(string Skill, Count People, Measure Before, Measure After);

    internal sealed record SkillAverages(string Name, double Before, double After, int People);

    /// <summary>Per skill, over the people who rated it at both ends of the same pair, the end rating given in the period.</summary>
    internal static Task<List<SkillAverages>> SkillsMovedAsync(AppDbContext db, Query query, Scope scope, Period period, CancellationToken cancellationToken)
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

        return (
                from before in starts
                join after in db.SkillRatings on new { before.PairId, before.EnrolmentId, before.SkillId } equals new { after.PairId, after.EnrolmentId, after.SkillId }
                where after.Stage == SkillRatingStage.End && after.RatedAtUtc >= start && after.RatedAtUtc < end
                join skill in db.Skills on before.SkillId equals skill.Id
                group new { Before = before.Level, After = after.Level, before.EnrolmentId } by new { skill.Id, skill.Name } into g
                select new SkillAverages(
                    g.Key.Name,
                    g.Average(x => (double)x.Before),
                    g.Average(x => (double)x.After),
                    g.Select(x => x.EnrolmentId).Distinct().Count()))
            .ToListAsync(cancellationToken);
    }
}
