using System.Buffers;
using System.Globalization;
using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Dashboard.Facts;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// The executive summary's exact figures for one scope and period, and the periods it compares: the dashboard's date
/// filter and the same length just before it, or without a date filter the last 30 days and the 30 before.
/// </summary>
public static partial class UptakeDashboard
{
    public const int SummaryDefaultDays = 30;

    /// <summary>The exact figures behind the summary (HR's view), with what each rests on.</summary>
    public sealed record SummaryExact(
        int People,
        int Participants,
        int ActivePairs,
        int SessionsHeld,
        int MinutesHeld,
        double? AverageRating,
        int Ratings,
        int Raters,
        bool RatingSmallMonth,
        double? SkillChange,
        int SkillPeople,
        int PairsAtRisk,
        int PairsAccepted);

    /// <summary>The period the summary describes and the one it is compared with.</summary>
    public sealed record SummaryPeriods(Period Current, Period Previous, bool Default, bool WholeMonths)
    {
        /// <summary>"the 30 days before", "the 3 months before".</summary>
        public string PreviousLabel
        {
            get
            {
                if (WholeMonths)
                {
                    var months = MonthsIn(Current);
                    return months == 1 ? "the month before" : $"the {months} months before";
                }

                var days = Current.To.DayNumber - Current.From.DayNumber + 1;
                return days == 1 ? "the day before" : $"the {days} days before";
            }
        }

        public string Describe()
        {
            var invariant = CultureInfo.InvariantCulture;
            string Range(Period p) => $"{p.From.ToString("d MMM yyyy", invariant)} to {p.To.ToString("d MMM yyyy", invariant)}";
            var basis = Default
                ? WholeMonths
                    ? "No dates are chosen, so the summary covers the whole months of the last 30 days"
                    : "No dates are chosen, so the summary covers the last 30 days"
                : WholeMonths ? "The summary covers the chosen dates, widened to whole months" : "The summary covers the chosen dates";
            return $"{basis} ({Range(Current)}), compared with {PreviousLabel} ({Range(Previous)}).";
        }
    }

    internal static int MonthsIn(Period period) =>
        ((period.To.Year * 12) + period.To.Month) - ((period.From.Year * 12) + period.From.Month) + 1;

    /// <summary>
    /// The current period from the date filter (or the last 30 days without one) and the previous period of the same
    /// length just before it; for leadership both are whole months, as every other figure they see.
    /// </summary>
    public static SummaryPeriods SummaryPeriodsOf(DateOnly? from, DateOnly? to, DateOnly today, bool wholeMonths)
    {
        var chosen = from is not null || to is not null;
        var current = chosen
            ? PeriodOf(new Query { From = from, To = to }, today)
            : new Period(today.AddDays(-(SummaryDefaultDays - 1)), today);
        if (wholeMonths)
        {
            current = WholeMonths(current);
            var months = MonthsIn(current);
            var previousFrom = current.From.AddMonths(-months);
            return new SummaryPeriods(current, new Period(previousFrom, current.From.AddDays(-1)), !chosen, true);
        }

        var days = current.To.DayNumber - current.From.DayNumber + 1;
        return new SummaryPeriods(current, new Period(current.From.AddDays(-days), current.From.AddDays(-1)), !chosen, false);
    }

    /// <summary>The summary as the viewer sees it, for callers outside a dashboard request (the monthly e-mail).</summary>
    internal static async Task<ExecutiveSummary> SummaryAsync(
        AppDbContext db, IMemoryCache cache, DashboardLookups lookups, PairHealthCache? health, int? programId, string? department, string? jobLevel, DateOnly? from, DateOnly? to,
        bool leadership, bool wholeMonths, DateTime now, CancellationToken cancellationToken) =>
        await SummaryAsync(
            await FigureSources.ReadAsync(db, cache, lookups, health, null, null, cancellationToken),
            programId, department, jobLevel, from, to, leadership, wholeMonths, now, cancellationToken);

