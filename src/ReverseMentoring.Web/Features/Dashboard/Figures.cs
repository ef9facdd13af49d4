using System.Globalization;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// A count as shown to its viewer: HR sees the exact number; leadership sees 0, "fewer than 5" for one to four (the
/// value is dropped, so it cannot leak into a chart or a CSV file) or the number rounded to the nearest 5.
/// </summary>
public readonly record struct Count(int Value, bool Hidden)
{
    public const string HiddenText = "fewer than 5";

    public static Count Of(int value, bool exact) =>
        exact ? new Count(value, false)
        : new PeopleCount(value).IsSuppressed ? new Count(0, true)
        : new Count(PeopleCount.Rounded(value), false);

    /// <summary>The number a chart may draw; null when hidden.</summary>
    public int? Shown => Hidden ? null : Value;

    public override string ToString() => Hidden ? HiddenText : Value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>
/// An average, median or percentage. Hidden for every viewer when it rests on fewer than five people (or pairs),
/// so that nobody's ratings can be worked out from it; empty ("—") when there is nothing to measure.
/// </summary>
public readonly record struct Measure(double? Value, bool Hidden, string Format = "0.0", string Suffix = "")
{
    /// <summary>What it rests on: the number of ratings for an average of ratings, of people or pairs for a rate or a median.</summary>
    public int Basis { get; init; }

    /// <summary>An average over several months one of which holds only 1 to 4 of its ratings (leadership does not see it).</summary>
    public bool SmallMonth { get; init; }

    public static Measure Over(double? value, int basis, string format = "0.0", string suffix = "") =>
        basis == 0 || value is null ? new Measure(null, false, format, suffix) { Basis = basis }
        : basis < PeopleCount.SmallestShown ? new Measure(null, true, format, suffix) { Basis = basis }
        : new Measure(value, false, format, suffix) { Basis = basis };

    public static Measure Percent(int part, int whole) =>
        Over(whole == 0 ? null : 100.0 * part / whole, whole, "0", "%");

    public double? Shown => Hidden ? null : Value is { } v ? Math.Round(v, 2) : null;

    public override string ToString() =>
        Hidden ? Count.HiddenText : Value is { } v ? v.ToString(Format, CultureInfo.InvariantCulture) + Suffix : "—";
}
