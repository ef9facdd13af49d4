namespace ReverseMentoring.Web.Domain;

/// <summary>How an HR coordinator hears about what needs them, besides their home page.</summary>
public enum AlertDelivery
{
    /// <summary>One e-mail a day: what happened since the last one, and what is still open.</summary>
    Digest = 0,

    /// <summary>An e-mail for each event, when it happens.</summary>
    AtOnce = 1,

    /// <summary>No e-mail: the home page only.</summary>
    None = 2,
}

/// <summary>What happened in a program that a coordinator should hear about.</summary>
public enum AlertKind
{
    /// <summary>A side declined the pair proposed to them.</summary>
    PairDeclined = 0,

    /// <summary>Someone enrolled (or enrolled again) and waits for HR's decision.</summary>
    EnrolmentSubmitted = 1,

    /// <summary>An active pair that was healthy when last looked at now carries a pair-health flag.</summary>
    PairAtRisk = 2,

    /// <summary>One side of a pair told HR privately that something is wrong: urgent.</summary>
    ConcernRaised = 3,

    /// <summary>The company directory deactivated one side of a live pair: the pair needs HR's decision.</summary>
    ParticipantDeactivated = 4,
}

/// <summary>
/// One event in a program that its coordinators hear about: by e-mail at once, in their daily digest, or not at all, as
/// each chose (<see cref="AppUser.CoordinatorAlerts"/>). Recorded with the change that causes it, under a key that names
/// the event, so that it is recorded (and e-mailed) once whoever raises it again.
/// </summary>
public sealed class CoordinatorAlert
{
    public const int KeyMaxLength = 120;
    public const int TitleMaxLength = 300;
    public const int DetailMaxLength = 2000;
    public const int LinkMaxLength = 300;

    public int Id { get; set; }
    public string Key { get; private set; } = "";
    public AlertKind Kind { get; private set; }
    public int ProgramId { get; private set; }

    /// <summary>Who it is about ("Maya Mentor and Simon Senior").</summary>
    public string Title { get; private set; } = "";

    /// <summary>What happened, as HR reads it (the decline and its reason, the pair-health reasons).</summary>
    public string Detail { get; private set; } = "";

    /// <summary>The app's page that resolves it, as a path ("/Programs/3/Pairs/12").</summary>
    public string Link { get; private set; } = "";

    public DateTime OccurredAtUtc { get; private set; }

    /// <summary>Whether every coordinator of the program hears about it at once, whatever they chose: a concern raised.</summary>
    public bool Urgent => Kind == AlertKind.ConcernRaised;

    public static CoordinatorAlert PairDeclined(Pair pair, string mentorName, string menteeName, ParticipantRole declinedBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var who = declinedBy == ParticipantRole.Mentor ? $"{mentorName} (mentor)" : $"{menteeName} (mentee)";
        var reason = string.IsNullOrWhiteSpace(pair.DeclineReason) ? "no reason given" : $"reason: {pair.DeclineReason.Trim()}";
        return New($"pair-declined:{pair.Id}", AlertKind.PairDeclined, pair.ProgramId, $"{mentorName} and {menteeName}",
            $"Declined by {who}, {reason}. Pair them again on the pairing board.", $"/Programs/{pair.ProgramId}/Pairing", nowUtc);
    }

    public static CoordinatorAlert EnrolmentSubmitted(Enrolment enrolment, string name, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(enrolment);

        // One person may withdraw and enrol again: each submission is its own event.
        return New($"enrolment-submitted:{enrolment.Id}:{nowUtc.Ticks}", AlertKind.EnrolmentSubmitted, enrolment.ProgramId, name,
            $"Enrolled as {(enrolment.Role == ParticipantRole.Mentor ? "mentor" : "mentee")}; waiting for your decision.",
            $"/Programs/{enrolment.ProgramId}/Enrolments/{enrolment.Id}", nowUtc);
    }

    /// <param name="report">Which time this pair is reported at risk (<see cref="PairRiskReport.Reported"/>), so each fall is its own event.</param>
    public static CoordinatorAlert PairAtRisk(int pairId, int programId, string mentorName, string menteeName, PairHealth health, int report, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(health);
        return New($"pair-at-risk:{pairId}:{report}", AlertKind.PairAtRisk, programId, $"{mentorName} and {menteeName}",
            string.Join("; ", health.Reasons), $"/Programs/{programId}/Pairs/{pairId}", nowUtc);
    }

    /// <summary>The pair and the category only: the e-mail says where to read the concern, not what it says or who raised it.</summary>
    public static CoordinatorAlert ConcernRaised(Concern concern, string mentorName, string menteeName)
    {
        ArgumentNullException.ThrowIfNull(concern);
        return New($"concern-raised:{concern.Id}", AlertKind.ConcernRaised, concern.ProgramId, $"{mentorName} and {menteeName}",
            $"A concern was raised about this pair (category: {Concern.Describe(concern.Category)}). Read it on the pair's page.",
            $"/Programs/{concern.ProgramId}/Pairs/{concern.PairId}", concern.RaisedAtUtc);
    }

    /// <summary>One side of a live pair was deactivated by the company directory; each deactivation is its own event.</summary>
    public static CoordinatorAlert ParticipantDeactivated(Pair pair, string mentorName, string menteeName, string deactivatedName, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return New($"participant-deactivated:{pair.Id}:{nowUtc.Ticks}", AlertKind.ParticipantDeactivated, pair.ProgramId, $"{mentorName} and {menteeName}",
            $"{deactivatedName} was deactivated by the company directory: they can no longer sign in and their enrolment was withdrawn. "
            + "End the pair, or pair the other side again.",
            $"/Programs/{pair.ProgramId}/Pairs/{pair.Id}", nowUtc);
    }

    private static CoordinatorAlert New(string key, AlertKind kind, int programId, string title, string detail, string link, DateTime nowUtc) => new()
    {
        Key = key,
        Kind = kind,
        ProgramId = programId,
        Title = Cut(title, TitleMaxLength),
        Detail = Cut(detail, DetailMaxLength),
        Link = link,
        OccurredAtUtc = nowUtc,
    };

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}

/// <summary>
/// The pair-health flags last seen on a pair, so that HR hears once when it becomes at risk, and again only after it
/// recovered and fell back; a pair at risk that gains or loses one of several flags is not news.
/// </summary>
public sealed class PairRiskReport
{
    public const int FlagsMaxLength = 200;

    public int PairId { get; set; }

    /// <summary>The flags when last looked at, by kind ("Quiet,LowRating"); empty while healthy.</summary>
    public string Flags { get; private set; } = "";

    /// <summary>How many times the pair was reported at risk.</summary>
    public int Reported { get; private set; }

    public DateTime ChangedAtUtc { get; private set; }

    /// <summary>Records the pair's health as at now; true when it is newly at risk, and so to be reported.</summary>
    public bool Look(PairHealth health, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(health);
        var flags = string.Join(",", health.Flags.Select(f => f.Kind));
        if (flags == Flags)
        {
            return false;
        }

        var newly = Flags.Length == 0 && health.AtRisk;
        Flags = flags;
        ChangedAtUtc = nowUtc;
        if (newly)
        {
            Reported++;
        }

        return newly;
    }
}
