namespace ReverseMentoring.Web.Domain;

/// <summary>The e-mails a program sends whose wording HR may change.</summary>
public enum EmailKind
{
    Invitation = 0,
    InvitationReminder = 1,
    PairProposed = 2,
    EnrolmentApproved = 3,
    EnrolmentRejected = 4,
    QuietPairReminder = 5,
}

/// <summary>
/// HR's own wording of one kind of e-mail for one program, in Liquid; a program without one sends the built-in wording.
/// Whether the text only uses the kind's placeholders is checked before it gets here (see the e-mail templating).
/// </summary>
public sealed class ProgramEmailTemplate : IAudited
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 8000;

    public int Id { get; set; }
    public int ProgramId { get; set; }
    public EmailKind Kind { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }
    public string? UpdatedByUserId { get; set; }

    public static ProgramEmailTemplate For(int programId, EmailKind kind, string subject, string body, DateTime nowUtc, string? byUserId)
    {
        var template = new ProgramEmailTemplate { ProgramId = programId, Kind = kind };
        template.Change(subject, body, nowUtc, byUserId);
        return template;
    }

    public void Change(string subject, string body, DateTime nowUtc, string? byUserId)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(body);
        if (!Enum.IsDefined(Kind))
        {
            throw new DomainRuleException($"There is no e-mail of kind {Kind}.");
        }

        if (string.IsNullOrWhiteSpace(subject) || subject.Length > SubjectMaxLength)
        {
            throw new DomainRuleException($"An e-mail's subject has 1 to {SubjectMaxLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(body) || body.Length > BodyMaxLength)
        {
            throw new DomainRuleException($"An e-mail's text has 1 to {BodyMaxLength} characters.");
        }

        Subject = subject.Trim();
        Body = body.Trim();
        UpdatedAtUtc = nowUtc;
        UpdatedByUserId = byUserId;
    }

    /// <summary>The same wording for another program (a copy of this one's program).</summary>
    public ProgramEmailTemplate CopyFor(int programId, DateTime nowUtc, string? byUserId) =>
        For(programId, Kind, Subject, Body, nowUtc, byUserId);
}
