using System.Security.Cryptography;
using System.Text;

namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A bearer token the company's directory uses to provision people through SCIM. HR names it and sees it once, when it
/// is made; only its SHA-256 hash is kept, so the database never holds a usable token.
/// </summary>
public sealed class ProvisioningToken : IAudited
{
    public const int NameMaxLength = 100;
    private const string Prefix = "rmscim_";

    public int Id { get; set; }

    /// <summary>What HR called it ("Entra ID production"); the audit log names every change the directory made by it.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Upper-case hex SHA-256 of the token.</summary>
    [AuditRedacted]
    public string TokenHash { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }
    public string? CreatedByUserId { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public string? RevokedByUserId { get; private set; }

    /// <summary>Last time the directory used it, to the minute: updated outside the audit log, which it would flood.</summary>
    public DateTime? LastUsedAtUtc { get; private set; }

    public bool Revoked => RevokedAtUtc is not null;

    /// <summary>A new token and its secret, which is shown to HR once and never stored.</summary>
    public static (ProvisioningToken Token, string Secret) Issue(string name, string byUserId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Length > NameMaxLength)
        {
            throw new DomainRuleException($"A token's name is at most {NameMaxLength} characters.");
        }

        var secret = Prefix + SecretToken.New(32);
        return (new ProvisioningToken { Name = name, TokenHash = HashOf(secret), CreatedAtUtc = nowUtc, CreatedByUserId = byUserId }, secret);
    }

    public static string HashOf(string secret) => SecretToken.HashOf(secret);

    /// <summary>Whether <paramref name="secret"/> is this token, compared in constant time.</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(TokenHash), Encoding.ASCII.GetBytes(HashOf(secret)));

    public void Revoke(string byUserId, DateTime nowUtc)
    {
        if (Revoked)
        {
            throw new DomainRuleException($"The token \"{Name}\" was revoked already.");
        }

        RevokedAtUtc = nowUtc;
        RevokedByUserId = byUserId;
    }
}
