using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Goals;

/// <summary>A pair's goals as both sides read them, for the goals page and the participant's home.</summary>
public static class PairGoals
{
    /// <param name="Topic">The program topic the goal is about, if any.</param>
    /// <param name="ProgressCount">In how many sessions either side recorded that it moved forward.</param>
    public sealed record Goal(
        int Id, ParticipantRole OwnerSide, string OwnerUserId, string Title, int? TopicId, string? Topic, GoalStatus Status, string Notes, int ProgressCount, Guid Version);

    public static string StatusName(GoalStatus status) => status switch
    {
        GoalStatus.NotStarted => "Not started",
        GoalStatus.InProgress => "In progress",
        GoalStatus.Achieved => "Achieved",
        _ => "Dropped",
    };

    /// <summary>
    /// The pair's goals in their owners' words, the mentee's first then the mentor's, oldest first. No access check: the
    /// caller has already found the pair among the person's own.
    /// </summary>
    public static async Task<IReadOnlyList<Goal>> ForPairAsync(AppDbContext db, int pairId, CancellationToken ct) =>
        (await ForPairsAsync(db, [pairId], ct)).GetValueOrDefault(pairId) ?? [];

    /// <summary>The goals of each of these pairs, in one query, in the order of <see cref="ForPairAsync"/>; pairs without goals are left out.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<Goal>>> ForPairsAsync(AppDbContext db, IReadOnlyList<int> pairIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pairIds);
        if (pairIds.Count == 0)
        {
            return new Dictionary<int, IReadOnlyList<Goal>>();
        }

        var ids = pairIds.ToList();
        var goals = await db.PairGoals.AsNoTracking()
            .WhereIdIn(g => g.PairId, ids)
            .OrderBy(g => g.CreatedAtUtc).ThenBy(g => g.Id)
            .Select(g => new
            {
                g.PairId,
                Goal = new Goal(
                    g.Id,
                    g.OwnerSide,
                    g.OwnerUserId,
                    g.Title,
                    g.ProgramTopicId,
                    db.ProgramTopics.Where(t => t.Id == g.ProgramTopicId).Select(t => t.Title).FirstOrDefault(),
                    g.Status,
                    g.Notes,
                    db.ProgressOnGoals.Count(p => p.GoalId == g.Id),
                    g.Version),
            })
            .ToListAsync(ct);

        // The side is stored as text, so it is ordered here rather than by the database's collation.
        return goals.GroupBy(g => g.PairId).ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<Goal>)p.Select(g => g.Goal).OrderBy(g => g.OwnerSide == ParticipantRole.Mentee ? 0 : 1).ToList());
    }
}
