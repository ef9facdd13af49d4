using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ProgramKnowledgeSessionsModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int ProgramId { get; set; }

    public ProgramKnowledgeSessions.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ProgramKnowledgeSessions.Query(ProgramId), cancellationToken);
}

/// <summary>HR's view of a program's knowledge sessions: each with its host, seats, wait list, attendance and average rating.</summary>
public static class ProgramKnowledgeSessions
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Row(int Id, string Title, string HostName, string When, KnowledgeSessionStatus Status, int Capacity, int Booked, int WaitListed,
        int Attended, int Ratings, double? AverageRating);

    public sealed record Result(int ProgramId, string ProgramName, IReadOnlyList<Row> Sessions);

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
            var zone = await KnowledgeRules.ZoneAsync(db, current.RequireId(), cancellationToken);
            var sessions = await db.KnowledgeSessions.AsNoTracking().Include(k => k.Host).Include(k => k.Seats).AsSplitQuery()
                .Where(k => k.ProgramId == program.Id)
                .OrderByDescending(k => k.StartsAtUtc)
                .ToListAsync(cancellationToken);
            var rows = sessions.Select(k =>
            {
                var ratings = k.Seats.Where(s => s.Rating is not null).Select(s => s.Rating!.Value).ToList();
                return new Row(k.Id, k.Title, k.Host?.DisplayName ?? "", KnowledgeRules.When(k, zone), k.Status, k.Capacity, k.BookedCount,
                    k.Seats.Count(s => s.State == KnowledgeSeatState.WaitListed),
                    k.Seats.Count(s => s.State == KnowledgeSeatState.Booked && s.Attended),
                    ratings.Count, ratings.Count == 0 ? null : Math.Round(ratings.Average(), 1));
            }).ToList();
            return new Result(program.Id, program.Name, rows);
        }
    }
}
