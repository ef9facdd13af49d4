using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Groups;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class ViewGroupModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public PostGroupMessage.Command Message { get; set; } = new();

    public ViewGroup.Result Group { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Group = await mediator.Send(new ViewGroup.Query(Id), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Message.GroupId = Id;
        await mediator.Send(Message, cancellationToken);
        return LocalRedirect($"/Participant/Groups/{Id}#messages");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Group ??= await mediator.Send(new ViewGroup.Query(Id), cancellationToken);
}

/// <summary>A group as its mentor and members see it: who is in it, its sessions and its thread of messages.</summary>
public static class ViewGroup
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int GroupId) : IQuery<Result>;

    public sealed record SessionRow(int Id, string When, SessionStatus Status);

    public sealed record MessageRow(string Author, bool Mine, string Text, string Sent);

    public sealed record Result(int Id, string Name, int ProgramId, string ProgramName, string MentorName, IReadOnlyList<string> Members, bool IAmMentor, bool IsLive, bool CanPlanSessions)
    {
        public IReadOnlyList<SessionRow> Sessions { get; init; } = [];

        public IReadOnlyList<MessageRow> Messages { get; init; } = [];
    }

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var sides = await GroupRules.GroupAsync(db, query.GroupId, userId, cancellationToken) ?? throw new NotFoundException();
            var zone = sides.Me.ZoneId;
            var sessions = (await db.Sessions.AsNoTracking().Where(s => s.GroupId == query.GroupId)
                .OrderByDescending(s => s.StartsAtUtc).Take(100).ToListAsync(cancellationToken))
                .Select(s => new SessionRow(s.Id, SessionTimes.Format(s.StartsAtUtc, s.EndsAtUtc, zone), s.Status))
                .ToList();
            var names = sides.Everyone.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
            var messages = (await db.GroupMessages.AsNoTracking().Where(m => m.GroupId == query.GroupId)
                .OrderBy(m => m.SentAtUtc).ThenBy(m => m.Id).ToListAsync(cancellationToken))
                .Select(m => new MessageRow(
                    names.GetValueOrDefault(m.AuthorUserId, "A former member"),
                    m.AuthorUserId == userId,
                    m.Text,
                    SessionTimes.Format(m.SentAtUtc, zone)))
                .ToList();
            return new Result(sides.Group.Id, sides.Group.Name, sides.Program.Id, sides.Program.Name, sides.Mentor.Name,
                sides.Members.Select(m => m.Name).ToList(), sides.IAmMentor, sides.Group.IsLive, sides.CanPlanSessions)
            {
                Sessions = sessions,
                Messages = messages,
            };
        }
    }
}

/// <summary>The group's mentor or one of its members writes in the group's thread; HR never reads it.</summary>
public static class PostGroupMessage
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int GroupId { get; set; }

        public string Text { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Text).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Write a message before sending it.")
                .MaximumLength(GroupMessage.TextMaxLength).WithMessage($"A message has at most {GroupMessage.TextMaxLength:N0} characters; shorten it.");
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var sides = await GroupRules.GroupAsync(db, command.GroupId, userId, cancellationToken) ?? throw new NotFoundException();
            var message = GroupMessage.Write(sides.Group, authorIsInGroup: true, userId, command.Text, clock.GetUtcNow().UtcDateTime);
            db.GroupMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            return message.Id;
        }
    }
}
