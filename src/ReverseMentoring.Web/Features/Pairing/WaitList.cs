using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Pairing;

/// <summary>
/// Who waits for a partner, in the order they come first: approved people with no live pair, those left unmatched in
/// more published rounds first, then by when they enrolled. Mentors and mentees are numbered apart, since each waits
/// for the other side. The engine's waiting bonus uses the same rounds.
/// </summary>
public static class WaitList
{
    public sealed record Waiting(int EnrolmentId, string Name, ParticipantRole Role, int RoundsWaited, DateTime EnrolledAtUtc, int Position);

    /// <summary>For each enrolment, how many published runs of the program left it unmatched.</summary>
    public static async Task<Dictionary<int, int>> RoundsWaitedAsync(AppDbContext db, int programId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var runs = await db.PairingRuns.AsNoTracking()
            .Where(r => r.ProgramId == programId && r.PublishedAtUtc != null)
            .Select(r => r.Result)
            .ToListAsync(cancellationToken);
        var rounds = new Dictionary<int, int>();
        foreach (var json in runs)
        {
            foreach (var left in StoredRun.FromJson(json).Unmatched)
            {
                rounds[left.Id] = rounds.GetValueOrDefault(left.Id) + 1;
            }
        }

        return rounds;
    }

    public static async Task<IReadOnlyList<Waiting>> LoadAsync(AppDbContext db, int programId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rounds = await RoundsWaitedAsync(db, programId, cancellationToken);
        var paired = db.Pairs.Where(p => p.ProgramId == programId && (p.Status == PairStatus.Proposed || p.Status == PairStatus.Accepted));
        var people = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgramId == programId && e.Status == EnrolmentStatus.Approved)
            .Where(e => !paired.Any(p => p.MentorEnrolmentId == e.Id || p.MenteeEnrolmentId == e.Id))
            .Select(e => new { e.Id, e.User!.DisplayName, e.Role, e.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        return people
            .GroupBy(p => p.Role)
            .SelectMany(side => side
                .OrderByDescending(p => rounds.GetValueOrDefault(p.Id)).ThenBy(p => p.CreatedAtUtc).ThenBy(p => p.Id)
                .Select((p, i) => new Waiting(p.Id, p.DisplayName, p.Role, rounds.GetValueOrDefault(p.Id), p.CreatedAtUtc, i + 1)))
            .OrderBy(w => w.Role).ThenBy(w => w.Position)
            .ToList();
    }
}
