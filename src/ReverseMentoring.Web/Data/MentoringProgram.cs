namespace ReverseMentoring.Web.Data;

public enum ProgramStatus
{
    Draft = 0,
    Enrolling = 1,
    Matching = 2,
    Running = 3,
    Closed = 4,
}

/// <summary>A reverse mentoring program run by HR: juniors teach seniors over a set period.</summary>
public sealed class MentoringProgram
{
    public const int NameMaxLength = 120;
    public const int ObjectivesMaxLength = 4000;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Objectives { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public ProgramStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedByUserId { get; set; }

    /// <summary>Optimistic concurrency token, portable across SQLite and SQL Server (rowversion is SQL Server only).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}
