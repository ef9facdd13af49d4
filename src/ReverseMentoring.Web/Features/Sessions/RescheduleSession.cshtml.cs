using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using FluentValidation;
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
public sealed class RescheduleSessionModel(IMediator mediator) : PageModel, IReloadAfterRejection, ISessionPlanPage
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public RescheduleSession.Command Data { get; set; } = new();

    public RescheduleSession.Current Session { get; private set; } = null!;

    public SessionPlanForm Form => Session.Form;

    ISessionPlan ISessionPlanPage.Data => Data;

    public async Task OnGetAsync(DateOnly? date, TimeOnly? time, int? minutes, CancellationToken cancellationToken)
    {
        Session = await mediator.Send(new RescheduleSession.FormQuery(Id, minutes), cancellationToken);
        Data = new RescheduleSession.Command
        {
            SessionId = Id,
            Version = Session.Version,
            Date = DateBounds.OrNull(date) ?? Session.Date,
            Time = time ?? Session.Time,
            DurationMinutes = minutes ?? Session.DurationMinutes,
            Format = Session.Format,
            Location = Session.Location,
            TopicIds = Session.TopicIds.ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.SessionId = Id;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Participant/Sessions/{Id}");
    }

    // The version posted stays: a conflict must keep failing until the person reloads and sees the other change.
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Session ??= await mediator.Send(new RescheduleSession.FormQuery(Id, Data.DurationMinutes), cancellationToken);

    public string SuggestionLink(SuggestedTime suggestion) =>
        string.Create(CultureInfo.InvariantCulture,
            $"/Participant/Sessions/Reschedule/{Id}?date={suggestion.Date:yyyy-MM-dd}&time={suggestion.Time:HH\\:mm}&minutes={Form.Minutes}");
}

/// <summary>
/// Either side moves or changes a planned session that has not started. The same rules as scheduling apply; the
/// calendar sequence goes up so calendars replace the earlier invitation, and the other side gets the update.
/// </summary>
public static class RescheduleSession
{
    public const string NotChangeable = Session.NotChangeableMessage;

    /// <summary>The session as it is now, in the caller's time zone, with the form's choices.</summary>
    public sealed record Current(
        int Id,
        Guid Version,
        DateOnly Date,
        TimeOnly Time,
        int DurationMinutes,
        SessionFormats Format,
        string Location,
        IReadOnlyList<int> TopicIds,
        string When,
        SessionPlanForm Form);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record FormQuery(int SessionId, int? Minutes = null) : IQuery<Current>;

    public sealed class FormHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<FormQuery, Current>
    {
        public async ValueTask<Current> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var found = await SessionRules.SessionAsync(db, query.SessionId, current.RequireId(), track: false, cancellationToken)
                ?? throw new NotFoundException();
            var (session, sides) = found;
            var now = clock.GetUtcNow().UtcDateTime;
            if (!session.CanChange(now) || !sides.CanPlanSessions)
            {
                throw new NotFoundException();
            }

            var minutes = SessionPlanForm.MinutesOrDefault(query.Minutes, session.DurationMinutes);
            var suggestions = await SessionRules.SuggestAsync(db, sides, minutes, now, session.Id, cancellationToken);
            return new Current(
                session.Id,
                session.Version,
                SessionTimes.LocalDate(session.StartsAtUtc, sides.MyZone),
                SessionTimes.LocalTime(session.StartsAtUtc, sides.MyZone),
                session.DurationMinutes,
                session.Format,
                session.Location,
                session.Topics.Where(t => t.Kind == SessionTopicKind.Agenda).Select(t => t.ProgramTopicId).ToList(),
                SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, sides.MyZone),
                SessionPlanForm.For(sides, minutes, suggestions));
        }
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<Unit>, ISessionPlan
    {
        public int SessionId { get; set; }

        public Guid Version { get; set; }

        public DateOnly? Date { get; set; }

        public TimeOnly? Time { get; set; }

        public int DurationMinutes { get; set; }

        public SessionFormats Format { get; set; }

        public string Location { get; set; } = "";

        public List<int> TopicIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new SessionPlanValidator<Command>());
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var found = await SessionRules.SessionAsync(db, command.SessionId, userId, track: true, cancellationToken)
                ?? throw new NotFoundException();
            var (session, sides) = found;
            if (!sides.CanPlanSessions)
            {
                throw new NotFoundException();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (session.Version != command.Version)
            {
                throw RequestValidationException.For(command, "", SessionRules.ConflictMessage);
            }

            if (!session.CanChange(now))
            {
                throw RequestValidationException.For(command, "", NotChangeable);
            }

            var plan = await SessionRules.CheckAsync(db, command, sides, now, session.Id, cancellationToken);
            session.Reschedule(userId, plan.StartsAtUtc, command.DurationMinutes, command.Format, plan.Location, plan.TopicIds.ToList(), now);

            await SessionRules.SaveAndTellPartnerAsync(db, outbox, links, command, command.Version, session, sides, SessionMail.Change.Rescheduled, now, cancellationToken);
            return Unit.Value;
        }
    }
}
