namespace ReverseMentoring.Web.Domain;

/// <summary>When a self-rating is taken. Stored by name; the numbers only keep their order of addition.</summary>
public enum SkillRatingStage
{
    /// <summary>Self-rated when the pair starts: the baseline.</summary>
    Start = 0,

    /// <summary>Self-rated when the pair ends or the program closes.</summary>
    End = 1,

    /// <summary>Self-rated half way between the pair's acceptance and the program's end.</summary>
    Mid = 2,
}

/// <summary>
/// One side's self-rating of a skill in play in their pair, at one stage. Audited, so that a change of the baseline in
/// its first days shows its old and new level; the rules of when it may be given or changed are in <see cref="SkillStages"/>.
/// </summary>
public sealed class SkillRating : IAudited, IStageRating
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public int EnrolmentId { get; set; }
    public ParticipantRole Role { get; set; }
    public int SkillId { get; set; }
    public Skill? Skill { get; set; }
    public SkillRatingStage Stage { get; set; }

    /// <summary>1 (novice) to 5 (expert).</summary>
    public int Level { get; set; }

    public DateTime RatedAtUtc { get; set; }
}

/// <summary>
/// What reverse mentoring gives the junior, as HR of a program names it (coaching, communication...): the junior rates their
/// own growth in each at the same stages as the senior rates skills. Retired areas are no longer rated; their ratings stay.
/// </summary>
public sealed class GrowthArea : IAudited
{
    public const int NameMaxLength = 80;

    public static IReadOnlyList<string> DefaultNames { get; } = ["Coaching", "Communication", "Leadership presence", "Business understanding"];

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTime? RetiredAtUtc { get; set; }

    public bool IsRetired => RetiredAtUtc is not null;

    public static List<GrowthArea> DefaultsFor(int programId) =>
        DefaultNames.Select((name, i) => new GrowthArea { ProgramId = programId, Name = name, SortOrder = i + 1 }).ToList();

    public GrowthArea CopyFor(int programId) => new() { ProgramId = programId, Name = Name, SortOrder = SortOrder };

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("Give the growth area a name.");
        }

        Name = name.Trim();
    }

    public void Retire(DateTime now) => RetiredAtUtc ??= now;

    public void Reinstate() => RetiredAtUtc = null;
}

/// <summary>The junior's self-rating of one growth area of their program, at one stage of their pair.</summary>
public sealed class GrowthRating : IAudited, IStageRating
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public int EnrolmentId { get; set; }
    public int GrowthAreaId { get; set; }
    public GrowthArea? GrowthArea { get; set; }
    public SkillRatingStage Stage { get; set; }

    /// <summary>1 (novice) to 5 (expert).</summary>
    public int Level { get; set; }

    public DateTime RatedAtUtc { get; set; }
}

/// <summary>
/// The senior's rating of the junior at the end of their pair, once: coaching, clarity, patience and initiative, each 1-5
/// and optional, with an optional comment. Only HR reads it by name (the talent view); leadership sees aggregates.
/// </summary>
public sealed class LeadershipTraitRating : IAudited
{
    public const int CommentMaxLength = 1000;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public int MentorEnrolmentId { get; set; }
    public int MenteeEnrolmentId { get; set; }
    public int? Coaching { get; set; }
    public int? Clarity { get; set; }
    public int? Patience { get; set; }
    public int? Initiative { get; set; }
    public string? Comment { get; set; }
    public DateTime RatedAtUtc { get; set; }

    /// <summary>The average of the traits given; null when none was.</summary>
    public double? Average =>
        new[] { Coaching, Clarity, Patience, Initiative }.OfType<int>().ToList() is { Count: > 0 } given ? given.Average() : null;
}

/// <summary>
/// That a side was asked to rate at a stage of their pair: its unique key (pair, enrolment, stage) lets one instance of
/// the job insert it, and only that instance queues the e-mail.
/// </summary>
public sealed class SkillCheckpoint
{
    public int Id { get; set; }
    public int PairId { get; set; }
    public int EnrolmentId { get; set; }
    public SkillRatingStage Stage { get; set; }
    public DateTime SentAtUtc { get; set; }
}

/// <summary>
/// Which rating stage is open for a pair at a time, and whether a rating may be given or changed: the one rule the form,
/// the commands, the to-do list and the reminder job share.
/// <list type="bullet">
/// <item>Start: from the pair's acceptance until the mid-point opens; given once, changed only in the first
/// <see cref="StartEditableDays"/> days (a baseline changed later could no longer be trusted).</item>
/// <item>Mid: from half way between the acceptance and the end of the program's last day; given once.</item>
/// <item>End: once the pair has ended or the program is closed; given once.</item>
/// </list>
/// When the program ends on or before the day of acceptance there is no half way: the mid stage never opens and the start
/// stays open until the end.
/// </summary>
public sealed record SkillStages(PairStatus PairStatus, DateTime? AcceptedAtUtc, DateOnly ProgramEndsOn, ProgramStatus ProgramStatus)
{
    public const int StartEditableDays = 14;

    public bool Started => AcceptedAtUtc is not null && Pair.StartedStatuses.Contains(PairStatus);

