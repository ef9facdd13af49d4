using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class ViewSessionModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public ViewSession.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ViewSession.Query(Id), cancellationToken);
}

/// <summary>One of the caller's sessions: when in both time zones, how, where, the agenda, and what can be done with it.</summary>
public static class ViewSession
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int SessionId) : IQuery<Result>;

    public sealed record Result(
        int Id,
        int PairId,
        int ProgramId,
        string ProgramName,
        string PartnerName,
        SessionStatus Status,
        string When,
        string WhenForPartner,
        int DurationMinutes,
        SessionFormats Format,
        string Location,
        IReadOnlyList<string> Agenda,
        string ScheduledBy,
        string? CancelReason,
        string? CancelledBy,
        string? CancelledAt,
        Guid Version)
    {
        /// <summary>Planned and not started: it can still be moved or cancelled.</summary>
        public bool CanChange { get; init; }

        /// <summary>It has started: it can be logged, or its log edited.</summary>
        public bool CanLog { get; init; }

        /// <summary>Held, and the viewer has not rated it yet.</summary>
        public bool CanGiveFeedback { get; init; }

        public bool IsMeetingLink => Format == SessionFormats.Virtual && SessionRules.IsMeetingLink(Location);
    }

    public static string Describe(SessionStatus status) => status switch
    {
        SessionStatus.Scheduled => "Scheduled",
        SessionStatus.Held => "Held",
        SessionStatus.Cancelled => "Cancelled",
        SessionStatus.Missed => "Missed",
        _ => status.ToString(),
    };

    /// <summary>Bootstrap badge colours with enough contrast for their text.</summary>
    public static string Badge(SessionStatus status) => status switch
    {
        SessionStatus.Scheduled => "text-bg-primary",
        SessionStatus.Held => "text-bg-success",
        SessionStatus.Cancelled => "text-bg-secondary",
        _ => "text-bg-warning",
    };

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var (session, sides) = await SessionRules.SessionAsync(db, query.SessionId, userId, track: false, cancellationToken)
                ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;
            string NameOf(string? id) => id == sides.Me.UserId ? "You" : id == sides.Partner.UserId ? sides.PartnerName : "Someone else";
            return new Result(
                session.Id,
                session.PairId!.Value,
                session.ProgramId,
                sides.Program.Name,
                sides.PartnerName,
                session.Status,
                SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, sides.MyZone),
                SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, sides.PartnerZone),
                session.DurationMinutes,
                session.Format,
                session.Location,
                SessionRules.Agenda(session, sides.Program),
                NameOf(session.ScheduledByUserId),
                session.CancelReason,
                session.CancelledByUserId is null ? null : NameOf(session.CancelledByUserId),
                session.CancelledAtUtc is { } at ? SessionTimes.Format(at, sides.MyZone) : null,
                session.Version)
            {
                CanChange = session.CanChange(now) && sides.CanPlanSessions,
                CanLog = Session.LogRefusal(session.Status, session.StartsAtUtc, now) is null,
                CanGiveFeedback = session.Status == SessionStatus.Held
                    && !await db.SessionFeedback.AnyAsync(f => f.SessionId == session.Id && f.Role == sides.Me.Role, cancellationToken),
            };
        }
    }
}
