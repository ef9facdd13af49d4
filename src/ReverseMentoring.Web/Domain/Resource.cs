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

    /// <summary>HR asks everyone it is for to go through it before their first session (training before mentoring).</summary>
    public bool RequiredBeforeFirstSession { get; set; }
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
            RequiredBeforeFirstSession = RequiredBeforeFirstSession,
            AddedAtUtc = nowUtc,
            AddedByUserId = byUserId,
        };
    }

    /// <summary>
    /// The person says they went through this resource on <paramref name="on"/> (their own local day, not after
    /// <paramref name="today"/>); marking it again moves the date. Only ever the person's own record.
    /// </summary>
    public ResourceCompletion MarkDoneBy(string userId, DateOnly on, DateOnly today, ResourceCompletion? earlier, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (on > today)
        {
            throw new DomainRuleException("The day you did it cannot be in the future.");
        }

        if (earlier is not null)
        {
            if (earlier.ResourceId != Id || earlier.UserId != userId)
            {
                throw new DomainRuleException("Only your own record of this resource can change.");
            }

            earlier.CompletedOn = on;
            earlier.RecordedAtUtc = nowUtc;
            return earlier;
        }

        return new ResourceCompletion { ProgramId = ProgramId, ResourceId = Id, UserId = userId, CompletedOn = on, RecordedAtUtc = nowUtc };
    }
}

/// <summary>A person went through a resource of a program, on a day they give.</summary>
public sealed class ResourceCompletion : IAudited
{
    public int Id { get; set; }
    public int ProgramId { get; set; }
    public int ResourceId { get; set; }
    public string UserId { get; set; } = "";
    public DateOnly CompletedOn { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}
