using System.Globalization;
using System.Runtime.CompilerServices;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// The dashboard as leadership sees it, worked out from the exact figures (HR's) of the page and of the wider groups it
/// could be compared with. The rule and its reasons are in docs/dashboard.md ("Privacy"); in short:
/// <list type="bullet">
/// <item>a count is 0, "fewer than 5" (1 to 4) or rounded to the nearest 5;</item>
/// <item>an average, rate or median rests on at least 10 ratings (or people, or pairs) and shows one decimal at most;</item>
/// <item>an average over several months is hidden when one of those months holds only 1 to 4 of its ratings;</item>
/// <item>a figure is hidden when the same figure for a wider group that is shown (without the department, job level or
/// program filter, or the whole page's total for one program's row) differs from it by 1 to 4, which subtracting one
/// from the other would single out.</item>
/// </list>
/// </summary>
internal static class LeadershipFigures
{
    // Keyed by the exact result itself (by reference), so an entry lives only as long as the cache keeps that result.
    private static readonly ConditionalWeakTable<UptakeDashboard.Result, WorkedOut> Reused = new();

    /// <summary>
    /// <see cref="Of"/>, worked out once for the same exact results: the cache shares them between requests while the
    /// figures they count stand, and working leadership's view out again on every request was a quarter of what a
    /// leader's dashboard request allocated. A wider result worked out again (a write moved it) is a new instance, so the
    /// view is worked out again with it.
    /// </summary>
    public static UptakeDashboard.Result ReusedOf(UptakeDashboard.Result exact, IReadOnlyList<UptakeDashboard.Result> wider)
    {
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(wider);
        if (Reused.TryGetValue(exact, out var reused) && reused.Wider.SequenceEqual(wider, ReferenceEqualityComparer.Instance))
        {
            return reused.Figures;
        }

        var figures = Of(exact, wider);
        Reused.AddOrUpdate(exact, new WorkedOut([.. wider], figures));
        return figures;
    }

    private sealed record WorkedOut(UptakeDashboard.Result[] Wider, UptakeDashboard.Result Figures);

