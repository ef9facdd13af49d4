using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Skills;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class MyPairsProgressModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<MyPairsProgress.Row> Pairs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pairs = await mediator.Send(new MyPairsProgress.Query(), cancellationToken);
}

/// <summary>The participant's confirmed and ended pairs, each leading to its skills progress.</summary>
public static class MyPairsProgress
{
    public const int Limit = 100;

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(int PairId, string ProgramName, string PartnerName, PairStatus Status, DateTime? AcceptedAtUtc, DateTime? EndedAtUtc);

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            return await db.Pairs.AsNoTracking().Started().OfParticipant(userId)
                .OrderByDescending(p => p.AcceptedAtUtc).ThenBy(p => p.Id)
                .Take(Limit)
                .Select(p => new Row(
                    p.Id,
                    p.MentorEnrolment!.Program!.Name,
                    p.MentorEnrolment.UserId == userId ? p.MenteeEnrolment!.User!.DisplayName : p.MentorEnrolment.User!.DisplayName,
                    p.Status,
                    p.AcceptedAtUtc,
                    p.EndedAtUtc))
                .ToListAsync(cancellationToken);
        }
    }
}
