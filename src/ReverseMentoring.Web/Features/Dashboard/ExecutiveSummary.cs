using System.Globalization;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// One headline figure: what it is, its change since the previous period, and a sentence saying what it means. Number and
/// Difference are what is shown (null when hidden), so nothing drawn from them can show more than the text.
/// </summary>
public sealed record SummaryFigure(
    string Key, string Label, string Value, string Change, string Sentence, double? Number, double? Difference, bool Hidden, bool ChangeHidden);

/// <summary>
/// The headline of the dashboard, the program report, the printable view and the monthly e-mail. For leadership the
/// small-group rule of <see cref="LeadershipFigures"/> holds: a figure resting on fewer than 5 people (or 10 ratings for
/// an average) is hidden, so is any change between the periods that differs by 1 to 4 (it would single out the people who
/// came or went), and a group of fewer than 5 people shows no figure at all.
/// </summary>
public sealed record ExecutiveSummary(UptakeDashboard.SummaryPeriods Periods, bool SmallGroup, IReadOnlyList<SummaryFigure> Figures)
{
    public const string SmallGroupText =
        "This selection holds fewer than 5 people, so its figures are not shown: they could single someone out. Widen the filters to see them.";

    public const string Participants = "participants";
    public const string ActivePairs = "active-pairs";
    public const string SessionsHeld = "sessions";
    public const string Hours = "hours";
    public const string AverageRating = "rating";
    public const string SkillsMoved = "skills";
    public const string AtRisk = "at-risk";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public SummaryFigure this[string key] => Figures.Single(f => f.Key == key);

    /// <summary>What a figure is, how it reads and what a rise or a fall of it means.</summary>
    private sealed record Kind(string Key, string Label, string Format, string Unit, string More, string Less, string Rise, string Fall, string Same);

    private static readonly Kind[] Kinds =
    [
        new(Participants, "Participants", "N0", "", "more", "fewer", "more people are taking part", "fewer people are taking part", "as many people are taking part as before"),
        new(ActivePairs, "Active pairs", "N0", "", "more", "fewer", "more pairs are meeting", "fewer pairs are meeting", "as many pairs are meeting as before"),
        new(SessionsHeld, "Sessions held", "N0", "", "more", "fewer", "pairs are meeting more often", "pairs are meeting less often", "pairs are meeting as often as before"),
        new(Hours, "Hours of mentoring", "0.#", "", "more", "fewer", "more time is going into mentoring", "less time is going into mentoring", "as much time is going into mentoring as before"),
        new(AverageRating, "Average rating", "0.00", " of 5", "higher", "lower", "participants value their sessions more", "participants value their sessions less", "participants value their sessions as before"),
        new(SkillsMoved, "Skills moved", "+0.0;-0.0;0", " points", "more", "less", "mentees report more progress in their skills", "mentees report less progress in their skills", "mentees report as much progress as before"),
        new(AtRisk, "Pairs at risk", "0", "%", "points more", "points fewer", "more pairs need attention", "fewer pairs need attention", "as many pairs need attention as before"),
    ];

    /// <summary>HR's summary: exact counts; averages over fewer than 5 people are hidden, as everywhere.</summary>
    public static ExecutiveSummary Exact(UptakeDashboard.SummaryPeriods periods, UptakeDashboard.SummaryExact current, UptakeDashboard.SummaryExact previous)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        var figures = new List<SummaryFigure>();
        foreach (var kind in Kinds)
        {
            var (now, before) = (ExactMeasure(kind.Key, current), ExactMeasure(kind.Key, previous));
            figures.Add(Figure(kind, periods, Shown(now), Shown(before), changeHidden: false));
        }

