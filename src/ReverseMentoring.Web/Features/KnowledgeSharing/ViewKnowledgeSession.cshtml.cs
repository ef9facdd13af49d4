using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

[Authorize(Policy = PagePolicies.ProgramPeople)]
public sealed class ViewKnowledgeSessionModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    /// <summary>What the last sign-up gave: "booked", or the place on the wait list.</summary>
    [FromQuery(Name = "signedUp")]
    public string? SignedUp { get; set; }

    [BindProperty]
    public CancelKnowledgeSession.Command Cancel { get; set; } = new();

    [BindProperty]
    public ChangeKnowledgeCapacity.Command Seats { get; set; } = new();

    public ViewKnowledgeSession.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new ViewKnowledgeSession.Query(Id), cancellationToken);
        Seats.Capacity = Data.Capacity;
    }

    public async Task<IActionResult> OnPostSignUpAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new SignUpForKnowledgeSession.Command { SessionId = Id }, cancellationToken);
        var outcome = result.WaitListed ? $"waitlist-{result.Position}" : "booked";
        return LocalRedirect($"{KnowledgeRules.Link(Id)}?signedUp={outcome}");
    }

    public async Task<IActionResult> OnPostGiveUpAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new GiveUpKnowledgeSeat.Command { SessionId = Id }, cancellationToken);
        return LocalRedirect(KnowledgeRules.Link(Id));
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken)
    {
        Cancel.SessionId = Id;
        await mediator.Send(Cancel, cancellationToken);
        return LocalRedirect(KnowledgeRules.Link(Id));
    }

    public async Task<IActionResult> OnPostSeatsAsync(CancellationToken cancellationToken)
    {
        Seats.SessionId = Id;
        await mediator.Send(Seats, cancellationToken);
        return LocalRedirect(KnowledgeRules.Link(Id));
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Data ??= await mediator.Send(new ViewKnowledgeSession.Query(Id), cancellationToken);

    /// <summary>The message after a sign-up, or null: the redirect names only the outcome, the page reads the rest.</summary>
    public string? SignUpMessage => SignedUp switch
    {
        "booked" when Data.MyState == KnowledgeSeatState.Booked => "Your seat is confirmed. We e-mailed you the details and a calendar file.",
        { } text when text.StartsWith("waitlist-", StringComparison.Ordinal) && Data.MyWaitListPlace is { } place =>
            $"The session is full, so you are on the wait list: number {place}. If a seat comes free it is yours, and we e-mail you.",
        _ => null,
    };
}

/// <summary>
/// One knowledge session as the viewer may see it: its details in their own zone, seats left and the wait list, their own
/// seat; the host also sees who booked and who waits. HR sees the counts. Other programs' sessions are 404.
/// </summary>
public static class ViewKnowledgeSession
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee, Roles.HrCoordinator)]
    public sealed record Query(int SessionId) : IQuery<Result>;

    public sealed record Person(string UserId, string Name, int? Place);

    public sealed record Result(
        int Id,
        int ProgramId,
        string ProgramName,
        string Title,
        string Description,
        string HostName,
        string When,
        int DurationMinutes,
        SessionFormats Format,
        string Location,
        bool IsMeetingLink,
        KnowledgeSessionStatus Status,
        string? CancelReason,
        int Capacity,
        int Booked,
        int WaitListed,
        int SeatsLeft,
        bool IAmHost,
        bool MaySignUp,
        bool HasStarted,
        KnowledgeSeatState? MyState,
        int? MyWaitListPlace,
        bool MayGiveFeedback,
        bool GaveFeedback,
        IReadOnlyList<Person> BookedPeople,
        IReadOnlyList<Person> WaitingPeople)
    {
        public bool IsOpen => Status == KnowledgeSessionStatus.Open && !HasStarted;
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var (session, standing) = await KnowledgeRules.SessionAsync(db, current, query.SessionId, track: false, cancellationToken);
            var zone = await KnowledgeRules.ZoneAsync(db, userId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var host = session.HostUserId == userId;
            var mine = session.ActiveSeatOf(userId);
            var booked = session.Seats.Where(s => s.State == KnowledgeSeatState.Booked).OrderBy(s => s.BookedAtUtc).ToList();
            var waiting = session.Seats.Where(s => s.State == KnowledgeSeatState.WaitListed).OrderBy(s => s.Position).ToList();
            return new Result(
                session.Id,
                session.ProgramId,
                session.Program!.Name,
                session.Title,
                session.Description,
                session.Host?.DisplayName ?? "",
                KnowledgeRules.When(session, zone),
                session.DurationMinutes,
                session.Format,
                session.Location,
                SessionRules.IsMeetingLink(session.Location),
                session.Status,
                session.CancelReason,
                session.Capacity,
                booked.Count,
                waiting.Count,
                session.SeatsLeft,
                host,
                standing.MaySignUp && !host,
                session.StartsAtUtc <= now,
                mine?.State,
                session.WaitListPlace(userId),
                session.Status == KnowledgeSessionStatus.Held && mine is { State: KnowledgeSeatState.Booked, Attended: true, Rating: null },
                mine?.Rating is not null,
                host ? booked.Select(s => new Person(s.UserId, s.User?.DisplayName ?? "", null)).ToList() : [],
                host ? waiting.Select((s, i) => new Person(s.UserId, s.User?.DisplayName ?? "", i + 1)).ToList() : []);
        }
    }
}
