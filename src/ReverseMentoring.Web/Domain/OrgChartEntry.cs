namespace ReverseMentoring.Web.Domain;

/// <summary>Where a person's place in the organisation came from; anything but a CSV upload is read-only in the app.</summary>
public enum OrgSource
{
    /// <summary>HR uploaded the org chart as a CSV file.</summary>
    Csv = 1,

    /// <summary>The company's identity provider sent it as claims when the person signed in.</summary>
    SingleSignOn = 2,

    /// <summary>The company's directory provisioned it through SCIM.</summary>
    Scim = 3,
}

/// <summary>
/// One person's place in the organisation: department, job level and manager, keyed by work e-mail so that the chart can
/// hold people who have not signed up yet. Where an entry exists it, not what the person typed at enrolment, is what the
/// pairing's reporting-line rule and the dashboard's filters use.
/// </summary>
public sealed class OrgChartEntry : IAudited
{
    public const int EmailMaxLength = 256;
    public const int TextMaxLength = 100;

    public int Id { get; set; }

    /// <summary>The e-mail as given; matching uses <see cref="NormalizedEmail"/>.</summary>
    public string Email { get; private set; } = "";

    /// <summary>Upper-cased invariant e-mail, unique: the same rule as Identity's NormalizedEmail.</summary>
    public string NormalizedEmail { get; private set; } = "";

    public string Department { get; private set; } = "";
    public string JobLevel { get; private set; } = "";

    /// <summary>The manager's normalized e-mail, or null at the top of the chart.</summary>
    public string? ManagerEmail { get; private set; }

    public string? EmployeeNumber { get; private set; }
    public OrgSource Source { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public static OrgChartEntry For(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return new OrgChartEntry { Email = email.Trim(), NormalizedEmail = Normalize(email) };
    }

    /// <summary>Sets the person's place from <paramref name="source"/>; true when anything changed.</summary>
    public bool Place(OrgSource source, string department, string jobLevel, string? managerEmail, string? employeeNumber, DateTime nowUtc)
    {
        var manager = string.IsNullOrWhiteSpace(managerEmail) ? null : Normalize(managerEmail);
        if (manager == NormalizedEmail)
        {
            throw new DomainRuleException($"{Email} cannot be their own manager.");
        }

        department = department.Trim();
        jobLevel = jobLevel.Trim();
        employeeNumber = string.IsNullOrWhiteSpace(employeeNumber) ? null : employeeNumber.Trim();
        if (department.Length > TextMaxLength || jobLevel.Length > TextMaxLength || employeeNumber?.Length > TextMaxLength)
        {
            throw new DomainRuleException($"Department, job level and employee number are at most {TextMaxLength} characters.");
        }

        if (Source == source && Department == department && JobLevel == jobLevel && ManagerEmail == manager
            && EmployeeNumber == employeeNumber)
        {
            return false;
        }

        Source = source;
        Department = department;
        JobLevel = jobLevel;
        ManagerEmail = manager;
        EmployeeNumber = employeeNumber;
        UpdatedAtUtc = nowUtc;
        return true;
    }
}
