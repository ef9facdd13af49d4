using System.Globalization;
using System.Text.Json;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>A series of a chart: null values are hidden cells, which the chart leaves out.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values);

/// <summary>What dashboard.js needs to draw a chart over the same figures as its table.</summary>
public sealed record ChartData(string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, string Axis)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>
/// One table of the dashboard, as text cells already disclosed for the viewer: the HTML, the printable view and the
/// CSV file are all drawn from it, so none of them can show more than the others.
/// </summary>
public sealed record FigureTable(
    string Key, string Title, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows,
    ChartData? Chart, string Footnote, string Empty)
{
    /// <summary>The table as a CSV file: the same cells, through the app's one CSV writer.</summary>
    public Task<byte[]> ToCsvAsync(CancellationToken cancellationToken) => CsvExport.WriteAsync(Columns, Rows, cancellationToken);
}

public static class FigureTables
{
    public const string Funnel = "funnel";
    public const string Matching = "matching";
    public const string Sessions = "sessions";
    public const string Cadence = "cadence";
    public const string Ratings = "ratings";
    public const string Skills = "skills";
    public const string Growth = "growth";
    public const string Traits = "traits";
    public const string Risk = "risk";
    public const string Programs = "programs";
    public const string Knowledge = "knowledge";

    public const string SmallGroupFootnote = "Leadership sees figures only for selections of at least 5 people.";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IReadOnlyList<FigureTable> Of(UptakeDashboard.Result r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var mentors = r.Funnel.Single(f => f.Role == ParticipantRole.Mentor);
        var mentees = r.Funnel.Single(f => f.Role == ParticipantRole.Mentee);
        (string Stage, Func<UptakeDashboard.FunnelRow, Count?> Of)[] stages =
        [
            ("Invited", f => f.Invited),
            ("Enrolled", f => f.Enrolled),
            ("Approved", f => f.Approved),
            ("Paired", f => f.Paired),
            ("Accepted", f => f.Accepted),
            ("Active", f => f.Active),
            ("Completed", f => f.Completed),
        ];
        static string Cell(Count? count) => count?.ToString() ?? "not available";

        var funnel = new FigureTable(
            Funnel,
            "Enrolment funnel",
            "People at each stage, mentors (juniors) and mentees (seniors)",
            ["Stage", "Mentors", "Mentees"],
            stages.Select(s => (IReadOnlyList<string>)[s.Stage, Cell(s.Of(mentors)), Cell(s.Of(mentees))]).ToList(),
            new ChartData("bar", stages.Select(s => s.Stage).ToList(),
            [
                new ChartSeries("Mentors", stages.Select(s => (double?)s.Of(mentors)?.Shown).ToList()),
                new ChartSeries("Mentees", stages.Select(s => (double?)s.Of(mentees)?.Shown).ToList()),
            ], "People"),
            "Invited: invitations for the program(s) by the end of the period (not available when filtering by department or job level: an invitation has neither). "
            + "Enrolled: enrolments of any status; approved: approved now. Paired: people in any pair ever proposed. Accepted: people in a pair that was accepted (or has since ended). "
            + "Active: people in a pair still accepted that held a session in the period. Completed: people in a pair that ended as completed.",
            "");

        var matching = new FigureTable(
            Matching,
            "Matching",
            "Match rate, median days to match and active pairs",
            ["Figure", "Value"],
            [
                ["Match rate", r.MatchRate.ToString()],
                ["Median days to match", r.MedianDaysToMatch.ToString()],
                ["Active pairs", r.ActivePairs.ToString()],
            ],
            null,
            "Match rate: approved mentees with an accepted (or ended) pair, divided by approved mentees. "
            + "Median days to match: over accepted pairs, calendar days from the mentee's approval to the pair's acceptance. "
            + "Active pairs: pairs still accepted that held a session in the period. Rates and medians over fewer than 5 people are not shown.",
            "");

        var sessions = new FigureTable(
            Sessions,
            "Sessions held per week",
            $"Sessions held per ISO week, {Day(r.Period.From)} to {Day(r.Period.To)}",
            ["Week", "Week starting", "Sessions held"],
            r.SessionsPerWeek.Select(w => (IReadOnlyList<string>)[w.IsoWeek, Day(w.Monday), w.Held.ToString()]).ToList(),
            new ChartData("line", r.SessionsPerWeek.Select(w => w.IsoWeek).ToList(),
                [new ChartSeries("Sessions held", r.SessionsPerWeek.Select(w => (double?)w.Held.Shown).ToList())], "Sessions"),
            $"Sessions logged as held, by the ISO week (Monday to Sunday, UTC) of their start; only days inside the period count. {r.SessionsHeld} in all.",
            "No weeks in the period.");

        List<IReadOnlyList<string>> cadenceRows = [["All selected", r.Cadence.Pairs.ToString(), r.Cadence.Meeting.ToString(), r.Cadence.Percent.ToString()]];
        cadenceRows.AddRange(r.Programs.Select(p => (IReadOnlyList<string>)[p.Name, p.CadencePairs.ToString(), p.CadenceMeeting.ToString(), p.CadenceAdherence.ToString()]));
        var cadence = new FigureTable(
            Cadence,
            "Cadence adherence",
            "Pairs meeting their program's cadence in the period",
            ["Program", "Pairs", "Meeting the cadence", "Adherence"],
            cadenceRows,
            new ChartData("bar", r.Programs.Select(p => p.Name).ToList(),
                [new ChartSeries("Adherence (%)", r.Programs.Select(p => p.CadenceAdherence.Shown).ToList())], "Percent of pairs"),
            "Of the pairs accepted at any time in the period, the share whose held sessions in the period reach the days they were active in the period "
            + "divided by the program's cadence in days, rounded down, and at least one. Percentages over fewer than 5 pairs are not shown.",
            "");

        List<IReadOnlyList<string>> ratingRows = [["Whole period", r.AverageRating.ToString(), r.Raters.ToString()]];
        ratingRows.AddRange(r.RatingByMonth.Select(m => (IReadOnlyList<string>)[m.Label, m.Average.ToString(), m.Raters.ToString()]));
        var ratings = new FigureTable(
            Ratings,
            "Feedback rating",
            "Average session rating (1 to 5), for the whole period and by month",
            ["Month", "Average rating", "People rating"],
            ratingRows,
            new ChartData("line", r.RatingByMonth.Select(m => m.Label).ToList(),
                [new ChartSeries("Average rating", r.RatingByMonth.Select(m => m.Average.Shown).ToList())], "Rating (1 to 5)"),
            "Average of the ratings given to sessions in the period, by the month (UTC) they were given. A month rated by fewer than 5 people shows \"fewer than 5\" instead of an average.",
            "");

        static FigureTable Moves(string key, string title, string caption, string item, IReadOnlyList<UptakeDashboard.SkillMove> moves, string note, string empty) => new(
            key,
            title,
            caption,
            [item, "People", "Before", "Half way", "People half way", "At the end", "People at the end"],
            moves.Select(s => (IReadOnlyList<string>)
                [s.Skill, s.People.ToString(), s.Before.ToString(), s.Mid.ToString(), s.MidPeople.ToString(), s.After.ToString(), s.EndPeople.ToString()]).ToList(),
            new ChartData("bar", moves.Select(s => s.Skill).ToList(),
            [
                new ChartSeries("Before", moves.Select(s => s.Before.Shown).ToList()),
                new ChartSeries("Half way", moves.Select(s => s.Mid.Shown).ToList()),
                new ChartSeries("At the end", moves.Select(s => s.After.Shown).ToList()),
            ], "Self-rating (1 to 5)"),
            note,
            empty);

        var skills = Moves(
            Skills,
            "Skills moved",
            "Seniors' average self-rating per skill (1 to 5): before, half way and at the end of a pair",
            "Skill",
            r.Skills,
            "People who rated the skill when their pair started and again, half way or at the end, in the period; each column is the average of those who gave that rating."
                + (r.ExactCounts ? " Exact figures for HR." : " Hidden (\"fewer than 5\") where fewer than 5 people, or fewer than 10 ratings, are behind a figure."),
            "No skill was rated at the start of a pair and again in the period. Seniors are asked to rate half way and at the end.");

        var growth = Moves(
            Growth,
            "Juniors' growth",
            "Juniors' average self-rating per growth area (1 to 5): before, half way and at the end of a pair",
            "Growth area",
            r.Growth,
            "What reverse mentoring gives the juniors, in the growth areas of their programs; counted like skills moved."
                + (r.ExactCounts ? " Exact figures for HR." : " Hidden where fewer than 5 people are behind a figure."),
            "No junior rated their growth at the start of a pair and again in the period. Juniors are asked to rate half way and at the end.");

        var traits = new FigureTable(
            Traits,
            "Future leaders",
            "Seniors' ratings of their mentors at the end of a pair (1 to 5), per trait",
            ["Trait", "Average", "Mentors rated", "1", "2", "3", "4", "5"],
            r.Traits.Traits.Where(_ => r.Traits.Mentors.Hidden || r.Traits.Mentors.Value > 0).Select(t => (IReadOnlyList<string>)
                [t.Trait, t.Average.ToString(), t.People.ToString(), .. t.Distribution.Select(c => c.ToString())]).ToList(),
            new ChartData("bar", r.Traits.Traits.Select(t => t.Trait).ToList(),
                [new ChartSeries("Average", r.Traits.Traits.Select(t => t.Average.Shown).ToList())], "Rating (1 to 5)"),
            "Ratings given in the period; each trait is optional, so its count may differ."
                + (r.ExactCounts ? " HR reads them by name in the talent view." : " Only totals over at least 5 people are shown; nobody is named."),
            "No mentor was rated at the end of a pair in the period.");

        var risk = new FigureTable(
            Risk,
            "Pairs at risk",
            "Accepted pairs at risk today, by reason",
            ["Reason", "Pairs"],
            [
                .. r.AtRisk.ByFlag.Select(f => (IReadOnlyList<string>)[PairHealth.Describe(f.Kind), f.Pairs.ToString()]),
                ["At risk for any reason", r.AtRisk.Any.ToString()],
            ],
            new ChartData("bar", [.. r.AtRisk.ByFlag.Select(f => PairHealth.Name(f.Kind))],
                [new ChartSeries("Pairs", [.. r.AtRisk.ByFlag.Select(f => (double?)f.Pairs.Shown)])], "Pairs"),
            "Pairs accepted now, by the pair health rule that HR's pairs list, pair pages and program report also show; each row says "
            + "what its flag means. The period does not apply; a pair may have several reasons.",
            "");

        var programs = new FigureTable(
            Programs,
            "Comparison across programs",
            "Key figures by program",
            ["Program", "Enrolled", "Approved", "In accepted pairs", "Active pairs", "Sessions held", "Match rate", "Cadence adherence", "Average rating"],
            r.Programs.Select(p => (IReadOnlyList<string>)
            [
                p.Name, p.Enrolled.ToString(), p.Approved.ToString(), p.InAcceptedPairs.ToString(), p.ActivePairs.ToString(),
                p.SessionsHeld.ToString(), p.MatchRate.ToString(), p.CadenceAdherence.ToString(), p.AverageRating.ToString(),
            ]).ToList(),
            new ChartData("bar", r.Programs.Select(p => p.Name).ToList(),
            [
                new ChartSeries("Active pairs", r.Programs.Select(p => (double?)p.ActivePairs.Shown).ToList()),
                new ChartSeries("Sessions held", r.Programs.Select(p => (double?)p.SessionsHeld.Shown).ToList()),
            ], "Count"),
            "The same figures as above, for each program with enrolments matching the filters.",
            "No program has enrolments matching the filters.");

        var knowledge = new FigureTable(
            Knowledge,
            "Knowledge-sharing sessions",
            "Reach beyond pairs: open sessions where one junior teaches several seniors",
            ["Figure", "Value"],
            [
                ["Sessions held", r.Knowledge.SessionsHeld.ToString()],
                ["Seats attended", r.Knowledge.SeatsAttended.ToString()],
                ["Seniors reached", r.Knowledge.SeniorsReached.ToString()],
                ["Average rating (1 to 5)", r.Knowledge.AverageRating.ToString()],
            ],
            null,
            "Sessions whose host recorded who came, by their start in the period; seats of people marked as having come; distinct people among them; "
            + "the average of their ratings. With a department or job level filter, only seats of people matching it count."
            + (r.ExactCounts ? " Averages over fewer than 5 people are not shown." : " Counts below 5 show \"fewer than 5\"; the average needs at least 10 ratings."),
            "");

        IReadOnlyList<FigureTable> tables = [funnel, matching, sessions, cadence, ratings, skills, growth, traits, risk, programs, knowledge];

        // Every section is derived from the people selected: for leadership, a selection of 1 to 4 people shows none of
        // them, not even a series of zeros and "fewer than 5", which would trace one person's weeks.
        return r.SmallGroup
            ? [.. tables.Select(t => t with { Rows = [], Chart = null, Empty = ExecutiveSummary.SmallGroupText, Footnote = SmallGroupFootnote })]
            : tables;
    }

    /// <summary>"uptake-funnel-2026-11-24.csv".</summary>
    public static string FileName(string prefix, string key, DateTime nowUtc) =>
        $"{prefix}-{key}-{nowUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
}
