using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>Session ratings given in the period: overall, by month and by program, with the people rating. The queries here are the reference the
/// day-fact figures (UptakeDashboard.FromFacts.cs) are tested against; the app does not run them.</summary>
public static partial class UptakeDashboard
{
    public sealed record MonthRating(int Year, int Month, Measure Average, Count Raters, int Ratings)
    {
        public string Label => new DateOnly(Year, Month, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture);
    }

    internal sealed record MonthAverage(int Year, int Month, double Average, int Ratings, int Raters);

    internal sealed record OverallRating(double Average, int Ratings, int Raters);

    internal sealed record ProgramRating(int ProgramId, double Average, int Ratings, int Raters);

    internal static async Task<(List<MonthAverage> Months, OverallRating? Overall, Dictionary<int, ProgramRating> ByProgram, HashSet<int> SmallMonthPrograms)> RatingsAsync(
        Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var rated = scope.Feedback.Where(f => f.CreatedAtUtc >= start && f.CreatedAtUtc < end);
        var months = await rated
            .GroupBy(f => new { f.CreatedAtUtc.Year, f.CreatedAtUtc.Month })
            .Select(g => new MonthAverage(
                g.Key.Year,
                g.Key.Month,
                g.Average(f => (double)f.Rating),
                g.Count(),
                g.Select(f => f.ByUserId).Distinct().Count()))
            .ToListAsync(cancellationToken);
        var overall = await rated.GroupBy(f => 1)
            .Select(g => new OverallRating(g.Average(f => (double)f.Rating), g.Count(), g.Select(f => f.ByUserId).Distinct().Count()))
            .FirstOrDefaultAsync(cancellationToken);
        var ratedByProgram = await rated.GroupBy(f => f.ProgramId)
            .Select(g => new ProgramRating(g.Key, g.Average(f => (double)f.Rating), g.Count(), g.Select(f => f.ByUserId).Distinct().Count()))
            .ToDictionaryAsync(g => g.ProgramId, cancellationToken);

        // Programs with a month of the period that holds only 1 to 4 of their ratings (see Measure.SmallMonth).
        var smallMonthPrograms = (await rated
                .GroupBy(f => new { f.ProgramId, f.CreatedAtUtc.Year, f.CreatedAtUtc.Month })
                .Select(g => new { g.Key.ProgramId, Ratings = g.Count() })
                .ToListAsync(cancellationToken))
            .Where(g => g.Ratings < PeopleCount.SmallestShown).Select(g => g.ProgramId).ToHashSet();
        return (months, overall, ratedByProgram, smallMonthPrograms);
    }
}
