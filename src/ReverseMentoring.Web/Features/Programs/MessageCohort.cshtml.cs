using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class MessageCohortModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public MessageCohort.Command Data { get; set; } = new();

    public MessageCohort.Audiences Audiences { get; private set; } = null!;

    /// <summary>Who the message would go to, once HR has asked to send it; null while writing it.</summary>
    public MessageCohort.Result? Preview { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ReloadAsync(cancellationToken);

    /// <summary>The first post shows who the message goes to; only the post that confirms it sends.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        var result = await mediator.Send(Data, cancellationToken);
        if (result.Sent)
        {
            Message = $"Your message \"{result.Subject}\" is on its way to {Bulk.Count(result.Count, "person", "people")}.";
            return Redirect($"/Programs/{ProgramId}/Message");
        }

        Preview = result;
        await ReloadAsync(cancellationToken);
        return Page();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Audiences ??= await mediator.Send(new MessageCohort.Query(ProgramId), cancellationToken);
}

/// <summary>
/// HR writes one plain-text message to the mentors, the mentees or everyone approved in a program (optionally only
/// those in a confirmed pair): one e-mail per person, queued in the outbox and written to the audit log in one transaction.
/// </summary>
public static class MessageCohort
{
    public const int SubjectMaxLength = 150;
    public const int TextMaxLength = 5000;

    /// <summary>The most people one message goes to: a large program's whole cohort, in one transaction that still commits quickly.</summary>
    public const int MaxRecipients = 5000;

    public enum Audience
    {
        Mentors = 0,
        Mentees = 1,
        Everyone = 2,
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<Audiences>;

    /// <summary>The program, and how many approved mentors and mentees it has (in a confirmed pair or not).</summary>
    public sealed record Audiences(int ProgramId, string ProgramName, int Mentors, int Mentees, int MentorsPaired, int MenteesPaired);

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<Result>
    {
        public int ProgramId { get; set; }

        public Audience? Audience { get; set; }

        /// <summary>Only people with a confirmed pair now.</summary>
        public bool OnlyPaired { get; set; }

        public string? Subject { get; set; }

        public string? Text { get; set; }

        /// <summary>Set by the confirmation's button: without it the message is only previewed.</summary>
        public bool Confirmed { get; set; }
    }

    /// <summary>Who the message goes to (the first names, and how many), and whether it was sent.</summary>
    public sealed record Result(string ProgramName, string Subject, int Count, string Names, bool Sent);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Audience).NotNull().WithMessage("Choose who gets the message: the mentors, the mentees or everyone.")
                .IsInEnum().WithMessage("Choose who gets the message: the mentors, the mentees or everyone.");
            RuleFor(c => c.Subject).Cascade(CascadeMode.Stop)
                .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Write a subject.")
                .Must(s => s!.Trim().Length <= SubjectMaxLength).WithMessage($"A subject has at most {SubjectMaxLength} characters.");
            RuleFor(c => c.Text).Cascade(CascadeMode.Stop)
                .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Write the message.")
                .Must(s => s!.Trim().Length <= TextMaxLength).WithMessage($"A message has at most {TextMaxLength:N0} characters.");
        }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Audiences>
    {
        public async ValueTask<Audiences> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => new { p.Id, p.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var counts = await Approved(db, program.Id)
                .GroupBy(e => e.Role)
                .Select(g => new { Role = g.Key, All = g.Count(), Paired = g.Count(e => db.Pairs.Any(p => p.Status == PairStatus.Accepted && (p.MentorEnrolmentId == e.Id || p.MenteeEnrolmentId == e.Id))) })
                .ToListAsync(cancellationToken);
            int Of(ParticipantRole role, bool paired) => counts.Where(c => c.Role == role).Select(c => paired ? c.Paired : c.All).SingleOrDefault();
            return new Audiences(program.Id, program.Name, Of(ParticipantRole.Mentor, false), Of(ParticipantRole.Mentee, false),
                Of(ParticipantRole.Mentor, true), Of(ParticipantRole.Mentee, true));
        }
    }

    private static IQueryable<Enrolment> Approved(AppDbContext db, int programId) =>
        db.Enrolments.AsNoTracking().Where(e => e.ProgramId == programId && e.Status == EnrolmentStatus.Approved);

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == command.ProgramId).Select(p => new { p.Id, p.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var audience = command.Audience!.Value;
            var enrolments = Approved(db, program.Id);
            enrolments = audience switch
            {
                Audience.Mentors => enrolments.Where(e => e.Role == ParticipantRole.Mentor),
                Audience.Mentees => enrolments.Where(e => e.Role == ParticipantRole.Mentee),
                _ => enrolments,
            };
            if (command.OnlyPaired)
            {
                enrolments = enrolments.Where(e => db.Pairs.Any(p => p.Status == PairStatus.Accepted && (p.MentorEnrolmentId == e.Id || p.MenteeEnrolmentId == e.Id)));
            }

            // One e-mail per person, even someone enrolled on both sides.
            var people = (await enrolments.Where(e => e.User!.Email != null && e.User.Email != "")
                    .Select(e => new { e.UserId, e.User!.DisplayName, Email = e.User.Email! })
                    .ToListAsync(cancellationToken))
                .DistinctBy(p => p.UserId)
                .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ThenBy(p => p.UserId, StringComparer.Ordinal)
                .ToList();
            if (people.Count == 0)
            {
                throw RequestValidationException.For(command, nameof(Command.Audience), "Nobody approved in this program is in that audience; nothing was sent.");
            }

            if (people.Count > MaxRecipients)
            {
                throw RequestValidationException.For(command, nameof(Command.Audience),
                    $"That audience has {people.Count:N0} people; a message goes to at most {MaxRecipients:N0}. Choose the mentors or the mentees, or only those in a pair.");
            }

            var subject = command.Subject!.Trim();
            var result = new Result(program.Name, subject, people.Count, Bulk.Names(people.Select(p => p.DisplayName)), command.Confirmed);
            if (!command.Confirmed)
            {
                return result;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var stamp = now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            var text = command.Text!.Trim();
            await outbox.QueueAsync(people.Select(p => new Outgoing(
                $"cohort-message:{program.Id}:{stamp}:{p.UserId}",
                p.Email,
                subject,
                $"""
                Hello {p.DisplayName},

                {text}

                HR, {program.Name}
                """)).ToList(), cancellationToken);

            // Nothing the audit interceptor watches changes, so the message is written to the log here, in the same save.
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = now,
                UserId = current.Id,
                UserName = current.Name,
                Action = "Messaged",
                Entity = nameof(MentoringProgram),
                EntityId = program.Id.ToString(CultureInfo.InvariantCulture),
                Changes = JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["Audience"] = new { Before = (string?)null, After = audience.ToString() + (command.OnlyPaired ? " in a confirmed pair" : "") },
                    ["Subject"] = new { Before = (string?)null, After = subject },
                    ["Recipients"] = new { Before = (string?)null, After = people.Count },
                }),
            });
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
    }
}
