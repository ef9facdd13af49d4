using System.Globalization;

namespace ReverseMentoring.Web.Features.Shared;

/// <summary>
/// A count of people as shown on aggregate pages. Below five it shows "fewer than 5", so that nobody in a small
/// group can be singled out.
/// </summary>
public readonly record struct PeopleCount(int Value)
{
    public const int SmallestShown = 5;

    /// <summary>Leadership sees counts rounded to a multiple of this.</summary>
    public const int RoundTo = 5;

    /// <summary>The fewest ratings (or people, or pairs) an average, rate or median shown to leadership may rest on.</summary>
    public const int SmallestBasisForLeadership = 10;

    public bool IsSuppressed => Value is > 0 and < SmallestShown;

    /// <summary>A count as leadership sees it: 1 to 4 stay "fewer than 5", anything else is rounded to the nearest 5.</summary>
    public static PeopleCount ForLeadership(int value) => new(new PeopleCount(value).IsSuppressed ? value : Rounded(value));

    /// <summary>The nearest multiple of 5 (7 → 5, 8 → 10, 12 → 10, 13 → 15).</summary>
    public static int Rounded(int value) => (int)Math.Round(value / (double)RoundTo, MidpointRounding.AwayFromZero) * RoundTo;

    /// <summary>
    /// Whether publishing a group of <paramref name="filtered"/> next to a wider, published group of
    /// <paramref name="wider"/> would single out the 1 to 4 that are in the wider group only, by subtracting one from the other.
    /// </summary>
    public static bool Reveals(int filtered, int wider) => wider >= SmallestShown && wider - filtered is > 0 and < SmallestShown;

    public override string ToString() => IsSuppressed ? "fewer than 5" : Value.ToString("N0", CultureInfo.InvariantCulture);
}
