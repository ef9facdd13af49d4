namespace ReverseMentoring.Web.Infrastructure;

/// <summary>Authorization policies for the page areas. Handlers check again: hiding a page is not enough.</summary>
public static class AreaPolicies
{
    public const string Programs = "ProgramsArea";
    public const string Dashboard = "DashboardArea";
    public const string Participant = "ParticipantArea";
}
