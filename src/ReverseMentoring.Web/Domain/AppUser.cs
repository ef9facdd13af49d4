using Microsoft.AspNetCore.Identity;

namespace ReverseMentoring.Web.Domain;

public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>IANA time zone id; times are stored in UTC and shown in this zone.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Set when HR erased the person: their personal data is replaced and they can no longer sign in.</summary>
    public DateTime? ErasedAtUtc { get; set; }
}