    /// <summary>
    /// The summary as the viewer sees it: exact for HR, and for leadership worked out from the exact figures of the
    /// scope and of every wider group it could be compared with, in both periods.
    /// </summary>
    internal static async Task<ExecutiveSummary> SummaryAsync(
        FigureSources sources, int? programId, string? department, string? jobLevel, DateOnly? from, DateOnly? to,
        bool leadership, bool wholeMonths, DateTime now, CancellationToken cancellationToken)
    {
        (department, jobLevel) = (Clean(department), Clean(jobLevel));
        var periods = SummaryPeriodsOf(from, to, DateOnly.FromDateTime(now), wholeMonths);
        var current = await SummaryExactCachedAsync(sources, programId, department, jobLevel, periods.Current, now, cancellationToken);
        var previous = await SummaryExactCachedAsync(sources, programId, department, jobLevel, periods.Previous, now, cancellationToken);
        if (!leadership)
        {
            return ExecutiveSummary.Exact(periods, current, previous);
        }

        var widerCurrent = new List<SummaryExact>();
        var widerPrevious = new List<SummaryExact>();
        foreach (var (p, d, l) in WiderScopes(programId, department, jobLevel))
        {
            widerCurrent.Add(await SummaryExactCachedAsync(sources, p, d, l, periods.Current, now, cancellationToken));
            widerPrevious.Add(await SummaryExactCachedAsync(sources, p, d, l, periods.Previous, now, cancellationToken));
        }

        return ExecutiveSummary.ForLeadership(periods, current, widerCurrent, previous, widerPrevious);
    }

    private static async Task<SummaryExact> SummaryExactCachedAsync(
        FigureSources sources, int? programId, string? department, string? jobLevel, Period period, DateTime now, CancellationToken cancellationToken)
    {
        // As the figures: one computation at a time, rather than each request reading the period's facts.
        return await sources.ComputedAsync(
            (nameof(SummaryExact), programId, department, jobLevel, period.From, period.To), $"{now.Ticks / Handler.CacheFor.Ticks}/{sources.KeyOf(programId)}", now,
            (own, ct) => SummaryExactComputedAsync(own, programId, department, jobLevel, period, now, ct), cancellationToken);
    }

    private static async Task<SummaryExact> SummaryExactComputedAsync(
        FigureSources sources, int? programId, string? department, string? jobLevel, Period period, DateTime now, CancellationToken cancellationToken)
    {
        var facts = await sources.ScopeAsync(programId, department, jobLevel);
        var steps = await sources.ReusedAsync(
            (nameof(SkillStep), period.EndUtc), sources.ModerateKeyOf(null), () => SkillStepsAsync(sources.Db, period.EndUtc, cancellationToken));
        var skills = SkillChangeIn(steps, facts);
        var exact = await SummaryExactOfAsync(
            sources.Db, await CoreOfAsync(sources, facts, period, cancellationToken), skills, RiskPairIds(facts), sources.Health, period, now, cancellationToken);
        return exact;
    }

    /// <summary>The reference the day-fact summary is tested against: the same figures from queries over the rows themselves.</summary>
    internal static async Task<SummaryExact> ReferenceSummaryExactAsync(AppDbContext db, Scope scope, Period period, DateTime now, CancellationToken cancellationToken) =>
        await SummaryExactOfAsync(
            db, await ReferenceCoreAsync(db, scope, period, cancellationToken), await SkillChangeAsync(db, scope, period, cancellationToken),
            await scope.Pairs.Select(p => p.Id).ToListAsync(cancellationToken), null, period, now, cancellationToken);

    /// <summary>The median skill change of the scope's mentees and how many people it rests on (SkillRatings only: reused across session writes).</summary>
    internal sealed record SkillChange(double? Median, int People);

