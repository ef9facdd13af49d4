using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Skills;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class TalentModel(IMediator mediator) : PageModel
{
    public Talent.Result List { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] string? sort, CancellationToken cancellationToken) =>
        List = await mediator.Send(new Talent.Query(page ?? 1, sort), cancellationToken);
}

/// <summary>
/// HR's view of the juniors their mentees rated at the end of their pairs, across pairs and programs: the average of the
/// four traits, how many ratings and programs it rests on, and links to their pairs. HR only; leadership sees totals.
/// </summary>
public static class Talent
{
    public const int PageSize = 25;

    public const string ByAverage = "average";
    public const string ByRatings = "ratings";
    public const string ByName = "name";

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Page = 1, string? Sort = null) : IQuery<Result>;

    public sealed record PairLink(int ProgramId, int PairId, string ProgramName, string MenteeName);

    public sealed record Row(string UserId, string Name, double Average, int Ratings, int Programs, IReadOnlyList<PairLink> Pairs);

    public sealed record Result(IReadOnlyList<Row> Rows, string Sort, int Page, int PageCount, int Total);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var sort = query.Sort is ByRatings or ByName ? query.Sort : ByAverage;
            var ratings = await db.LeadershipTraitRatings.AsNoTracking()
                .Join(db.Enrolments, r => r.MentorEnrolmentId, e => e.Id, (r, e) => new { Rating = r, e.UserId, Name = e.User!.DisplayName })
                .Select(x => new
                {
                    x.UserId,
                    x.Name,
                    x.Rating.ProgramId,
                    x.Rating.PairId,
                    x.Rating.Coaching,
                    x.Rating.Clarity,
                    x.Rating.Patience,
                    x.Rating.Initiative,
                    ProgramName = db.Programs.Where(p => p.Id == x.Rating.ProgramId).Select(p => p.Name).Single(),
                    MenteeName = db.Enrolments.Where(e => e.Id == x.Rating.MenteeEnrolmentId).Select(e => e.User!.DisplayName).Single(),
                })
                .ToListAsync(cancellationToken);

            // Each rating counts once, as the average of the traits given in it; a rating with none given does not count.
            var rows = ratings
                .Select(r => (r, Average: new[] { r.Coaching, r.Clarity, r.Patience, r.Initiative }.OfType<int>().Select(v => (double)v).DefaultIfEmpty(double.NaN).Average()))
                .Where(x => !double.IsNaN(x.Average))
                .GroupBy(x => x.r.UserId)
                .Select(g => new Row(
                    g.Key,
                    g.First().r.Name,
                    g.Average(x => x.Average),
                    g.Count(),
                    g.Select(x => x.r.ProgramId).Distinct().Count(),
                    [.. g.OrderBy(x => x.r.ProgramName, StringComparer.OrdinalIgnoreCase).Select(x => new PairLink(x.r.ProgramId, x.r.PairId, x.r.ProgramName, x.r.MenteeName))]))
                .ToList();
            IOrderedEnumerable<Row> ordered = sort switch
            {
                ByRatings => rows.OrderByDescending(r => r.Ratings).ThenByDescending(r => r.Average),
                ByName => rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
                _ => rows.OrderByDescending(r => r.Average).ThenByDescending(r => r.Ratings),
            };
            var sorted = ordered.ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.UserId, StringComparer.Ordinal).ToList();
            var (page, pageCount) = Paging.Clamp(query.Page, sorted.Count, PageSize);
            return new Result(sorted.Page(page, PageSize).ToList(), sort, page, pageCount, sorted.Count);
        }
    }
}