    /// <summary>The end of the program's last day, UTC.</summary>
    public DateTime ProgramEndUtc => ProgramEndsOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>Half way between acceptance and the program's end; null before acceptance or when the program ends first.</summary>
    public DateTime? MidpointUtc =>
        AcceptedAtUtc is { } accepted && ProgramEndUtc > accepted ? accepted + ((ProgramEndUtc - accepted) / 2) : null;

    /// <summary>Until when the baseline may change.</summary>
    public DateTime? StartEditableUntilUtc => AcceptedAtUtc?.AddDays(StartEditableDays);

    public bool EndOpen => Started && (PairStatus == PairStatus.Ended || ProgramStatus == ProgramStatus.Closed);

    /// <summary>The stage a side rates now; null before the pair is accepted by both.</summary>
    public SkillRatingStage? OpenAt(DateTime now) =>
        !Started ? null
        : EndOpen ? SkillRatingStage.End
        : MidpointUtc is { } mid && now >= mid ? SkillRatingStage.Mid
        : SkillRatingStage.Start;

    /// <summary>When the stage opens (or opened); null when it has no date of its own (the end, or no half way).</summary>
    public DateTime? OpensAtUtc(SkillRatingStage stage) => stage switch
    {
        SkillRatingStage.Start => AcceptedAtUtc,
        SkillRatingStage.Mid => MidpointUtc,
        _ => null,
    };

    /// <summary>Why this side may not give (or change) its rating of the stage now; null when it may.</summary>
    public string? RefusalToRate(SkillRatingStage stage, bool ratedBefore, DateTime now)
    {
        if (!Started)
        {
            return "You rate your starting levels once both of you have accepted the pair.";
        }

        var open = OpenAt(now);
        if (stage != open)
        {
            return (stage, open) switch
            {
                (SkillRatingStage.End, _) => "You rate where you ended up once the pair has ended.",
                (SkillRatingStage.Mid, SkillRatingStage.Start) when MidpointUtc is { } mid =>
                    $"The half-way rating opens on {mid:d MMM yyyy}.",
                (SkillRatingStage.Mid, SkillRatingStage.Start) => "This pair has no half-way rating: the program ends before it could be half way.",
                (SkillRatingStage.Start, SkillRatingStage.End) => "This pair has ended, so your starting levels can no longer change. Rate where you ended up instead.",
                (SkillRatingStage.Start, _) => "The half-way rating is open now, so your starting levels can no longer change.",
                _ => "This pair has ended, so your half-way levels can no longer change. Rate where you ended up instead.",
            };
        }

        if (!ratedBefore)
        {
            return null;
        }

        return stage switch
        {
            SkillRatingStage.Start when now > StartEditableUntilUtc =>
                $"Your starting levels could change only in the first {StartEditableDays} days of the pair (until {StartEditableUntilUtc:d MMM yyyy}); they are kept as the baseline.",
            SkillRatingStage.Start => null,
            SkillRatingStage.Mid => "You gave your half-way rating already; it is kept as given.",
            _ => "You gave your rating at the end already; it is kept as given.",
        };
    }

    /// <summary>Why this side may not rate the junior's coaching, clarity, patience and initiative now; null when it may.</summary>
    public string? RefusalToRateTraits(ParticipantRole side, bool ratedBefore) =>
        side != ParticipantRole.Mentee ? "Only the mentee rates the mentor's coaching, clarity, patience and initiative."
        : !EndOpen ? "You rate your mentor's coaching, clarity, patience and initiative once the pair has ended."
        : ratedBefore ? "You rated your mentor already; the rating is kept as given."
        : null;

    /// <summary>How the stage is named on the form: "at the start", "half way", "at the end".</summary>
    public static string Words(SkillRatingStage stage) => stage switch
    {
        SkillRatingStage.Start => "at the start",
        SkillRatingStage.Mid => "half way",
        _ => "at the end",
    };

    /// <summary>The stages in the order they are taken.</summary>
    public static IReadOnlyList<SkillRatingStage> InOrder { get; } = [SkillRatingStage.Start, SkillRatingStage.Mid, SkillRatingStage.End];
}

/// <summary>A self-rating given at one stage of a pair: of a skill learned, or of a growth area.</summary>
public interface IStageRating
{
    int Level { get; set; }

    DateTime RatedAtUtc { get; set; }
}

public static class StageRatingRecord
{
    /// <summary>
    /// Records one stage's levels: a level given before changes only when it differs (so an unchanged save leaves no audit
    /// row), a new one is added by <paramref name="add"/>. Whether the stage may be rated is decided before, by the caller.
    /// </summary>
    public static void Record<T>(IReadOnlyDictionary<int, T> existing, IEnumerable<(int Id, int Level)> levels, DateTime now, Action<int, int> add)
        where T : class, IStageRating
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(add);
        foreach (var (id, level) in levels)
        {
            if (!existing.TryGetValue(id, out var rating))
            {
                add(id, level);
            }
            else if (rating.Level != level)
            {
                rating.Level = level;
                rating.RatedAtUtc = now;
            }
        }
    }
}
