using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class ScheduleSessionModel(IMediator mediator) : PageModel, IReloadAfterRejection, ISessionPlanPage
{
    [BindProperty]
    public ScheduleSession.Command Data { get; set; } = new();

    public SessionPlanForm Form { get; private set; } = null!;

    /// <summary>Whether the pair's agreement is signed by both: before it is, the page warns but still schedules.</summary>
    public Agreements.PairAgreements.State? Agreement { get; private set; }

    ISessionPlan ISessionPlanPage.Data => Data;

    public async Task OnGetAsync(int pairId, DateOnly? date, TimeOnly? time, int? minutes, CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new ScheduleSession.FormQuery(pairId, minutes), cancellationToken);
        Agreement = await mediator.Send(new Agreements.ViewAgreement.StateQuery(pairId), cancellationToken);
        Data = new ScheduleSession.Command
        {
            PairId = pairId,
            Date = DateBounds.OrNull(date),
            Time = time,
            DurationMinutes = Form.Minutes,
            Format = Form.Formats.Contains(SessionFormats.Virtual) ? SessionFormats.Virtual : Form.Formats.Count > 0 ? Form.Formats[0] : SessionFormats.None,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Participant/Sessions/{id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Form ??= await mediator.Send(new ScheduleSession.FormQuery(Data.PairId, Data.DurationMinutes), cancellationToken);
        Agreement ??= await mediator.Send(new Agreements.ViewAgreement.StateQuery(Data.PairId), cancellationToken);
    }

    public string SuggestionLink(SuggestedTime suggestion) =>
        string.Create(CultureInfo.InvariantCulture,
            $"/Participant/Sessions/Schedule?pairId={Form.PairId}&date={suggestion.Date:yyyy-MM-dd}&time={suggestion.Time:HH\\:mm}&minutes={Form.Minutes}");
}

/// <summary>
/// Either side of a confirmed pair plans a session: when (in their own time zone, stored in UTC), how long, how,
/// where and about what. Both people must be free; the other side gets an invitation with a calendar file.
/// </summary>
public static class ScheduleSession
{
    /// <summary>The form's choices and the suggested times; 404 unless the pair is the caller's and active.</summary>
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record FormQuery(int PairId, int? Minutes = null) : IQuery<SessionPlanForm>;

    public sealed class FormHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<FormQuery, SessionPlanForm>
    {
        public async ValueTask<SessionPlanForm> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var sides = await SessionRules.PairAsync(db, query.PairId, current.RequireId(), cancellationToken);
            if (sides is not { CanPlanSessions: true })
            {
                throw new NotFoundException();
            }

            var minutes = SessionPlanForm.MinutesOrDefault(query.Minutes, sides.Program.SessionMinutes);
            var suggestions = await SessionRules.SuggestAsync(db, sides, minutes, clock.GetUtcNow().UtcDateTime, null, cancellationToken);
            return SessionPlanForm.For(sides, minutes, suggestions);
        }
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>, ISessionPlan
    {
        public int PairId { get; set; }

        public DateOnly? Date { get; set; }

        public TimeOnly? Time { get; set; }

        public int DurationMinutes { get; set; } = 60;

        public SessionFormats Format { get; set; }

        public string Location { get; set; } = "";

        public List<int> TopicIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new SessionPlanValidator<Command>());
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var sides = await SessionRules.PairAsync(db, command.PairId, userId, cancellationToken);
            if (sides is not { CanPlanSessions: true })
            {
                throw new NotFoundException();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var plan = await SessionRules.CheckAsync(db, command, sides, now, exceptSessionId: null, cancellationToken);
            var session = new Session
            {
                ProgramId = sides.Program.Id,
                PairId = sides.Pair.Id,
                StartsAtUtc = plan.StartsAtUtc,
                DurationMinutes = command.DurationMinutes,
                EndsAtUtc = plan.EndsAtUtc,
                Format = command.Format,
                Location = plan.Location,
                Status = SessionStatus.Scheduled,
                ScheduledByUserId = userId,
                CreatedAtUtc = now,
                Topics = plan.TopicIds.Select(id => new SessionTopic { ProgramTopicId = id, Kind = SessionTopicKind.Agenda }).ToList(),
            };
            db.Sessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);

            // The invitation names the session, so it is queued once the session has its id; sent after the commit.
            var agenda = SessionRules.Agenda(session, sides.Program);
            await outbox.QueueAsync(
                SessionMail.ToPartner(SessionMail.Change.Scheduled, session, sides, agenda, links.To($"/Participant/Sessions/{session.Id}"), now),
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return session.Id;
        }
    }
}