    public static UptakeDashboard.Result Of(UptakeDashboard.Result exact, IReadOnlyList<UptakeDashboard.Result> wider)
    {
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(wider);
        var r = exact;

        IEnumerable<T> Same<T>(Func<UptakeDashboard.Result, T?> pick)
            where T : class => wider.Select(pick).OfType<T>();

        Count Total(Func<UptakeDashboard.Result, Count> pick) => Lead(pick(r), wider.Select(w => pick(w).Value));

        Measure Average(Func<UptakeDashboard.Result, Measure> pick) => Lead(pick(r), wider.Select(pick));

        UptakeDashboard.FunnelRow Funnel(UptakeDashboard.FunnelRow f)
        {
            var same = Same(w => w.Funnel.SingleOrDefault(x => x.Role == f.Role)).ToList();
            Count C(Count own, Func<UptakeDashboard.FunnelRow, Count> pick) => Lead(own, same.Select(x => pick(x).Value));
            return new UptakeDashboard.FunnelRow(
                f.Role,
                f.Invited is { } invited ? Lead(invited, same.Select(x => x.Invited).OfType<Count>().Select(c => c.Value)) : null,
                C(f.Enrolled, x => x.Enrolled),
                C(f.Approved, x => x.Approved),
                C(f.Paired, x => x.Paired),
                C(f.Accepted, x => x.Accepted),
                C(f.Active, x => x.Active),
                C(f.Completed, x => x.Completed));
        }

        // A program's row is also part of the page's total: with two programs, the total less one program's row is the other's.
        UptakeDashboard.ProgramRow Program(UptakeDashboard.ProgramRow p)
        {
            var same = Same(w => w.Programs.SingleOrDefault(x => x.Id == p.Id)).ToList();
            int Sum(Func<UptakeDashboard.FunnelRow, Count> pick) => r.Funnel.Sum(f => pick(f).Value);
            Count C(Count own, Func<UptakeDashboard.ProgramRow, Count> pick, int total) => Lead(own, same.Select(x => pick(x).Value).Append(total));
            Measure M(Measure own, Func<UptakeDashboard.ProgramRow, Measure> pick, Measure total) => Lead(own, same.Select(pick).Append(total));
            return new UptakeDashboard.ProgramRow(
                p.Id,
                p.Name,
                C(p.Enrolled, x => x.Enrolled, Sum(f => f.Enrolled)),
                C(p.Approved, x => x.Approved, Sum(f => f.Approved)),
                C(p.InAcceptedPairs, x => x.InAcceptedPairs, Sum(f => f.Accepted)),
                C(p.ActivePairs, x => x.ActivePairs, r.ActivePairs.Value),
                C(p.SessionsHeld, x => x.SessionsHeld, r.SessionsHeld.Value),
                M(p.MatchRate, x => x.MatchRate, r.MatchRate),
                C(p.CadencePairs, x => x.CadencePairs, r.Cadence.Pairs.Value),
                C(p.CadenceMeeting, x => x.CadenceMeeting, r.Cadence.Meeting.Value),
                M(p.CadenceAdherence, x => x.CadenceAdherence, r.Cadence.Percent),
                M(p.AverageRating, x => x.AverageRating, r.AverageRating));
        }

        UptakeDashboard.WeekRow Week(UptakeDashboard.WeekRow week) =>
            new(week.Monday, Lead(week.Held, Same(w => w.SessionsPerWeek.SingleOrDefault(x => x.Monday == week.Monday)).Select(x => x.Held.Value)));

        UptakeDashboard.MonthRating Month(UptakeDashboard.MonthRating m)
        {
            var same = Same(w => w.RatingByMonth.SingleOrDefault(x => x.Year == m.Year && x.Month == m.Month)).ToList();
            return new UptakeDashboard.MonthRating(
                m.Year, m.Month, Lead(m.Average, same.Select(x => x.Average)), Lead(m.Raters, same.Select(x => x.Raters.Value)), PeopleCount.Rounded(m.Ratings));
        }

        UptakeDashboard.SkillMove Skill(UptakeDashboard.SkillMove s)
        {
            var same = Same(w => w.Skills.SingleOrDefault(x => x.Skill == s.Skill)).ToList();
            return Move(s, same);
        }

        UptakeDashboard.SkillMove Growth(UptakeDashboard.SkillMove s) => Move(s, Same(w => w.Growth.SingleOrDefault(x => x.Skill == s.Skill)).ToList());

        // An average of fewer than 5 people's ratings is hidden, whatever the number of ratings behind it.
        static Measure Of(Measure lead, Count people) => people.Hidden || people.Value < PeopleCount.SmallestShown ? new Measure(null, lead.Value is not null || lead.Hidden, lead.Format, lead.Suffix) : lead;

        static UptakeDashboard.SkillMove Move(UptakeDashboard.SkillMove s, List<UptakeDashboard.SkillMove> same)
        {
            var people = Lead(s.People, same.Select(x => x.People.Value));
            var midPeople = Lead(s.MidPeople, same.Select(x => x.MidPeople.Value));
            var endPeople = Lead(s.EndPeople, same.Select(x => x.EndPeople.Value));
            return new UptakeDashboard.SkillMove(s.Skill, people, Of(Lead(s.Before, same.Select(x => x.Before)), people), Of(Lead(s.After, same.Select(x => x.After)), endPeople))
            {
                Mid = Of(Lead(s.Mid, same.Select(x => x.Mid)), midPeople),
                MidPeople = midPeople,
                EndPeople = endPeople,
            };
        }

        UptakeDashboard.TraitFigure Trait(UptakeDashboard.TraitFigure t)
        {
            var same = Same(w => w.Traits.Traits.SingleOrDefault(x => x.Trait == t.Trait)).ToList();
            var people = Lead(t.People, same.Select(x => x.People.Value));
            return new UptakeDashboard.TraitFigure(
                t.Trait,
                Of(Lead(t.Average, same.Select(x => x.Average)), people),
                people,
                [.. t.Distribution.Select((c, i) => Lead(c, same.Select(x => x.Distribution[i].Value)))]);
        }

        return r with
        {
            ExactCounts = false,
            SmallGroup = new PeopleCount(exact.GroupSize).IsSuppressed,
            Funnel = r.Funnel.Select(Funnel).ToList(),
            MatchRate = Average(w => w.MatchRate),
            MedianDaysToMatch = Average(w => w.MedianDaysToMatch),
            ActivePairs = Total(w => w.ActivePairs),
            SessionsPerWeek = r.SessionsPerWeek.Select(Week).ToList(),
            SessionsHeld = Total(w => w.SessionsHeld),
            Cadence = new UptakeDashboard.Adherence(Total(w => w.Cadence.Pairs), Total(w => w.Cadence.Meeting), Average(w => w.Cadence.Percent)),
            AverageRating = Average(w => w.AverageRating),
            Raters = Total(w => w.Raters),
            Ratings = PeopleCount.Rounded(r.Ratings),
            RatingByMonth = r.RatingByMonth.Select(Month).ToList(),
            Skills = r.Skills.Select(Skill).ToList(),
            Growth = r.Growth.Select(Growth).ToList(),
            Traits = new UptakeDashboard.TraitFigures(Total(w => w.Traits.Mentors), [.. r.Traits.Traits.Select(Trait)]),
            AtRisk = new UptakeDashboard.PairsAtRisk(
                [.. r.AtRisk.ByFlag.Select(f => new UptakeDashboard.FlagCount(f.Kind, Total(w => w.AtRisk.Of(f.Kind))))], Total(w => w.AtRisk.Any)),
            Programs = r.Programs.Select(Program).ToList(),
            Knowledge = new UptakeDashboard.KnowledgeFigures(
                Total(w => w.Knowledge.SessionsHeld),
                Total(w => w.Knowledge.SeatsAttended),
                Total(w => w.Knowledge.SeniorsReached),
                Average(w => w.Knowledge.AverageRating)),
        };
    }