    /// <summary>
    /// The exact figures: people in the group (distinct people enrolled by the end of the period), approved participants,
    /// pairs that held a session, sessions held and their minutes, the average rating, the median skill change of mentees
    /// (<see cref="SkillChangeAsync"/>) and the pairs at risk as at the end of the period (or now, if sooner).
    /// </summary>
    private static async Task<SummaryExact> SummaryExactOfAsync(
        AppDbContext db, Core core, SkillChange skills, IReadOnlyCollection<int> pairIds, PairHealthCache? health, Period period, DateTime now, CancellationToken cancellationToken)
    {
        var end = period.EndUtc;
        var risk = await AtRiskAsync(health, db, pairIds, end < now ? end : now, now, cancellationToken);

        return new SummaryExact(
            core.GroupSize,
            core.Enrolled.Sum(e => e.Approved),
            core.ActivePairsHeld,
            core.HeldByDay.Sum(d => d.Held),
            core.HeldMinutes,
            core.Overall?.Average,
            core.Overall?.Ratings ?? 0,
            core.Overall?.Raters ?? 0,
            core.Months.Any(m => m.Ratings < PeopleCount.SmallestShown),
            skills.Median,
            skills.People,
            risk.Any,
            risk.Pairs);
    }

    /// <summary>
    /// Latest minus start self-rating per mentee and skill, as they stood at the end of the period (the end rating, else
    /// the half-way one): the median of those changes and how many people they come from.
    /// </summary>
    private static async Task<SkillChange> SkillChangeAsync(AppDbContext db, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var end = period.EndUtc;
        var starts = db.SkillRatings.AsNoTracking().Where(r => r.Stage == SkillRatingStage.Start && r.Role == ParticipantRole.Mentee);
        var menteeIds = scope.People.Where(e => e.Role == ParticipantRole.Mentee).Select(e => e.Id);
        var scopePairIds = scope.Pairs.Select(p => p.Id);
        starts = scope.ByPerson ? starts.Where(r => menteeIds.Contains(r.EnrolmentId)) : starts.Where(r => scopePairIds.Contains(r.PairId));
        var later = await (
                from before in starts
                join after in db.SkillRatings on new { before.PairId, before.EnrolmentId, before.SkillId } equals new { after.PairId, after.EnrolmentId, after.SkillId }
                where (after.Stage == SkillRatingStage.End || after.Stage == SkillRatingStage.Mid) && after.RatedAtUtc < end
                select new SkillStep(before.ProgramId, before.PairId, before.EnrolmentId, before.SkillId, after.Stage, after.Level - before.Level))
            .ToListAsync(cancellationToken);
        return SkillChangeOf(later);
    }

    /// <summary>
    /// Each person and skill counts once, by where they stood at the end of the period: the end rating, or the half-way
    /// one while the pair still runs. A figure "so far" moves with every stage given, where only end ratings inside a
    /// month would leave it empty most months.
    /// </summary>
    private static SkillChange SkillChangeOf(IEnumerable<SkillStep> steps)
    {
        var latest = LatestOf(steps);
        return ChangeOf(latest, latest.Count);
    }

    /// <summary>
    /// Per mentee, pair and skill, the step that counts: the first end rating, else the first half-way one. A scope keeps
    /// or drops all of a mentee's steps in a pair together, so this is worked out once per period end for every scope.
    /// </summary>
    private static List<SkillStep> LatestOf(IEnumerable<SkillStep> steps)
    {
        var latest = new Dictionary<(int PairId, int EnrolmentId, int SkillId), SkillStep>();
        foreach (var step in steps)
        {
            var key = (step.PairId, step.EnrolmentId, step.SkillId);
            if (!latest.TryGetValue(key, out var kept) || (kept.Stage != SkillRatingStage.End && step.Stage == SkillRatingStage.End))
            {
                latest[key] = step;
            }
        }

        return [.. latest.Values];
    }

