using System.Globalization;

namespace ReverseMentoring.Web.Features.Shared;

/// <summary>
/// A count of people as shown on aggregate pages. Below five it shows "fewer than 5", so that nobody in a small
/// group can be singled out.
/// </summary>
public readonly record struct PeopleCount(int Value)
{
    public const int SmallestShown = 5;

    public bool IsSuppressed => Value is > 0 and < SmallestShown;

    public override string ToString() => IsSuppressed ? "fewer than 5" : Value.ToString("N0", CultureInfo.InvariantCulture);
}