    /// <summary>An exact count as leadership sees it, next to the same count for wider groups.</summary>
    internal static Count Lead(Count exact, IEnumerable<int> wider)
    {
        var value = exact.Value;
        return new PeopleCount(value).IsSuppressed || wider.Any(w => PeopleCount.Reveals(value, w))
            ? new Count(0, true)
            : new Count(PeopleCount.Rounded(value), false);
    }

    /// <summary>An exact average, rate or median as leadership sees it, next to the same figure for wider groups.</summary>
    internal static Measure Lead(Measure exact, IEnumerable<Measure> wider)
    {
        var format = exact.Format == "0.00" ? "0.0" : exact.Format;
        if (exact.Value is null && !exact.Hidden)
        {
            return exact with { Format = format, Basis = 0 };
        }

        var hidden = exact.Hidden || exact.Value is null || exact.Basis < PeopleCount.SmallestBasisForLeadership || exact.SmallMonth
            || wider.Any(w => Shown(w) && PeopleCount.Reveals(exact.Basis, w.Basis));
        return hidden
            ? new Measure(null, true, format, exact.Suffix)
            : new Measure(double.Parse(exact.Value!.Value.ToString(format, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), false, format, exact.Suffix)
            {
                Basis = PeopleCount.Rounded(exact.Basis),
            };
    }

    /// <summary>Whether leadership could see this figure for itself (before comparing it with any other).</summary>
    private static bool Shown(Measure measure) =>
        measure.Value is not null && !measure.Hidden && !measure.SmallMonth && measure.Basis >= PeopleCount.SmallestBasisForLeadership;
}
