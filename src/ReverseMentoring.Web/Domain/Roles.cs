namespace ReverseMentoring.Web.Domain;

/// <summary>The four roles of the product. A person may hold several (a coordinator may also be a mentee).</summary>
public static class Roles
{
    public const string HrCoordinator = "HrCoordinator";
    public const string Mentor = "Mentor";
    public const string Mentee = "Mentee";
    public const string Leadership = "Leadership";

    public static IReadOnlyList<string> All { get; } = [HrCoordinator, Mentor, Mentee, Leadership];

    public static string DisplayName(string role) => role switch
    {
        HrCoordinator => "HR coordinator",
        Mentor => "Mentor (junior)",
        Mentee => "Mentee (senior)",
        Leadership => "Leadership",
        _ => role,
    };
}
