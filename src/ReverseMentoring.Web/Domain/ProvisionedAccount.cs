namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A person as the company's directory provisioned them through SCIM: the SCIM resource over their account. The
/// directory deactivates people rather than the app deleting them, so that their history stays; a resource the directory
/// deleted is hidden (not found) but its account and history are kept.
/// </summary>
public sealed class ProvisionedAccount : IAudited
{
    public const int TextMaxLength = 100;
    public const int ExternalIdMaxLength = 256;

    /// <summary>Why the directory's deactivation withdrew an enrolment, as the person's enrolment history shows it.</summary>
    public const string WithdrawReason = "Deactivated by the company directory";

    /// <summary>The SCIM id, given by the app: a GUID, so it tells nothing about how many people there are.</summary>
    public string Id { get; private set; } = "";

    public string UserId { get; private set; } = "";
    public AppUser? User { get; set; }

    /// <summary>The directory's own id for the person (Entra's object id, Okta's user id).</summary>
    public string? ExternalId { get; private set; }

    /// <summary>name.givenName and name.familyName, kept so that the directory reads back what it sent.</summary>
    [AuditRedacted]
    public string? GivenName { get; private set; }

    [AuditRedacted]
    public string? FamilyName { get; private set; }

    public bool Active { get; private set; } = true;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime LastModifiedAtUtc { get; private set; }

    /// <summary>When the directory deleted the resource; it is not found from then on.</summary>
    public DateTime? DeletedAtUtc { get; private set; }

    /// <summary>Grows with every change: the resource's ETag, and the concurrency token of its row.</summary>
    public int Version { get; private set; } = 1;

    public bool Deleted => DeletedAtUtc is not null;

    public static ProvisionedAccount For(AppUser user, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ProvisionedAccount
        {
            Id = Guid.NewGuid().ToString("D"),
            UserId = user.Id,
            User = user,
            CreatedAtUtc = nowUtc,
            LastModifiedAtUtc = nowUtc,
        };
    }

    /// <summary>The directory sent the person's names and its own id; true when anything changed.</summary>
    public bool Describe(string? externalId, string? givenName, string? familyName)
    {
        externalId = Blank(externalId);
        givenName = Blank(givenName);
        familyName = Blank(familyName);
        if (externalId?.Length > ExternalIdMaxLength || givenName?.Length > TextMaxLength || familyName?.Length > TextMaxLength)
        {
            throw new DomainRuleException($"externalId is at most {ExternalIdMaxLength} characters, and each name at most {TextMaxLength}.");
        }

        if (ExternalId == externalId && GivenName == givenName && FamilyName == familyName)
        {
            return false;
        }

        ExternalId = externalId;
        GivenName = givenName;
        FamilyName = familyName;
        return true;
    }

    /// <summary>
    /// The directory turned the person off: their sessions end at once (a new security stamp, checked on every request),
    /// they cannot sign in (locked out for good), and their open enrolments are withdrawn, history kept. Returns false
    /// when they were inactive already.
    /// </summary>
    public bool Deactivate(AppUser user, IEnumerable<Enrolment> enrolments, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(enrolments);
        if (user.Id != UserId)
        {
            throw new InvalidOperationException("The account is not this resource's.");
        }

        if (!Active)
        {
            return false;
        }

        Active = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        foreach (var enrolment in enrolments.Where(e => e.UserId == UserId && e.Status is EnrolmentStatus.Pending or EnrolmentStatus.Approved))
        {
            enrolment.Withdraw(UserId, WithdrawReason, nowUtc);
        }

        return true;
    }

    /// <summary>The directory turned the person on again: they may sign in. Returns false when they were active already.</summary>
    public bool Reactivate(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Active)
        {
            return false;
        }

        if (user.ErasedAtUtc is not null)
        {
            throw new DomainRuleException("This person's data was erased; their account cannot be used again.");
        }

        Active = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        return true;
    }

    /// <summary>The directory deleted the resource: hidden from then on, the account (deactivated) and its history kept.</summary>
    public void Delete(DateTime nowUtc)
    {
        if (Active)
        {
            throw new InvalidOperationException("Deactivate the person before deleting their resource.");
        }

        DeletedAtUtc ??= nowUtc;
        Changed(nowUtc);
    }

    /// <summary>The directory provisions a person again after deleting their resource: found again, under the same id.</summary>
    public void Restore(DateTime nowUtc)
    {
        DeletedAtUtc = null;
        Changed(nowUtc);
    }

    /// <summary>Records that the resource changed: a new version (ETag) and lastModified.</summary>
    public void Changed(DateTime nowUtc)
    {
        LastModifiedAtUtc = nowUtc;
        Version++;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
