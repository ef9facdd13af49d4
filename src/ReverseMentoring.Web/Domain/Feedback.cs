namespace ReverseMentoring.Web.Domain;

/// <summary>One side's rating of a held session. Seen by its author and HR; leadership sees only aggregates.</summary>
public sealed class Feedback
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int CommentMaxLength = 2000;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public int SessionId { get; set; }
    public Session? Session { get; set; }
    public string ByUserId { get; set; } = "";
    public ParticipantRole Role { get; set; }
    public int Rating { get; set; }
    public string Comment { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
