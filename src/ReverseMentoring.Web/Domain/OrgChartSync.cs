using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Domain;

/// <summary>
/// Keeps enrolments in step with the org chart: where the chart has a person, their department, job level and manager
/// come from it, not from what they typed. Every writer of the chart (CSV upload, single sign-on, SCIM) calls
/// <see cref="ApplyToEnrolmentsAsync"/> after changing entries.
/// </summary>
public static class OrgChartSync
{
    /// <summary>A person's place as an enrolment holds it; the manager's e-mail as the chart spells it.</summary>
    public sealed record Placement(string Department, string JobLevel, string? ManagerEmail);

    /// <summary>The chart's placement of each of <paramref name="emails"/> it holds, keyed by normalized e-mail.</summary>
    public static async Task<IReadOnlyDictionary<string, Placement>> PlacementsAsync(
        AppDbContext db, IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(emails);
        var wanted = emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(OrgChartEntry.Normalize).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, Placement>();
        }

        var entries = await db.OrgChart.AsNoTracking()
            .Where(o => wanted.Contains(o.NormalizedEmail))
            .Select(o => new { o.NormalizedEmail, o.Department, o.JobLevel, o.ManagerEmail })
            .ToListAsync(cancellationToken);
        var managers = entries.Where(o => o.ManagerEmail is not null).Select(o => o.ManagerEmail!).Distinct().ToList();
        var spelled = await db.OrgChart.AsNoTracking()
            .Where(o => managers.Contains(o.NormalizedEmail))
            .ToDictionaryAsync(o => o.NormalizedEmail, o => o.Email, cancellationToken);
        return entries.ToDictionary(
            o => o.NormalizedEmail,
            o => new Placement(o.Department, o.JobLevel,
                o.ManagerEmail is null ? null : spelled.GetValueOrDefault(o.ManagerEmail) ?? o.ManagerEmail.ToLowerInvariant()),
            StringComparer.Ordinal);
    }

    /// <summary>Copies the placement onto the enrolment; true when anything changed.</summary>
    public static bool Apply(Enrolment enrolment, Placement placement)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        ArgumentNullException.ThrowIfNull(placement);
        if (enrolment.Department == placement.Department && enrolment.JobLevel == placement.JobLevel
            && string.Equals(enrolment.ManagerEmail, placement.ManagerEmail, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        enrolment.Department = placement.Department;
        enrolment.JobLevel = placement.JobLevel;
        enrolment.ManagerEmail = placement.ManagerEmail;
        return true;
    }

    /// <summary>
    /// Brings the enrolments still in a program (pending or approved) of the people with these normalized e-mails in step
    /// with the chart; the caller saves. Returns how many enrolments changed.
    /// </summary>
    public static async Task<int> ApplyToEnrolmentsAsync(
        AppDbContext db, IReadOnlyCollection<string> normalizedEmails, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(normalizedEmails);
        var changed = 0;

        // In slices, so that a chart of thousands stays within the database's limit on query parameters.
        foreach (var slice in normalizedEmails.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var placements = await PlacementsAsync(db, slice, cancellationToken);
            var keys = placements.Keys.ToList();
            var enrolments = await db.Enrolments
                .Where(e => (e.Status == EnrolmentStatus.Pending || e.Status == EnrolmentStatus.Approved) && keys.Contains(e.User!.NormalizedEmail!))
                .Select(e => new { Enrolment = e, e.User!.NormalizedEmail })
                .ToListAsync(cancellationToken);
            foreach (var row in enrolments)
            {
                if (Apply(row.Enrolment, placements[row.NormalizedEmail!]))
                {
                    row.Enrolment.UpdatedAtUtc = nowUtc;
                    changed++;
                }
            }
        }

        return changed;
    }
}