        return new ExecutiveSummary(periods, false, figures);
    }

    /// <summary>Leadership's summary, from the exact figures of the group and of the wider groups it could be compared with.</summary>
    public static ExecutiveSummary ForLeadership(
        UptakeDashboard.SummaryPeriods periods,
        UptakeDashboard.SummaryExact current, IReadOnlyList<UptakeDashboard.SummaryExact> widerCurrent,
        UptakeDashboard.SummaryExact previous, IReadOnlyList<UptakeDashboard.SummaryExact> widerPrevious)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(widerCurrent);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(widerPrevious);
        if (new PeopleCount(current.People).IsSuppressed)
        {
            return new ExecutiveSummary(periods, true, [.. Kinds.Select(k => new SummaryFigure(
                k.Key, k.Label, Count.HiddenText, "not shown", $"{k.Label}: not shown. {SmallGroupText}", null, null, true, true))]);
        }

        var figures = new List<SummaryFigure>();
        foreach (var kind in Kinds)
        {
            var (now, before) = kind.Key switch
            {
                Participants or ActivePairs or SessionsHeld => (LeadCount(kind.Key, current, widerCurrent), LeadCount(kind.Key, previous, widerPrevious)),
                Hours => (LeadHours(current, widerCurrent), LeadHours(previous, widerPrevious)),
                _ => (LeadershipFigures.Lead(ExactMeasure(kind.Key, current), widerCurrent.Select(w => ExactMeasure(kind.Key, w))),
                      LeadershipFigures.Lead(ExactMeasure(kind.Key, previous), widerPrevious.Select(w => ExactMeasure(kind.Key, w)))),
            };

            // A change between two counts of 1 to 4 names the few people (or sessions) that came or went between the periods.
            var changeHidden = kind.Key switch
            {
                Participants or ActivePairs or SessionsHeld => ChangeReveals(ExactCount(kind.Key, current), ExactCount(kind.Key, previous)),
                Hours => ChangeReveals(current.SessionsHeld, previous.SessionsHeld) || ChangeReveals(current.MinutesHeld / 60, previous.MinutesHeld / 60),
                _ => false,
            };
            var shownNow = Shown(now);
            var shownBefore = Shown(before);
            if (kind.Key == Hours && shownNow is { } hours)
            {
                shownNow = PeopleCount.Rounded((int)Math.Round(hours));
            }

            if (kind.Key == Hours && shownBefore is { } hoursBefore)
            {
                shownBefore = PeopleCount.Rounded((int)Math.Round(hoursBefore));
            }

            figures.Add(Figure(kind with { Format = kind.Format == "0.00" ? "0.0" : kind.Format }, periods, shownNow, shownBefore, changeHidden));
        }

        return new ExecutiveSummary(periods, false, figures);
    }

    private static bool ChangeReveals(int now, int before) => Math.Abs(now - before) is > 0 and < PeopleCount.SmallestShown;

    private static int ExactCount(string key, UptakeDashboard.SummaryExact e) => key switch
    {
        Participants => e.Participants,
        ActivePairs => e.ActivePairs,
        _ => e.SessionsHeld,
    };

    private static Measure LeadCount(string key, UptakeDashboard.SummaryExact own, IReadOnlyList<UptakeDashboard.SummaryExact> wider)
    {
        var count = LeadershipFigures.Lead(new Count(ExactCount(key, own), false), wider.Select(w => ExactCount(key, w)));
        return count.Hidden ? new Measure(null, true) : new Measure(count.Value, false);
    }

    // Hours come from the sessions held: shown when their count is, as a whole number rounded to the nearest 5.
    private static Measure LeadHours(UptakeDashboard.SummaryExact own, IReadOnlyList<UptakeDashboard.SummaryExact> wider)
    {
        var sessions = LeadershipFigures.Lead(new Count(own.SessionsHeld, false), wider.Select(w => w.SessionsHeld));
        return sessions.Hidden ? new Measure(null, true) : new Measure(own.MinutesHeld / 60.0, false);
    }

    private static Measure ExactMeasure(string key, UptakeDashboard.SummaryExact e) => key switch
    {
        Participants or ActivePairs or SessionsHeld => new Measure(ExactCount(key, e), false),
        Hours => new Measure(e.MinutesHeld / 60.0, false),
        AverageRating => Measure.Over(e.AverageRating, e.Raters, "0.00") with { Basis = e.Ratings, SmallMonth = e.RatingSmallMonth },
        SkillsMoved => Measure.Over(e.SkillChange, e.SkillPeople),
        _ => Measure.Percent(e.PairsAtRisk, e.PairsAccepted),
    };

    /// <summary>The value as shown; <see cref="double.NaN"/> for hidden, null for nothing to measure.</summary>
    private static double? Shown(Measure m) => m.Hidden ? double.NaN : m.Value;

    private static SummaryFigure Figure(Kind kind, UptakeDashboard.SummaryPeriods periods, double? now, double? before, bool changeHidden)
    {
        var previous = periods.PreviousLabel;
        if (now is { } hidden && double.IsNaN(hidden))
        {
            return new SummaryFigure(kind.Key, kind.Label, Count.HiddenText, "not shown",
                $"{kind.Label}: not shown, because fewer than 5 people (or too few ratings) stand behind it.", null, null, true, true);
        }

        if (now is not { } value)
        {
            return new SummaryFigure(kind.Key, kind.Label, "—", "", $"{kind.Label}: nothing to measure yet in this period.", null, null, false, true);
        }

        var text = Text(value, kind.Format, kind.Unit);
        var headline = kind.Key switch
        {
            Participants => $"{text} participants",
            ActivePairs => $"{text} active pairs",
            SessionsHeld => $"{text} sessions held",
            Hours => $"{text} hours of mentoring",
            AverageRating => $"Sessions rated {text} on average",
            SkillsMoved => $"Mentees' skills moved {text} (median of the latest self-rating, half way or at the end, against the start)",
            _ => $"{text} of pairs at risk",
        };
        if (changeHidden || (before is { } b && double.IsNaN(b)))
        {
            return new SummaryFigure(kind.Key, kind.Label, text, "not shown",
                $"{headline}; the change since {previous} is not shown, because it could single out fewer than 5 people.", value, null, false, true);
        }

        if (before is not { } earlier)
        {
            return new SummaryFigure(kind.Key, kind.Label, text, "no earlier figure",
                $"{headline}; there is no figure for {previous} to compare it with.", value, null, false, false);
        }

        var difference = Math.Round(value - earlier, 2);
        var size = Text(Math.Abs(difference), kind.Format.Split(';')[0].TrimStart('+'), "");
        var (change, sentence) = difference switch
        {
            > 0 => ($"+{size} since {previous}", $"{headline}, {size} {kind.More} than {previous}: {kind.Rise}."),
            < 0 => ($"−{size} since {previous}", $"{headline}, {size} {kind.Less} than {previous}: {kind.Fall}."),
            _ => ($"no change since {previous}", $"{headline}, the same as {previous}: {kind.Same}."),
        };
        return new SummaryFigure(kind.Key, kind.Label, text, change, sentence, value, difference, false, false);
    }

    private static string Text(double value, string format, string unit) => value.ToString(format, Invariant) + unit;
}
