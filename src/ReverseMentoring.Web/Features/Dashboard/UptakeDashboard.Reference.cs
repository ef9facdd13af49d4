using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// The reference for the figures worked out from day facts: the same figures from grouped queries over the sessions,
/// feedback, pairs and enrolments themselves (ADR 0005's way). The app does not use them; the tests compare with them.
/// </summary>
public static partial class UptakeDashboard
{
    internal static async Task<Core> ReferenceCoreAsync(AppDbContext db, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var enrolled = await EnrolledAsync(scope, period, cancellationToken);
        var staged = await StagedAsync(db, scope, period, cancellationToken);
        var matchedMentees = await MatchedMenteesAsync(db, scope, period, cancellationToken);
        var (waitCount, median) = await DaysToMatchAsync(db, scope, period, cancellationToken);
        var (heldByDay, heldByProgram) = await HeldAsync(scope, period, cancellationToken);
        var minutes = await scope.Sessions.Where(s => s.Status == SessionStatus.Held && s.StartsAtUtc >= start && s.StartsAtUtc < end)
            .SumAsync(s => s.HeldMinutes ?? s.DurationMinutes, cancellationToken);
        var cadence = await CadenceAsync(db, scope, period, cancellationToken);
        var (months, overall, ratedByProgram, smallMonthPrograms) = await RatingsAsync(scope, period, cancellationToken);
        var groupSize = await scope.People.Where(e => e.CreatedAtUtc < end).Select(e => e.UserId).Distinct().CountAsync(cancellationToken);
        var activePairs = await scope.Pairs.CountAsync(
            p => EF.Constant(Pair.ActiveStatuses).Contains(p.Status)
                && db.Sessions.Any(s => s.PairId == p.Id && s.Status == SessionStatus.Held && s.StartsAtUtc >= start && s.StartsAtUtc < end),
            cancellationToken);
        return new Core(
            enrolled, staged, matchedMentees, waitCount, median, heldByDay, heldByProgram, minutes, cadence,
            months, overall, ratedByProgram, smallMonthPrograms, groupSize, activePairs);
    }
}
