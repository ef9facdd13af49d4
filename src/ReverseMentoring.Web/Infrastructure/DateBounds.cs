using System.Globalization;
using FluentValidation;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// The days the app accepts in any date it is given, typed into a form or put in a link: 1 January 2000 to
/// 31 December 2100. Far wider than any program, session or report needs, and far enough from the ends of
/// <see cref="DateTime"/> (year 1 and 9999) that adding a day, a time zone's offset or a session's length never
/// overflows. A date outside is refused next to its field.
/// </summary>
public static class DateBounds
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static string Message { get; } =
        $"Enter a date between {Earliest.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} and {Latest.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.";

    /// <summary>True for no date, or a date within the supported years.</summary>
    public static bool Supports(DateOnly? day) => day is not { } d || (d >= Earliest && d <= Latest);

    /// <summary>A date from a link that only fills in a form: kept when supported, otherwise dropped (the person picks one).</summary>
    public static DateOnly? OrNull(DateOnly? day) => Supports(day) ? day : null;

    /// <summary>The rule for every date field of every request: no date, or one between 2000 and 2100.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> WithinSupportedDates<T>(this IRuleBuilder<T, DateOnly?> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Must(day => Supports(day)).WithMessage(Message);
    }
}
