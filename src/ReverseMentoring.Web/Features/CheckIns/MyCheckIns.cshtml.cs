using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.CheckIns;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class MyCheckInsModel(IMediator mediator) : PageModel
{
    public MyCheckIns.Result Data { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new MyCheckIns.Query(page ?? 1), cancellationToken);
}

/// <summary>A participant's own check-ins: those waiting for an answer, and those answered.</summary>
public static class MyCheckIns
{
    public const int PageSize = 20;

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int Page) : IQuery<Result>;

    public sealed record Row(int Id, CheckInKind Kind, int DayNumber, string ProgramName, string PartnerName, DateTime SentAtUtc, DateTime? AnsweredAtUtc, bool? Met)
    {
        public string Title => Kind switch
        {
            CheckInKind.HaveYouMet => $"Have you met {PartnerName} yet?",
            CheckInKind.EndOfPair => $"End-of-pair survey on your pair with {PartnerName}",
            CheckInKind.Applied => $"Have you used what you learned with {PartnerName}?",
            _ => $"Day {DayNumber} check-in on your pair with {PartnerName}",
        };
    }

    public sealed record Result(IReadOnlyList<Row> Open, IReadOnlyList<Row> Answered, int Page, int PageCount, int AnsweredTotal);

    /// <summary>How many of the person's check-ins wait for an answer.</summary>
    public static Task<int> OpenCountAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        db.CheckIns.CountAsync(c => c.UserId == userId && c.AnsweredAtUtc == null, cancellationToken);

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var mine = db.CheckIns.AsNoTracking().Where(c => c.UserId == userId);
            var open = await Rows(mine.Where(c => c.AnsweredAtUtc == null).OrderByDescending(c => c.SentAtUtc).ThenBy(c => c.Id).Take(100))
                .ToListAsync(cancellationToken);
            var answered = mine.Where(c => c.AnsweredAtUtc != null);
            var total = await answered.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var rows = await Rows(answered.OrderByDescending(c => c.AnsweredAtUtc).ThenBy(c => c.Id).Page(page, PageSize))
                .ToListAsync(cancellationToken);
            return new Result(open, rows, page, pageCount, total);
        }

        private IQueryable<Row> Rows(IQueryable<CheckIn> checkIns) => checkIns.Select(c => new Row(
            c.Id,
            c.Kind,
            c.DayNumber,
            db.Programs.Where(p => p.Id == c.ProgramId).Select(p => p.Name).Single(),
            c.Role == ParticipantRole.Mentor ? c.Pair!.MenteeEnrolment!.User!.DisplayName : c.Pair!.MentorEnrolment!.User!.DisplayName,
            c.SentAtUtc,
            c.AnsweredAtUtc,
            c.Met));
    }
}