    /// <summary>
    /// The median change and how many mentees it comes from, over steps already one per mentee, pair and skill (at most
    /// <paramref name="atMost"/> of them). Sorted in rented buffers: a large scope has tens of thousands of steps, and a
    /// list of their changes and a set of their mentees per computation were large objects thrown away each time.
    /// </summary>
    private static SkillChange ChangeOf(IEnumerable<SkillStep> latest, int atMost)
    {
        var (changes, mentees) = (ArrayPool<int>.Shared.Rent(atMost), ArrayPool<int>.Shared.Rent(atMost));
        try
        {
            var n = 0;
            foreach (var step in latest)
            {
                (changes[n], mentees[n]) = (step.Change, step.EnrolmentId);
                n++;
            }

            if (n == 0)
            {
                return new SkillChange(null, 0);
            }

            var sorted = changes.AsSpan(0, n);
            sorted.Sort();
            var median = MiddleOf<int>(sorted);
            var people = mentees.AsSpan(0, n);
            people.Sort();
            var distinct = 1;
            for (var i = 1; i < n; i++)
            {
                distinct += people[i] != people[i - 1] ? 1 : 0;
            }

            return new SkillChange(median, distinct);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(changes);
            ArrayPool<int>.Shared.Return(mentees);
        }
    }

    /// <summary>A mentee's later (half-way or end) self-rating of a skill given before a period's end, as a change from their start rating.</summary>
    internal sealed record SkillStep(int ProgramId, int PairId, int EnrolmentId, int SkillId, SkillRatingStage Stage, int Change);

    /// <summary>
    /// The mentees' skill steps up to <paramref name="end"/> that count (<see cref="LatestOf"/>), unfiltered: read once
    /// per period end and shared by every scope. Grouping them again in each scope's computation was a tenth of what the
    /// dashboard allocated while people wrote.
    /// </summary>
    internal static async Task<List<SkillStep>> SkillStepsAsync(AppDbContext db, DateTime end, CancellationToken cancellationToken) =>
        LatestOf(await (
            from before in db.SkillRatings.AsNoTracking()
            join pair in db.Pairs on before.PairId equals pair.Id
            join after in db.SkillRatings on new { before.PairId, before.EnrolmentId, before.SkillId } equals new { after.PairId, after.EnrolmentId, after.SkillId }
            where before.Stage == SkillRatingStage.Start && before.Role == ParticipantRole.Mentee
                && (after.Stage == SkillRatingStage.End || after.Stage == SkillRatingStage.Mid) && after.RatedAtUtc < end
            select new SkillStep(pair.ProgramId, before.PairId, before.EnrolmentId, before.SkillId, after.Stage, after.Level - before.Level))
        .ToListAsync(cancellationToken));

    /// <summary>
    /// <see cref="SkillChangeAsync"/> for one scope from the period end's skill steps that count (<see cref="SkillStepsAsync"/>),
    /// in memory: by the mentee's own enrolment when the scope is of people, else by the pair.
    /// </summary>
    internal static SkillChange SkillChangeIn(IReadOnlyList<SkillStep> steps, FactScope scope)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(scope);
        var mentees = scope.ByPerson ? scope.People.Where(e => e.Role == ParticipantRole.Mentee).Select(e => e.Id).ToHashSet() : null;
        return ChangeOf(steps.Where(s => mentees is null ? scope.HasPair(s.PairId) : mentees.Contains(s.EnrolmentId)), steps.Count);
    }

    /// <summary>The middle value, or the average of the middle two; null for none.</summary>
    public static double? Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Median(values, values.Count);
    }

    /// <summary>
    /// The median of <paramref name="count"/> values, sorted in a rented buffer: the waits to match of a large program
    /// are tens of thousands, and a sorted copy of them for each computation was a large object thrown away each time.
    /// </summary>
    internal static double? Median(IEnumerable<double> values, int count)
    {
        if (count == 0)
        {
            return null;
        }

        var buffer = ArrayPool<double>.Shared.Rent(count);
        try
        {
            var n = 0;
            foreach (var value in values)
            {
                buffer[n++] = value;
            }

            var sorted = buffer.AsSpan(0, n);
            sorted.Sort();
            return MiddleOf<double>(sorted);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>The middle of values already sorted, or the average of the middle two: the one definition of a median here.</summary>
    private static double MiddleOf<T>(ReadOnlySpan<T> sorted)
        where T : INumberBase<T>
    {
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1
            ? double.CreateTruncating(sorted[middle])
            : (double.CreateTruncating(sorted[middle - 1]) + double.CreateTruncating(sorted[middle])) / 2;
    }
}
