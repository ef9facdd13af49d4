using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Journal;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class WriteJournalEntryModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [BindProperty]
    public WriteJournalEntry.Command Data { get; set; } = new();

    public WriteJournalEntry.Form Form { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(int? entryId, int? sessionId, CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new WriteJournalEntry.Query(entryId, sessionId), cancellationToken);
        Data = new WriteJournalEntry.Command
        {
            EntryId = Form.EntryId,
            SessionId = Form.SessionId,
            Learned = Form.Learned,
            WillTry = Form.WillTry,
            Thoughts = Form.Thoughts,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Data, cancellationToken);
        Message = "Your journal entry is saved. Only you can read it.";
        return LocalRedirect("/Participant/Journal");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form ??= await mediator.Send(new WriteJournalEntry.Query(Data.EntryId, Data.SessionId), cancellationToken);
}

/// <summary>
/// A person writes a private reflection, or rewrites one of their own, perhaps on one of their sessions. Someone
/// else's entry, or a session not theirs, is not found.
/// </summary>
public static class WriteJournalEntry
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int? EntryId, int? SessionId) : IQuery<Form>;

    public sealed record Form(int? EntryId, int? SessionId, string? Session, string Learned, string WillTry, string Thoughts);

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        /// <summary>The entry rewritten; null for a new one.</summary>
        public int? EntryId { get; set; }

        public int? SessionId { get; set; }

        public string? Learned { get; set; }

        public string? WillTry { get; set; }

        public string? Thoughts { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            const int max = JournalEntry.TextMaxLength;
            RuleFor(c => c.Learned).MaximumLength(max).WithMessage($"At most {max:N0} characters; shorten it.");
            RuleFor(c => c.WillTry).MaximumLength(max).WithMessage($"At most {max:N0} characters; shorten it.");
            RuleFor(c => c.Thoughts).MaximumLength(max).WithMessage($"At most {max:N0} characters; shorten it.");
            RuleFor(c => c).Custom((c, context) =>
            {
                if (string.IsNullOrWhiteSpace(c.Learned) && string.IsNullOrWhiteSpace(c.WillTry) && string.IsNullOrWhiteSpace(c.Thoughts))
                {
                    context.AddFailure(nameof(Command.Learned), "Write something in at least one of the boxes.");
                }
            });
        }
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Form>
    {
        public async ValueTask<Form> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var zone = await db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
            if (query.EntryId is { } entryId)
            {
                var entry = await db.JournalEntries.AsNoTracking().SingleOrDefaultAsync(j => j.Id == entryId && j.AuthorUserId == me, cancellationToken)
                    ?? throw new NotFoundException();
                var label = entry.SessionId is { } id ? (await JournalSessions.LabelsAsync(db, me, [id], zone, cancellationToken)).GetValueOrDefault(id) : null;
                return new Form(entry.Id, entry.SessionId, label, entry.Learned, entry.WillTry, entry.Thoughts);
            }

            if (query.SessionId is { } sessionId)
            {
                var labels = await JournalSessions.LabelsAsync(db, me, [sessionId], zone, cancellationToken);
                return labels.TryGetValue(sessionId, out var label) ? new Form(null, sessionId, label, "", "", "") : throw new NotFoundException();
            }

            return new Form(null, null, null, "", "", "");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            JournalEntry entry;
            if (command.EntryId is { } entryId)
            {
                entry = await db.JournalEntries.SingleOrDefaultAsync(j => j.Id == entryId && j.AuthorUserId == me, cancellationToken)
                    ?? throw new NotFoundException();
                entry.Rewrite(me, command.Learned, command.WillTry, command.Thoughts, now);
            }
            else
            {
                if (command.SessionId is { } sessionId && !await db.Sessions.OfParticipant(db, me).AnyAsync(s => s.Id == sessionId, cancellationToken))
                {
                    throw new NotFoundException();
                }

                entry = JournalEntry.Write(me, command.SessionId, command.Learned, command.WillTry, command.Thoughts, now);
                db.JournalEntries.Add(entry);
            }

            await db.SaveChangesAsync(cancellationToken);
            return entry.Id;
        }
    }
}
