using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// Skills moved (the senior's self-ratings of the skills in play) and growth (the junior's self-ratings of the program's
/// growth areas), before, half way and at the end; and the seniors' ratings of their mentors (future leaders).
/// </summary>
public static partial class UptakeDashboard
{
    /// <summary>
    /// One skill or growth area: the average start rating of the people behind it (<see cref="People"/>), and the average
    /// half-way and end ratings of those of them who gave one (<see cref="MidPeople"/>, <see cref="EndPeople"/>).
    /// </summary>
    public sealed record SkillMove(string Skill, Count People, Measure Before, Measure After)
    {
        public Measure Mid { get; init; } = new(null, false, "0.00");
        public Count MidPeople { get; init; }
        public Count EndPeople { get; init; }
    }

    /// <summary>Averages of one of the four traits and how many ratings gave 1, 2, 3, 4 and 5.</summary>
    public sealed record TraitFigure(string Trait, Measure Average, Count People, IReadOnlyList<Count> Distribution);

    public sealed record TraitFigures(Count Mentors, IReadOnlyList<TraitFigure> Traits);

    /// <summary>A self-rating of a skill or a growth area at one stage, in the shape both are measured in.</summary>
    internal sealed class StageRating
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public int PairId { get; init; }
        public int EnrolmentId { get; init; }
        public int ItemId { get; init; }
        public SkillRatingStage Stage { get; init; }
        public int Level { get; init; }
        public DateTime RatedAtUtc { get; init; }
    }

    internal sealed record StageAverages(string Name, double Before, int People, double? Mid, int MidPeople, double? After, int EndPeople)
    {
        /// <summary>A month of the period holds only 1 to 4 of the half-way (<see cref="SmallMidMonth"/>) or end ratings.</summary>
        public bool SmallMidMonth { get; init; }

        public bool SmallEndMonth { get; init; }
    }

    private static IQueryable<StageRating> SkillStageRatings(AppDbContext db) =>
        db.SkillRatings.AsNoTracking().Select(r => new StageRating
        {
            Id = r.Id, Name = r.Skill!.Name, PairId = r.PairId, EnrolmentId = r.EnrolmentId, ItemId = r.SkillId, Stage = r.Stage, Level = r.Level, RatedAtUtc = r.RatedAtUtc,
        });

    private static IQueryable<StageRating> GrowthStageRatings(AppDbContext db) =>
        db.GrowthRatings.AsNoTracking().Select(r => new StageRating
        {
            Id = r.Id, Name = r.GrowthArea!.Name, PairId = r.PairId, EnrolmentId = r.EnrolmentId, ItemId = r.GrowthAreaId, Stage = r.Stage, Level = r.Level, RatedAtUtc = r.RatedAtUtc,
        });

    internal static Task<List<StageAverages>> SkillsMovedAsync(AppDbContext db, Query query, Scope scope, Period period, CancellationToken cancellationToken) =>
        MovedAsync(db, SkillStageRatings(db), query, scope, period, cancellationToken);

    internal static Task<List<StageAverages>> GrowthAsync(AppDbContext db, Query query, Scope scope, Period period, CancellationToken cancellationToken) =>
        MovedAsync(db, GrowthStageRatings(db), query, scope, period, cancellationToken);

    /// <summary>
    /// Per skill (or growth area), over the people who rated it at the start of a pair and again, half way or at the end,
    /// within the period: their average start rating, and the average half-way and end ratings given in the period.
    /// </summary>
    private static async Task<List<StageAverages>> MovedAsync(
        AppDbContext db, IQueryable<StageRating> all, Query query, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var pairs = db.Pairs.AsNoTracking().AsQueryable();
        if (query.ProgramId is { } program)
        {
            pairs = pairs.Where(p => p.ProgramId == program);
        }

        var pairIds = pairs.Select(p => p.Id);
        var starts = all.Where(r => r.Stage == SkillRatingStage.Start && pairIds.Contains(r.PairId));
        if (scope.ByPerson)
        {
            var ids = scope.People.Select(e => e.Id);
            starts = starts.Where(r => ids.Contains(r.EnrolmentId));
        }

        var later =
            from before in starts
            join after in all on new { before.PairId, before.EnrolmentId, before.ItemId } equals new { after.PairId, after.EnrolmentId, after.ItemId }
            where after.Stage != SkillRatingStage.Start && after.RatedAtUtc >= start && after.RatedAtUtc < end
            select after;
        var befores = await starts
            .Where(b => later.Any(a => a.PairId == b.PairId && a.EnrolmentId == b.EnrolmentId && a.ItemId == b.ItemId))
            .GroupBy(b => b.Name)
            .Select(g => new { Name = g.Key, Average = g.Average(x => (double)x.Level), People = g.Select(x => x.EnrolmentId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var afters = await later
            .GroupBy(a => new { a.Name, a.Stage })
            .Select(g => new { g.Key.Name, g.Key.Stage, Average = g.Average(x => (double)x.Level), People = g.Select(x => x.EnrolmentId).Distinct().Count() })
            .ToListAsync(cancellationToken);

        // Items and stages with a month of the period that holds only 1 to 4 of their ratings (see Measure.SmallMonth); the
        // start ratings counted follow the later ones, so they share their flags.
        var smallMonth = (await later
                .GroupBy(a => new { a.Name, a.Stage, a.RatedAtUtc.Year, a.RatedAtUtc.Month })
                .Select(g => new { g.Key.Name, g.Key.Stage, Ratings = g.Count() })
                .ToListAsync(cancellationToken))
            .Where(g => g.Ratings < PeopleCount.SmallestShown).Select(g => (g.Name, g.Stage)).ToHashSet();
        return befores.Select(b =>
        {
            var mid = afters.SingleOrDefault(a => a.Name == b.Name && a.Stage == SkillRatingStage.Mid);
            var after = afters.SingleOrDefault(a => a.Name == b.Name && a.Stage == SkillRatingStage.End);
            return new StageAverages(b.Name, b.Average, b.People, mid?.Average, mid?.People ?? 0, after?.Average, after?.People ?? 0)
            {
                SmallMidMonth = smallMonth.Contains((b.Name, SkillRatingStage.Mid)),
                SmallEndMonth = smallMonth.Contains((b.Name, SkillRatingStage.End)),
            };
        }).ToList();
    }

    /// <summary>
    /// A half-way or end self-rating given in a period, with the start rating of the same pair, person and item it is
    /// compared with and the program of the pair: what <see cref="MovedAsync"/> joins, for every program at once.
    /// </summary>
    internal sealed record LaterRating(
        int StartId, int ProgramId, int PairId, int EnrolmentId, string Name, int StartLevel, SkillRatingStage Stage, int Level, DateTime RatedAtUtc);

    /// <summary>The later ratings of a period, unfiltered: read once per period and shared by every scope that asks.</summary>
    internal static Task<List<LaterRating>> LaterRatingsAsync(AppDbContext db, bool growth, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var all = growth ? GrowthStageRatings(db) : SkillStageRatings(db);
        return (
                from before in all
                join pair in db.Pairs on before.PairId equals pair.Id
                join after in all on new { before.PairId, before.EnrolmentId, before.ItemId } equals new { after.PairId, after.EnrolmentId, after.ItemId }
                where before.Stage == SkillRatingStage.Start && after.Stage != SkillRatingStage.Start && after.RatedAtUtc >= start && after.RatedAtUtc < end
                select new LaterRating(before.Id, pair.ProgramId, before.PairId, before.EnrolmentId, before.Name, before.Level, after.Stage, after.Level, after.RatedAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The figures of <see cref="MovedAsync"/> for one scope, from the period's later ratings in memory: a filtered
    /// dashboard (and the wider groups leadership's view is checked against) asks them of several scopes at once, and
    /// each query of the rows cost 30-150 ms on a large volume.
    /// </summary>
    internal static List<StageAverages> MovedIn(IReadOnlyList<LaterRating> ratings, FactScope scope)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(scope);
        var later = ratings.Where(r => (scope.ProgramId is null || r.ProgramId == scope.ProgramId) && (!scope.ByPerson || scope.HasPerson(r.EnrolmentId))).ToList();
        var befores = later
            .DistinctBy(r => r.StartId)
            .GroupBy(r => r.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Average: g.Average(r => (double)r.StartLevel), People: g.Select(r => r.EnrolmentId).Distinct().Count()))
            .ToList();
        var afters = later
            .GroupBy(r => (r.Name, r.Stage))
            .ToDictionary(g => g.Key, g => (Average: g.Average(r => (double)r.Level), People: g.Select(r => r.EnrolmentId).Distinct().Count()));
        var smallMonth = later
            .GroupBy(r => (r.Name, r.Stage, r.RatedAtUtc.Year, r.RatedAtUtc.Month))
            .Where(g => g.Count() < PeopleCount.SmallestShown)
            .Select(g => (g.Key.Name, g.Key.Stage))
            .ToHashSet();
        return befores.Select(b =>
        {
            var hasMid = afters.TryGetValue((b.Name, SkillRatingStage.Mid), out var mid);
            var hasEnd = afters.TryGetValue((b.Name, SkillRatingStage.End), out var after);
            return new StageAverages(
                b.Name, b.Average, b.People, hasMid ? mid.Average : null, hasMid ? mid.People : 0, hasEnd ? after.Average : null, hasEnd ? after.People : 0)
            {
                SmallMidMonth = smallMonth.Contains((b.Name, SkillRatingStage.Mid)),
                SmallEndMonth = smallMonth.Contains((b.Name, SkillRatingStage.End)),
            };
        }).ToList();
    }

    /// <summary>The seniors' ratings of their mentors given in the period, per trait: average, people and distribution.</summary>
    internal static async Task<TraitFigures> TraitsAsync(AppDbContext db, Query query, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var ratings = db.LeadershipTraitRatings.AsNoTracking().Where(r => r.RatedAtUtc >= start && r.RatedAtUtc < end);
        if (query.ProgramId is { } program)
        {
            ratings = ratings.Where(r => r.ProgramId == program);
        }

        if (scope.ByPerson)
        {
            var ids = scope.People.Select(e => e.Id);
            ratings = ratings.Where(r => ids.Contains(r.MentorEnrolmentId));
        }

        var rows = await ratings.Select(r => new { r.MentorEnrolmentId, r.Coaching, r.Clarity, r.Patience, r.Initiative }).ToListAsync(cancellationToken);
        TraitFigure Trait(string name, Func<int?[], int?> pick)
        {
            var given = rows.Select(r => (r.MentorEnrolmentId, Level: pick([r.Coaching, r.Clarity, r.Patience, r.Initiative]))).Where(x => x.Level is not null).ToList();
            var people = given.Select(x => x.MentorEnrolmentId).Distinct().Count();
            var average = given.Count == 0 ? (double?)null : given.Average(x => x.Level!.Value);
            return new TraitFigure(
                name,
                new Measure(average, false, "0.00") { Basis = given.Count },
                Count.Of(people, exact: true),
                [.. Enumerable.Range(1, 5).Select(level => Count.Of(given.Count(x => x.Level == level), exact: true))]);
        }

        return new TraitFigures(
            Count.Of(rows.Select(r => r.MentorEnrolmentId).Distinct().Count(), exact: true),
            [Trait("Coaching", t => t[0]), Trait("Clarity", t => t[1]), Trait("Patience", t => t[2]), Trait("Initiative", t => t[3])]);
    }
}
