namespace ReverseMentoring.Web.Features.CheckIns;

/// <summary>The words for each survey and check-in, the same on every page, e-mail and download.</summary>
public static class CheckInSurveys
{
    public static IReadOnlyList<CheckInSurvey> All { get; } = [CheckInSurvey.Milestone, CheckInSurvey.EndOfPair, CheckInSurvey.Applied];

    public static string Name(CheckInSurvey survey) => survey switch
    {
        CheckInSurvey.EndOfPair => "End-of-pair survey",
        CheckInSurvey.Applied => "Have you used what you learned?",
        _ => "Milestone check-ins",
    };

    /// <summary>A short name for a column or a filter.</summary>
    public static string ShortName(CheckInSurvey survey) => survey switch
    {
        CheckInSurvey.EndOfPair => "End of pair",
        CheckInSurvey.Applied => "Applied",
        _ => "Milestone",
    };

    public static CheckInKind KindOf(CheckInSurvey survey) => survey switch
    {
        CheckInSurvey.EndOfPair => CheckInKind.EndOfPair,
        CheckInSurvey.Applied => CheckInKind.Applied,
        _ => CheckInKind.Milestone,
    };

    /// <summary>The survey a check-in asks; null for "have you met yet?", which asks no survey's questions.</summary>
    public static CheckInSurvey? SurveyOf(CheckInKind kind) => kind switch
    {
        CheckInKind.Milestone => CheckInSurvey.Milestone,
        CheckInKind.EndOfPair => CheckInSurvey.EndOfPair,
        CheckInKind.Applied => CheckInSurvey.Applied,
        _ => null,
    };

    /// <summary>What a check-in is called: "Day 30 check-in", "End-of-pair survey"...</summary>
    public static string Title(CheckInKind kind, int dayNumber) => kind switch
    {
        CheckInKind.HaveYouMet => "Have you met yet?",
        CheckInKind.EndOfPair => "End-of-pair survey",
        CheckInKind.Applied => "Have you used what you learned?",
        _ => $"Day {dayNumber} check-in",
    };

    /// <summary>The column HR reads: the milestone day, or the survey after the end.</summary>
    public static string When(CheckInKind kind, int dayNumber) => kind switch
    {
        CheckInKind.HaveYouMet => $"Have you met? (day {dayNumber})",
        CheckInKind.EndOfPair => "End-of-pair survey",
        CheckInKind.Applied => $"Applied? ({dayNumber} days after the end)",
        _ => $"Day {dayNumber}",
    };
}
