using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairs;

/// <summary>
/// The pair's two-way learning record as HR reads it: what the senior learned (skills at the start, half way and at the
/// end), what the junior gained (growth areas at the same stages), how the senior rated the junior at the end, and what
/// each side said they applied at work after it.
/// </summary>
public static class LearningRecord
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int PairId) : IQuery<Result>;

    public sealed record Line(string Name, int? Start, int? Mid, int? End);

    public sealed record Traits(int? Coaching, int? Clarity, int? Patience, int? Initiative, string? Comment, DateTime RatedAtUtc);

    public sealed record Result(
        string MentorName, string MenteeName, IReadOnlyList<Line> Learned, IReadOnlyList<Line> Gained, Traits? MentorRating,
        IReadOnlyList<AppliedAnswers.Answer> Applied);

    private static List<Line> Lines(IEnumerable<(int Id, string Name, int Sort, SkillRatingStage Stage, int Level)> ratings, bool byName)
    {
        var groups = ratings.GroupBy(r => (r.Id, r.Name, r.Sort));
        var ordered = byName ? groups.OrderBy(g => g.Key.Name, StringComparer.OrdinalIgnoreCase) : groups.OrderBy(g => g.Key.Sort);
        return ordered.Select(g => new Line(
                g.Key.Name,
                g.Where(r => r.Stage == SkillRatingStage.Start).Select(r => (int?)r.Level).FirstOrDefault(),
                g.Where(r => r.Stage == SkillRatingStage.Mid).Select(r => (int?)r.Level).FirstOrDefault(),
                g.Where(r => r.Stage == SkillRatingStage.End).Select(r => (int?)r.Level).FirstOrDefault()))
            .ToList();
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var pair = await db.Pairs.AsNoTracking().Where(p => p.Id == query.PairId && p.ProgramId == query.ProgramId)
                .Select(p => new { p.Id, p.MentorEnrolmentId, p.MenteeEnrolmentId, Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var skills = await db.SkillRatings.AsNoTracking().Where(r => r.PairId == pair.Id && r.EnrolmentId == pair.MenteeEnrolmentId)
                .Select(r => new { r.SkillId, r.Skill!.Name, r.Stage, r.Level }).ToListAsync(cancellationToken);
            var growth = await db.GrowthRatings.AsNoTracking().Where(r => r.PairId == pair.Id && r.EnrolmentId == pair.MentorEnrolmentId)
                .Select(r => new { r.GrowthAreaId, r.GrowthArea!.Name, r.GrowthArea.SortOrder, r.Stage, r.Level }).ToListAsync(cancellationToken);
            var traits = await db.LeadershipTraitRatings.AsNoTracking().Where(r => r.PairId == pair.Id)
                .Select(r => new Traits(r.Coaching, r.Clarity, r.Patience, r.Initiative, r.Comment, r.RatedAtUtc)).SingleOrDefaultAsync(cancellationToken);

            var learned = Lines(skills.Select(r => (r.SkillId, r.Name, 0, r.Stage, r.Level)), byName: true);
            var gained = Lines(growth.Select(r => (r.GrowthAreaId, r.Name, r.SortOrder, r.Stage, r.Level)), byName: false);
            var applied = await AppliedAnswers.ForPairAsync(db, pair.Id, cancellationToken);
            return new Result(pair.Mentor, pair.Mentee, learned, gained, traits, applied);
        }
    }
}
