using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Chat;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

[Authorize(Policy = PagePolicies.ProgramPeople)]
public sealed class OfferKnowledgeSessionModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [BindProperty]
    public OfferKnowledgeSession.Command Data { get; set; } = new();

    public OfferKnowledgeSession.Form Form { get; private set; } = null!;

    public async Task OnGetAsync(int? programId, CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new OfferKnowledgeSession.FormQuery(), cancellationToken);
        Data = new OfferKnowledgeSession.Command
        {
            ProgramId = programId is { } id && Form.Programs.Any(p => p.Id == id) ? id : Form.Programs.Count == 1 ? Form.Programs[0].Id : 0,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = await mediator.Send(Data, cancellationToken);
        return LocalRedirect(KnowledgeRules.Link(id));
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form ??= await mediator.Send(new OfferKnowledgeSession.FormQuery(), cancellationToken);
}

/// <summary>
/// A junior (an approved mentor of the program) or HR offers an open session on a topic to the program's seniors:
/// when (in the offerer's own zone, stored in UTC), how long, how and where, and how many seats. The program's chat
/// channel hears of it, without the host's name.
/// </summary>
public static class OfferKnowledgeSession
{
    public sealed record ProgramChoice(int Id, string Name, SessionFormats Formats, bool HasMeetingLinkPattern);

    public sealed record Form(IReadOnlyList<ProgramChoice> Programs, string MyZone);

    [AllowedRoles(Roles.Mentor, Roles.Mentee, Roles.HrCoordinator)]
    public sealed record FormQuery : IQuery<Form>;

