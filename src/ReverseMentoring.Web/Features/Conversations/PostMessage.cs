using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Conversations;

/// <summary>
/// One of the pair's people writes to the other, perhaps in reply and with one file (checked and stored like the program's
/// resources, outside wwwroot). Only an active pair of a program not closed can write; the partner hears by e-mail at
/// most once an hour (<see cref="MessageMail"/>).
/// </summary>
public static class PostMessage
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int PairId { get; set; }

        public int? ReplyToId { get; set; }

        public string Text { get; set; } = "";

        public IFormFile? Attachment { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ResourceFiles files)
        {
            RuleFor(c => c.Text).Cascade(CascadeMode.Stop)
                .Must(text => !string.IsNullOrWhiteSpace(text)).WithMessage("Write a message.")
                .Must(text => text.Trim().Length <= PairMessage.TextMaxLength)
                .WithMessage(c => $"A message has at most {PairMessage.TextMaxLength:N0} characters; this one has {c.Text.Trim().Length:N0}. Shorten it or send it in parts.");

            RuleFor(c => c.Attachment).CustomAsync(async (file, context, ct) =>
            {
                if (file is not null && await files.ProblemWithAsync(file, ct) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, ResourceFiles files, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var sides = await PairMessages.PairOfCallerAsync(db, command.PairId, me, cancellationToken);
            if (!PairMessage.CanWrite(sides.Pair, sides.Program.Status))
            {
                throw RequestValidationException.For(command, "", "This pair has ended or its program has closed: you can read your messages, but not write new ones.");
            }

            PairMessage? replyTo = null;
            if (command.ReplyToId is { } replyToId)
            {
                replyTo = await db.PairMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == replyToId && m.PairId == sides.Pair.Id, cancellationToken)
                    ?? throw new NotFoundException();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var message = PairMessage.Write(sides.Pair, sides.Program.Status, me, command.Text, replyTo, now);
            if (command.Attachment is { } file)
            {
                var name = Path.GetFileName(file.FileName);
                message.Attach(name, ResourceFiles.ContentTypes[Path.GetExtension(name)], file.Length, await files.SaveAsync(file, cancellationToken));
            }

            try
            {
                db.PairMessages.Add(message);

                // The author has read everything up to their own message; the partner's marker makes sure they hear of it.
                (await ConversationMarkers.OfAsync(db, sides.Pair, me, cancellationToken)).LastReadAtUtc = now;
                await ConversationMarkers.OfAsync(db, sides.Pair, sides.Partner.UserId, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // No row, no file: a file the database never heard of would never be deleted.
                if (message.AttachmentStoredName is { } stored)
                {
                    files.Delete(stored);
                }

                throw;
            }

            return message.Id;
        }
    }
}
