using System.ComponentModel.DataAnnotations.Schema;

namespace ReverseMentoring.Web.Domain;

/// <summary>An invitation to register, sent by HR to an e-mail address with the role the person is meant to take.</summary>
public sealed class Invitation : IAudited
{
    public const int EmailMaxLength = 256;
    public const int CoordinatorMessageMaxLength = 2000;

    private string? _token;
    private string _tokenHash;

    /// <summary>A new invitation comes with a link token of its own.</summary>
    public Invitation() => _tokenHash = HashOf(_token = NewToken());

    public int Id { get; set; }
    public string Email { get; set; } = "";
    public string Role { get; set; } = Roles.Mentor;

    /// <summary>
    /// The SHA-256 (hex) of the link's token. The link carries the token; the database and the audit log hold only
    /// this, so neither a copy of the database nor an audit export lets anyone register in someone else's place.
    /// </summary>
    [AuditRedacted]
    public string TokenHash
    {
        get => _tokenHash;

        // Read back from the database, the token behind the hash is unknown.
        set => (_token, _tokenHash) = (string.Equals(value, _tokenHash, StringComparison.Ordinal) ? _token : null, value);
    }

    /// <summary>The token of a link made by this instance, for its e-mail; never stored, so null once read back.</summary>
    [NotMapped]
    public string? Token => _token;

    public int? ProgramId { get; set; }
    public MentoringProgram? Program { get; set; }
    public DateTime InvitedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? AcceptedAtUtc { get; set; }
    public string? InvitedByUserId { get; set; }

    /// <summary>The inviting coordinator's own words, kept so that the reminders carry them too.</summary>
    public string? CoordinatorMessage { get; set; }

    public bool IsUsableAt(DateTime nowUtc) => AcceptedAtUtc is null && ExpiresAtUtc > nowUtc;

    /// <summary>Makes a new link for the invitation and returns its token; earlier links stop working.</summary>
    public string IssueToken()
    {
        var token = NewToken();
        TokenHash = HashOf(token);
        _token = token;
        return token;
    }

    public static string HashOf(string token) => SecretToken.HashOf(token);

    public static string NewToken() => SecretToken.New(24);
}
