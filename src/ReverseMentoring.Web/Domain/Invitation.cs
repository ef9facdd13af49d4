using System.Security.Cryptography;

namespace ReverseMentoring.Web.Domain;

/// <summary>An invitation to register, sent by HR to an e-mail address with the role the person is meant to take.</summary>
public sealed class Invitation : IAudited
{
    public const int EmailMaxLength = 256;

    public int Id { get; set; }
    public string Email { get; set; } = "";
    public string Role { get; set; } = Roles.Mentor;
    public string Token { get; set; } = NewToken();
    public int? ProgramId { get; set; }
    public MentoringProgram? Program { get; set; }
    public DateTime InvitedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? AcceptedAtUtc { get; set; }
    public string? InvitedByUserId { get; set; }

    public bool IsUsableAt(DateTime nowUtc) => AcceptedAtUtc is null && ExpiresAtUtc > nowUtc;

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
