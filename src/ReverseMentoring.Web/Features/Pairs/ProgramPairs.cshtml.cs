using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Pairs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ProgramPairsModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int ProgramId { get; set; }

    public ProgramPairs.Result Data { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery(Name = "flag")] ProgramPairs.Concern? flag, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ProgramPairs.Query(ProgramId, page ?? 1, flag), cancellationToken);
}

/// <summary>
/// HR's overview of a program's pairs: how often they meet, how they rate it, and the ones that need a word.
/// Statuses and counts only; notes stay with the pairs (see <see cref="ProgramPairDetails"/> for shared ones).
/// </summary>
public static class ProgramPairs
{
    public const int PageSize = 25;

    /// <summary>An average rating below this flags the pair.</summary>
    public const double LowRating = 3;

    public enum Concern
    {
        /// <summary>An accepted pair with no session ahead and none held for longer than the program's cadence.</summary>
        NoRecentSession = 0,

        /// <summary>Average feedback rating below <see cref="LowRating"/>.</summary>
        LowRating = 1,

        /// <summary>A "have you met yet?" check-in still unanswered.</summary>
        UnansweredHaveYouMet = 2,
    }

    public static string Describe(Concern flag) => flag switch
    {
        Concern.NoRecentSession => "No session for longer than the cadence",
        Concern.LowRating => "Average rating below 3",
        _ => "\"Have you met yet?\" unanswered",
    };

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page = 1, Concern? Flag = null) : IQuery<Result>;

    public sealed class Row
    {
        public int Id { get; init; }

        public string MentorName { get; init; } = "";

        public string MenteeName { get; init; } = "";

        public PairStatus Status { get; init; }

        public int Held { get; init; }

        public int Scheduled { get; init; }

        public int Missed { get; init; }

        public DateTime? LastSessionUtc { get; init; }

        public double? AverageRating { get; init; }

        public bool NoRecentSession { get; init; }

        public bool LowRating { get; init; }

        public bool UnansweredHaveYouMet { get; init; }
    }

    public sealed record Result(
        int ProgramId, string ProgramName, int SessionCadenceDays, string ViewerTimeZoneId, IReadOnlyList<Row> Pairs, int Page, int PageCount, int Total, Concern? Flag);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking()
                .Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name, p.SessionCadenceDays })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var me = current.RequireId();
            var zone = await db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
            var now = clock.GetUtcNow().UtcDateTime;
            var quietSince = now.AddDays(-program.SessionCadenceDays);

            var rows = db.Pairs.AsNoTracking()
                .Where(p => p.ProgramId == program.Id)
                .Select(p => new
                {
                    Pair = p,
                    LastHeld = db.Sessions.Where(s => s.PairId == p.Id && s.Status == SessionStatus.Held).Max(s => (DateTime?)s.StartsAtUtc),
                    Average = db.SessionFeedback.Where(f => f.PairId == p.Id).Average(f => (double?)f.Rating),
                })
                .Select(x => new Row
                {
                    Id = x.Pair.Id,
                    MentorName = x.Pair.MentorEnrolment!.User!.DisplayName,
                    MenteeName = x.Pair.MenteeEnrolment!.User!.DisplayName,
                    Status = x.Pair.Status,
                    Held = db.Sessions.Count(s => s.PairId == x.Pair.Id && s.Status == SessionStatus.Held),
                    Scheduled = db.Sessions.Count(s => s.PairId == x.Pair.Id && s.Status == SessionStatus.Scheduled),
                    Missed = db.Sessions.Count(s => s.PairId == x.Pair.Id && s.Status == SessionStatus.Missed),
                    LastSessionUtc = x.LastHeld,
                    AverageRating = x.Average,
                    NoRecentSession = EF.Constant(Domain.Pair.ActiveStatuses).Contains(x.Pair.Status)
                        && (x.LastHeld ?? x.Pair.AcceptedAtUtc) < quietSince
                        && !db.Sessions.Any(s => s.PairId == x.Pair.Id && s.Status == SessionStatus.Scheduled && s.StartsAtUtc > now),
                    LowRating = x.Average < LowRating,
                    UnansweredHaveYouMet = db.CheckIns.Any(c => c.PairId == x.Pair.Id && c.Kind == CheckInKind.HaveYouMet && c.AnsweredAtUtc == null),
                });
            rows = query.Flag switch
            {
                Concern.NoRecentSession => rows.Where(r => r.NoRecentSession),
                Concern.LowRating => rows.Where(r => r.LowRating),
                Concern.UnansweredHaveYouMet => rows.Where(r => r.UnansweredHaveYouMet),
                _ => rows,
            };

            var total = await rows.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            var list = await rows
                .OrderBy(r => r.Status == PairStatus.Accepted ? 0 : r.Status == PairStatus.Proposed ? 1 : 2)
                .ThenBy(r => r.MenteeName).ThenBy(r => r.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            return new Result(program.Id, program.Name, program.SessionCadenceDays, zone, list, page, pageCount, total, query.Flag);
        }
    }
}
