using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Resources;

/// <summary>The resources HR asks a person to go through before their first session, and which of them are still to do.</summary>
public static class RequiredTraining
{
    public sealed record Item(int ResourceId, string Title);

    /// <summary>One program's required resources the person has not marked done yet.</summary>
    public sealed record ProgramLeft(int ProgramId, string ProgramName, IReadOnlyList<Item> Resources);

    /// <summary>
    /// Per program the person is in (an enrolment giving access to its resources, the program not closed or archived), the
    /// required resources for their side that they have not marked done; programs with nothing left are left out.
    /// </summary>
    public static async Task<IReadOnlyList<ProgramLeft>> RequiredLeftForAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enrolments = await db.Enrolments.AsNoTracking()
            .Where(e => e.UserId == userId
                && (e.Status == EnrolmentStatus.Approved || (e.Status == EnrolmentStatus.Pending && e.DecisionReason == null))
                && e.Program!.Status != ProgramStatus.Closed && e.Program.ArchivedAtUtc == null)
            .Select(e => new { e.ProgramId, e.Role, ProgramName = e.Program!.Name })
            .ToListAsync(ct);
        if (enrolments.Count == 0)
        {
            return [];
        }

        var programIds = enrolments.Select(e => e.ProgramId).Distinct().ToList();
        var required = await db.Resources.AsNoTracking()
            .Where(r => programIds.Contains(r.ProgramId) && r.RequiredBeforeFirstSession)
            .Where(r => !db.ResourceCompletions.Any(d => d.ResourceId == r.Id && d.UserId == userId))
            .OrderBy(r => r.Title).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.ProgramId, r.Title, r.Audience })
            .ToListAsync(ct);

        return enrolments
            .GroupBy(e => e.ProgramId)
            .Select(g =>
            {
                // Someone both mentor and mentee in one program sees both sides' material.
                var audiences = g.SelectMany(e => ResourceAudiences.VisibleTo(e.Role)).ToHashSet();
                var left = required.Where(r => r.ProgramId == g.Key && audiences.Contains(r.Audience)).Select(r => new Item(r.Id, r.Title)).ToList();
                return new ProgramLeft(g.Key, g.First().ProgramName, left);
            })
            .Where(p => p.Resources.Count > 0)
            .OrderBy(p => p.ProgramName, StringComparer.Ordinal).ThenBy(p => p.ProgramId)
            .ToList();
    }
}
