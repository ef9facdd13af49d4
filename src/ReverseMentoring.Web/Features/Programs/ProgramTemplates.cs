namespace ReverseMentoring.Web.Features.Programs;

/// <summary>A ready-made program HR can start from: objectives, rhythm, topics and matching rules written for reverse mentoring.</summary>
public sealed record ProgramTemplate(
    string Key,
    string Title,
    string Description,
    string Objectives,
    int Months,
    int SessionCadenceDays,
    int SessionMinutes,
    int ExpectedSessions,
    IReadOnlyList<SessionFormats> Formats,
    IReadOnlyList<(string Title, string Activities)> Topics,
    MatchingSettings Matching)
{
    /// <summary>Fills a new program's form, dated to start a month after <paramref name="today"/>.</summary>
    public void FillIn(ProgramForm form, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(form);
        var starts = today.AddMonths(1);
        form.Name = Title;
        form.Objectives = Objectives;
        form.StartsOn = starts;
        form.EndsOn = starts.AddMonths(Months);
        form.EnrolmentOpensOn = today;
        form.EnrolmentClosesOn = starts.AddDays(-7);
        form.SessionCadenceDays = SessionCadenceDays;
        form.SessionMinutes = SessionMinutes;
        form.ExpectedSessions = ExpectedSessions;
        form.Formats = [.. Formats];
        form.MentorCapacity = 1;
        form.Topics = [.. Topics.Select(t => new TopicRow { Title = t.Title, SuggestedActivities = t.Activities })];
        form.SkillWeight = Matching.SkillWeight;
        form.AvailabilityWeight = Matching.AvailabilityWeight;
        form.TimeZoneWeight = Matching.TimeZoneWeight;
        form.FormatWeight = Matching.FormatWeight;
        form.InterestWeight = Matching.InterestWeight;
        form.MaxTimeZoneGapHours = Matching.MaxTimeZoneGapHours;
        form.MinimumScorePercent = Matching.MinimumScorePercent;
        form.Objective = Matching.Objective;
        form.PreferCrossDepartment = Matching.PreferCrossDepartment;
        form.ReportingLineDepth = Matching.ReportingLineDepth ?? ProgramForm.WholeChain;
        form.SeparateDepartments = Matching.SeparateDepartments;
    }
}

/// <summary>The built-in program templates, in one place.</summary>
public static class ProgramTemplates
{
    public static IReadOnlyList<ProgramTemplate> All { get; } =
    [
        new(
            "digital-skills-6-months",
            "Digital skills, 6 months",
            "Junior colleagues teach senior leaders today's tools and the view of a younger workforce, meeting every two weeks for six months.",
            """
            Senior leaders learn the digital tools their teams use every day, from the junior colleagues who use them best.
            Both sides gain: leaders get hands-on practice and a younger generation's perspective; juniors gain coaching, visibility and leadership presence.
            """,
            Months: 6,
            SessionCadenceDays: 14,
            SessionMinutes: 60,
            ExpectedSessions: 12,
            Formats: [SessionFormats.InPerson, SessionFormats.Virtual],
            Topics:
            [
                ("AI tools at work", "Try an AI assistant together on a real task from the leader's week: a summary, a draft, an analysis."),
                ("Social media and personal brand", "Review the leader's professional profile together and plan one post about the team's work."),
                ("Collaboration tools", "Run a meeting, a shared document and a channel conversation the way the junior's team does."),
                ("Generational perspectives", "Swap views on what motivates people early in their careers, and what the organisation could change."),
                ("Data and privacy", "Walk through what the leader's apps know about them and how to keep work data safe."),
            ],
            new MatchingSettings
            {
                SkillWeight = 6,
                AvailabilityWeight = 4,
                TimeZoneWeight = 2,
                FormatWeight = 2,
                InterestWeight = 2,
                MinimumScorePercent = MatchingSettings.SuggestedMinimumScorePercent,
                Objective = MatchingObjective.MostPeopleMatched,
                PreferCrossDepartment = true,
            }),
    ];

    public static ProgramTemplate? Find(string? key) =>
        All.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal));
}
