namespace ReverseMentoring.Web.Features.Account;

/// <summary>
/// The IANA time zones a person may choose (Europe/London, America/New_York, UTC), for every time-zone field: the
/// profile, registration and the enrolment form offer the same list and refuse anything else.
/// </summary>
public static class TimeZones
{
    public const string UnknownMessage = "Choose your time zone from the list.";

    /// <summary>The id of the datalist the time-zone fields share.</summary>
    public const string ListId = "time-zone-list";

    public static IReadOnlyList<string> All { get; } =
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)
            .Where(id => id.Contains('/', StringComparison.Ordinal))
            .Append("UTC")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string? id) => !string.IsNullOrWhiteSpace(id) && Known.Contains(id);
}
