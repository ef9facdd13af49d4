namespace ReverseMentoring.Web.Domain;

public enum ResourceAudience
{
    Both = 0,
    Mentors = 1,
    Mentees = 2,
}

/// <summary>Training material attached to a program: a link, or a file stored outside wwwroot.</summary>
public sealed class Resource : IAudited
{
    public const int TitleMaxLength = 150;
    public const int DescriptionMaxLength = 2000;
    public const int UrlMaxLength = 2000;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public MentoringProgram? Program { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Url { get; set; }

    /// <summary>The name the file was uploaded with, shown to people and used on download.</summary>
    public string? FileName { get; set; }

    /// <summary>The random name the file is stored under, so an upload's name can never point elsewhere.</summary>
    public string? StoredFileName { get; set; }

    public string? ContentType { get; set; }
    public long? SizeBytes { get; set; }
    public ResourceAudience Audience { get; set; }
    public DateTime AddedAtUtc { get; set; }
    public string? AddedByUserId { get; set; }

    /// <summary>
    /// The same resource for another program. A file gets its own stored copy (<paramref name="storedFileName"/>), so
    /// deleting either resource never takes the other's file with it.
    /// </summary>
    public Resource CopyFor(int programId, string? storedFileName, DateTime nowUtc, string? byUserId)
    {
        if (StoredFileName is not null && storedFileName is null)
        {
            throw new DomainRuleException("A file resource is copied with a copy of its file.");
        }

        return new Resource
        {
            ProgramId = programId,
            Title = Title,
            Description = Description,
            Url = Url,
            FileName = FileName,
            StoredFileName = storedFileName,
            ContentType = ContentType,
            SizeBytes = SizeBytes,
            Audience = Audience,
            AddedAtUtc = nowUtc,
            AddedByUserId = byUserId,
        };
    }
}
