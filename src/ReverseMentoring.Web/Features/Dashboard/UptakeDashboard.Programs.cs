namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>The comparison across programs: the same figures, one row per program with enrolments matching the filters.</summary>
public static partial class UptakeDashboard
{
    public sealed record ProgramRow(
        int Id, string Name, Count Enrolled, Count Approved, Count InAcceptedPairs, Count ActivePairs, Count SessionsHeld,
        Measure MatchRate, Count CadencePairs, Count CadenceMeeting, Measure CadenceAdherence, Measure AverageRating);
}
