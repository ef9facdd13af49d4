using System.Globalization;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

/// <summary>
/// Session times are stored in UTC and entered and shown in each person's own IANA time zone.
/// A local time that does not exist (the hour skipped when clocks go forward) is refused; a local time that happens
/// twice (the hour repeated when clocks go back) means its first occurrence, the earlier instant.
/// </summary>
public static class SessionTimes
{
    /// <summary>The zone for an IANA id; UTC when the id is unknown, so an odd profile never breaks a page.</summary>
    public static TimeZoneInfo Zone(string? zoneId) =>
        !string.IsNullOrEmpty(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The UTC instant of a local date and time in a zone, or why there is none (<see cref="Conversion.Problem"/>).</summary>
    public static Conversion ToUtc(DateOnly date, TimeOnly time, string zoneId)
    {
        var zone = Zone(zoneId);
        var local = DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return new Conversion(null,
                $"{Time(time)} does not exist on {Day(date)} in {zone.Id}: the clocks go forward that night. Choose another time.");
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The first occurrence is the one with the larger offset (summer time, before the clocks go back).
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new Conversion(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc), null);
        }

        return new Conversion(TimeZoneInfo.ConvertTimeToUtc(local, zone), null);
    }

    /// <summary>
    /// Like <see cref="ToUtc"/> but never refuses: a skipped local time moves forward by the gap. For weekly
    /// availability, where "from 01:30" on the night the clocks change means "from when the day resumes".
    /// </summary>
    public static DateTime ToUtcLenient(DateOnly date, TimeOnly time, string zoneId)
    {
        var zone = Zone(zoneId);
        var local = DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified);
        var conversion = ToUtc(date, time, zoneId);
        if (conversion.Utc is { } utc)
        {
            return utc;
        }

        // Inside a gap: the offset before the gap turns the skipped wall time into the instant it would have been.
        var before = zone.GetUtcOffset(local.AddHours(-3));
        return DateTime.SpecifyKind(local - before, DateTimeKind.Utc);
    }

    public static DateTime ToLocal(DateTime utc, string zoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(zoneId));

    public static DateOnly LocalDate(DateTime utc, string zoneId) => DateOnly.FromDateTime(ToLocal(utc, zoneId));

    public static TimeOnly LocalTime(DateTime utc, string zoneId) => TimeOnly.FromDateTime(ToLocal(utc, zoneId));

    /// <summary>"Tue 3 Mar 2027, 10:00–11:00 (Europe/London)"; the end's date is added when it falls on another day.</summary>
    public static string Format(DateTime startsAtUtc, DateTime endsAtUtc, string zoneId)
    {
        var zone = Zone(zoneId);
        var start = ToLocal(startsAtUtc, zone.Id);
        var end = ToLocal(endsAtUtc, zone.Id);
        var endText = start.Date == end.Date ? Time(end) : $"{Day(DateOnly.FromDateTime(end))}, {Time(end)}";
        return $"{Day(DateOnly.FromDateTime(start))}, {Time(start)}–{endText} ({zone.Id})";
    }

    /// <summary>"Tue 3 Mar 2027, 10:00 (Europe/London)".</summary>
    public static string Format(DateTime utc, string zoneId)
    {
        var zone = Zone(zoneId);
        var local = ToLocal(utc, zone.Id);
        return $"{Day(DateOnly.FromDateTime(local))}, {Time(local)} ({zone.Id})";
    }

    /// <summary>"Tue 3 Mar 2027".</summary>
    public static string Day(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"09:30".</summary>
    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The result of a conversion: the instant, or a message saying why the local time has none.</summary>
    public sealed record Conversion(DateTime? Utc, string? Problem);
}
