using System.Globalization;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// A count as shown to its viewer: leadership sees counts of one to four as "fewer than 5" (the value is dropped, so it
/// cannot leak into a chart or a CSV file); HR sees the exact number.
/// </summary>
public readonly record struct Count(int Value, bool Hidden)
{
    public const string HiddenText = "fewer than 5";

    public static Count Of(int value, bool exact) =>
        exact || !new PeopleCount(value).IsSuppressed ? new Count(value, false) : new Count(0, true);

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
    public static Measure Over(double? value, int basis, string format = "0.0", string suffix = "") =>
        basis == 0 || value is null ? new Measure(null, false, format, suffix)
        : basis < PeopleCount.SmallestShown ? new Measure(null, true, format, suffix)
        : new Measure(value, false, format, suffix);

    public static Measure Percent(int part, int whole) =>
        Over(whole == 0 ? null : 100.0 * part / whole, whole, "0", "%");

    public double? Shown => Hidden ? null : Value is { } v ? Math.Round(v, 2) : null;

    public override string ToString() =>
        Hidden ? Count.HiddenText : Value is { } v ? v.ToString(Format, CultureInfo.InvariantCulture) + Suffix : "—";
}
