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

        // One read: each enrolment beside its program's required resources not done yet (a program with none drops out,
        // as it would be left out anyway).
        var rows = await db.Enrolments.AsNoTracking()
            .Where(e => e.UserId == userId
                && (e.Status == EnrolmentStatus.Approved || (e.Status == EnrolmentStatus.Pending && e.DecisionReason == null))
                && e.Program!.Status != ProgramStatus.Closed && e.Program.ArchivedAtUtc == null)
            .SelectMany(
                e => db.Resources.Where(r => r.ProgramId == e.ProgramId && r.RequiredBeforeFirstSession
                    && !db.ResourceCompletions.Any(d => d.ResourceId == r.Id && d.UserId == userId)),
                (e, r) => new { e.ProgramId, e.Role, ProgramName = e.Program!.Name, r.Id, r.Title, r.Audience })
            .OrderBy(r => r.Title).ThenBy(r => r.Id)
            .ToListAsync(ct);

        return rows
            .GroupBy(e => e.ProgramId)
            .Select(g =>
            {
                // Someone both mentor and mentee in one program sees both sides' material.
                var audiences = g.SelectMany(e => ResourceAudiences.VisibleTo(e.Role)).ToHashSet();
                var left = g.Where(r => audiences.Contains(r.Audience))
                    .DistinctBy(r => r.Id)
                    .Select(r => new Item(r.Id, r.Title)).ToList();
                return new ProgramLeft(g.Key, g.First().ProgramName, left);
            })
            .Where(p => p.Resources.Count > 0)
            .OrderBy(p => p.ProgramName, StringComparer.Ordinal).ThenBy(p => p.ProgramId)
            .ToList();
    }
}
