namespace ReverseMentoring.Web.Domain;

public enum SkillRatingStage
{
    /// <summary>Self-rated when the pair starts.</summary>
    Start = 0,

    /// <summary>Self-rated when the pair ends.</summary>
    End = 1,
}

/// <summary>One side's self-rating of a skill in play in their pair, at its start or its end.</summary>
public sealed class SkillRating
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
