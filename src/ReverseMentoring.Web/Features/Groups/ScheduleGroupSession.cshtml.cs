using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Groups;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class ScheduleGroupSessionModel(IMediator mediator) : PageModel, IReloadAfterRejection, ISessionPlanPage
{
    [FromRoute]
    public int GroupId { get; set; }

    [BindProperty]
    public ScheduleGroupSession.Command Data { get; set; } = new();

    public SessionPlanForm Form { get; private set; } = null!;

    ISessionPlan ISessionPlanPage.Data => Data;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new ScheduleGroupSession.FormQuery(GroupId), cancellationToken);
        Data = new ScheduleGroupSession.Command
        {
            GroupId = GroupId,
            DurationMinutes = Form.Minutes,
            Format = Form.Formats.Contains(SessionFormats.Group) ? SessionFormats.Group : Form.Formats.Count > 0 ? Form.Formats[0] : SessionFormats.None,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.GroupId = GroupId;
        var id = await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Participant/GroupSessions/{id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form ??= await mediator.Send(new ScheduleGroupSession.FormQuery(GroupId), cancellationToken);

    // Suggestions for a whole group are not computed; the form offers none.
    public string SuggestionLink(SuggestedTime suggestion) => $"/Participant/Groups/{GroupId}/Schedule";
}

/// <summary>
/// The group's mentor plans ONE session for the whole group: the mentor and every member must be free, and each gets
/// one invitation whose calendar file names everyone.
/// </summary>
public static class ScheduleGroupSession
{
    public const string VirtualNeedsLinkMessage = "Enter the meeting link, starting with https://, for the whole group.";

    /// <summary>404 unless the caller leads the group and it can still plan sessions.</summary>
    [AllowedRoles(Roles.Mentor)]
    public sealed record FormQuery(int GroupId) : IQuery<SessionPlanForm>;

    public sealed class FormHandler(AppDbContext db, CurrentUser current) : IQueryHandler<FormQuery, SessionPlanForm>
    {
        public async ValueTask<SessionPlanForm> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var sides = await MentorsGroupAsync(db, query.GroupId, current.RequireId(), cancellationToken);
            var program = sides.Program;
            var zone = SessionTimes.Zone(sides.Me.ZoneId).Id;
            return new SessionPlanForm(
                0,
                program.Name,
                $"the mentees of {sides.Group.Name}",
                zone,
                zone,
                SessionPlanForm.MinutesOrDefault(null, program.SessionMinutes),
                EnrolmentRules.EachFormat.Where(f => program.Formats.HasFlag(f)).ToList(),
                program.Topics.OrderBy(t => t.SortOrder).ThenBy(t => t.Id).Select(t => new SessionPlanForm.Topic(t.Id, t.Title, t.SuggestedActivities)).ToList(),
                []);
        }
    }

    [AllowedRoles(Roles.Mentor)]
    public sealed class Command : ICommand<int>, ISessionPlan
    {
        public int GroupId { get; set; }

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

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var sides = await MentorsGroupAsync(db, command.GroupId, userId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var plan = await CheckAsync(db, command, sides, now, exceptSessionId: null, cancellationToken);
            var session = new Session
            {
                ProgramId = sides.Program.Id,
                GroupId = sides.Group.Id,
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

            // The invitations name the session, so they are queued once it has its id; sent after the commit.
            await outbox.QueueAsync(GroupRules.Mail(SessionMail.Change.Scheduled, session, sides, links.To($"/Participant/GroupSessions/{session.Id}"), now), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return session.Id;
        }
    }

    /// <summary>The group when the caller leads it and it can plan sessions; 404 for anyone else (a member included).</summary>
    public static async Task<GroupSides> MentorsGroupAsync(AppDbContext db, int groupId, string userId, CancellationToken cancellationToken)
    {
        var sides = await GroupRules.GroupAsync(db, groupId, userId, cancellationToken);
        return sides is { IAmMentor: true, CanPlanSessions: true } ? sides : throw new NotFoundException();
    }

    /// <summary>
    /// The checks that need the database and the clock, for the whole group: the program's formats and topics, a
    /// place, a time in the future, and nobody booked (mentor or member, in a pair or group session).
    /// </summary>
    public static async Task<CheckedPlan> CheckAsync<T>(AppDbContext db, T plan, GroupSides sides, DateTime nowUtc, int? exceptSessionId, CancellationToken cancellationToken)
        where T : class, ISessionPlan
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sides);
        var program = sides.Program;
        if (!program.Formats.HasFlag(plan.Format))
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.Format),
                $"This program's sessions are {EnrolmentRules.Formats(program.Formats)}: choose one of those.");
        }

        var topicIds = (plan.TopicIds ?? []).Distinct().ToList();
        if (topicIds.Any(id => program.Topics.All(t => t.Id != id)))
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.TopicIds), "Choose topics from this program's list.");
        }

        var location = (plan.Location ?? "").Trim();
        if (location.Length == 0)
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.Location), VirtualNeedsLinkMessage);
        }

        var conversion = SessionTimes.ToUtc(plan.Date!.Value, plan.Time!.Value, sides.Me.ZoneId);
        if (conversion.Utc is not { } starts)
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.Time), conversion.Problem!);
        }

        if (starts <= nowUtc)
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.Date),
                $"{SessionTimes.Day(plan.Date.Value)} at {SessionTimes.Time(plan.Time.Value)} has passed. Choose a date and time in the future.");
        }

        var ends = starts.AddMinutes(plan.DurationMinutes);
        var people = sides.Everyone
            .Select(p => new SessionRules.Attendee(p.UserId, p.UserId == sides.Me.UserId ? "You already have" : $"{p.Name} already has"))
            .OrderBy(p => p.UserId == sides.Me.UserId ? 0 : 1)
            .ToList();
        if (await SessionRules.ClashAsync(db, people, sides.Me.ZoneId, starts, ends, exceptSessionId, cancellationToken) is { } clash)
        {
            throw RequestValidationException.For(plan, nameof(ISessionPlan.Date), clash);
        }

        return new CheckedPlan(starts, ends, topicIds, location);
    }
}
