using System.Text.RegularExpressions;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// The action the current request performs, for the audit log: every record it changes is logged under one key and
/// one name in words, so HR reads "Approve enrolment" with its changes rather than rows per table.
/// </summary>
public sealed partial class AuditAction
{
    public string Key { get; } = Guid.NewGuid().ToString("N");

    public string Name { get; private set; } = "";

    /// <summary>Names the action after the request, once: a request sent from inside another keeps the outer name.</summary>
    public void NameAfter(Type requestType)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        if (Name.Length == 0)
        {
            Name = Words((requestType.DeclaringType ?? requestType).Name);
        }
    }

    /// <summary>"ApproveEnrolment" reads "Approve enrolment".</summary>
    public static string Words(string pascalCase)
    {
        ArgumentNullException.ThrowIfNull(pascalCase);
        var words = Boundary().Split(pascalCase).Where(w => w.Length > 0).ToList();
        return string.Join(" ", words.Select((w, i) => i == 0 ? w : w.ToLowerInvariant()));
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex Boundary();
}