    public sealed class FormHandler(AppDbContext db, CurrentUser current) : IQueryHandler<FormQuery, Form>
    {
        public async ValueTask<Form> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            return new Form(await ProgramsAsync(db, current, userId, cancellationToken), await KnowledgeRules.ZoneAsync(db, userId, cancellationToken));
        }
    }

    /// <summary>The running or upcoming programs the caller may offer a session in: as an approved mentor, or any as HR.</summary>
    public static async Task<List<ProgramChoice>> ProgramsAsync(AppDbContext db, CurrentUser current, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(current);
        var programs = db.Programs.AsNoTracking().Where(p => p.Status != ProgramStatus.Closed && p.ArchivedAtUtc == null);
        if (!current.IsInRole(Roles.HrCoordinator))
        {
            var asMentor = current.IsInRole(Roles.Mentor);
            programs = programs.Where(p => asMentor && db.Enrolments.Any(e =>
                e.ProgramId == p.Id && e.UserId == userId && e.Role == ParticipantRole.Mentor && e.Status == EnrolmentStatus.Approved));
        }

        return await programs.OrderBy(p => p.Name)
            .Select(p => new ProgramChoice(p.Id, p.Name, p.Formats, p.MeetingLinkTemplate != null && p.MeetingLinkTemplate != ""))
            .ToListAsync(cancellationToken);
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee, Roles.HrCoordinator)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }

        public string Title { get; set; } = "";

        public string Description { get; set; } = "";

        public DateOnly? Date { get; set; }

        public TimeOnly? Time { get; set; }

        public int DurationMinutes { get; set; } = 60;

        public SessionFormats Format { get; set; } = SessionFormats.Virtual;

        public string Location { get; set; } = "";

        public int Capacity { get; set; } = 20;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ProgramId).GreaterThan(0).WithMessage("Choose the program whose seniors the session is for.");
            RuleFor(c => c.Title).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Give the session a title: the topic you will teach.")
                .MaximumLength(KnowledgeSession.TitleMaxLength).WithMessage($"A title has at most {KnowledgeSession.TitleMaxLength} characters; shorten it.");
            RuleFor(c => c.Description)
                .MaximumLength(KnowledgeSession.DescriptionMaxLength).WithMessage($"A description has at most {KnowledgeSession.DescriptionMaxLength} characters; shorten it.");
            RuleFor(c => c.Date).NotNull().WithMessage("Enter the date of the session.").WithinSupportedDates();
            RuleFor(c => c.Time).NotNull().WithMessage("Enter the time the session starts.");
            RuleFor(c => c.DurationMinutes)
                .InclusiveBetween(KnowledgeSession.MinMinutes, KnowledgeSession.MaxMinutes)
                .WithMessage($"A session lasts {KnowledgeSession.MinMinutes} to {KnowledgeSession.MaxMinutes} minutes.");
            RuleFor(c => c.Format)
                .Must(f => EnrolmentRules.EachFormat.Contains(f))
                .WithMessage("Choose how you meet: in person, virtual or group.");
            RuleFor(c => c.Capacity)
                .InclusiveBetween(KnowledgeSession.MinCapacity, KnowledgeSession.MaxCapacity)
                .WithMessage(KnowledgeSession.CapacityMessage);
            RuleFor(c => c.Location).Cascade(CascadeMode.Stop)
                .NotEmpty().When(c => c.Format != SessionFormats.Virtual).WithMessage("Enter where you meet: a room or address.")
                .MaximumLength(KnowledgeSession.LocationMaxLength).WithMessage($"A location has at most {KnowledgeSession.LocationMaxLength} characters; shorten it.");
            RuleFor(c => c.Location)
                .Must(SessionRules.IsMeetingLink)
                .When(c => c.Format == SessionFormats.Virtual && !string.IsNullOrWhiteSpace(c.Location) && c.Location.Length <= KnowledgeSession.LocationMaxLength)
                .WithMessage("For a virtual session, enter the meeting link, starting with https:// (or http://).");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var allowed = await ProgramsAsync(db, current, userId, cancellationToken);
            if (allowed.All(p => p.Id != command.ProgramId))
            {
                throw RequestValidationException.For(command, nameof(Command.ProgramId),
                    "Choose one of your programs: you offer sessions only where you are an approved mentor.");
            }

            var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == command.ProgramId, cancellationToken);
            if (!program.Formats.HasFlag(command.Format))
            {
                throw RequestValidationException.For(command, nameof(Command.Format),
                    $"This program's sessions are {EnrolmentRules.Formats(program.Formats)}: choose one of those.");
            }

            var location = command.Location.Trim();
            if (location.Length == 0 && string.IsNullOrEmpty(program.MeetingLinkTemplate))
            {
                throw RequestValidationException.For(command, nameof(Command.Location),
                    "Enter the meeting link, starting with https://: this program has no meeting link pattern to fill in.");
            }

            var zone = await KnowledgeRules.ZoneAsync(db, userId, cancellationToken);
            var conversion = SessionTimes.ToUtc(command.Date!.Value, command.Time!.Value, zone);
            if (conversion.Utc is not { } starts)
            {
                throw RequestValidationException.For(command, nameof(Command.Time), conversion.Problem!);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (starts <= now)
            {
                throw RequestValidationException.For(command, nameof(Command.Date),
                    $"{SessionTimes.Day(command.Date.Value)} at {SessionTimes.Time(command.Time.Value)} has passed. Choose a date and time in the future.");
            }

            var session = KnowledgeSession.Offer(program.Id, userId, command.Title, command.Description, starts, command.DurationMinutes,
                command.Format, location, command.Capacity, now);
            db.KnowledgeSessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);

            if (location.Length == 0)
            {
                // The pattern names the session, so it is filled once the session has its id, in the same transaction.
                var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken) ?? "";
                var link = KnowledgeRules.MeetingLink(program, session.Id, email) ?? "";
                if (link.Length > KnowledgeSession.LocationMaxLength)
                {
                    throw RequestValidationException.For(command, nameof(Command.Location),
                        "The program's meeting link for this session is too long to keep; enter the meeting link yourself.");
                }

                session.Location = link;
            }

            if (ChatAnnouncements.KnowledgeSessionOffered(program, session, links.To("/Participant/Knowledge")) is { } announcement)
            {
                await outbox.QueueAsync(announcement, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            return session.Id;
        }
    }
}
