using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class GiveKnowledgeFeedbackModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public GiveKnowledgeFeedback.Command Data { get; set; } = new();

    public GiveKnowledgeFeedback.Form Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Form = await mediator.Send(new GiveKnowledgeFeedback.Query(Id), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.SessionId = Id;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect(KnowledgeRules.Link(Id));
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form ??= await mediator.Send(new GiveKnowledgeFeedback.Query(Id), cancellationToken);
}

/// <summary>Each senior the host marked as having come rates the session once (1-5) with an optional comment.</summary>
public static class GiveKnowledgeFeedback
{
    public sealed record Form(int SessionId, string Title, string HostName, bool MayGive, bool Given);

    [AllowedRoles(Roles.Mentee)]
    public sealed record Query(int SessionId) : IQuery<Form>;

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Form>
    {
        public async ValueTask<Form> Handle(Query query, CancellationToken cancellationToken)
        {
            var (session, _) = await KnowledgeRules.SessionAsync(db, current, query.SessionId, track: false, cancellationToken);
            var seat = session.ActiveSeatOf(current.RequireId());
            var mayGive = session.Status == KnowledgeSessionStatus.Held && seat is { State: KnowledgeSeatState.Booked, Attended: true, Rating: null };
            return new Form(session.Id, session.Title, session.Host?.DisplayName ?? "", mayGive, seat?.Rating is not null);
        }
    }

    [AllowedRoles(Roles.Mentee)]
    public sealed class Command : ICommand<Unit>
    {
        public int SessionId { get; set; }

        public int Rating { get; set; }

        public string? Comment { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rating)
                .InclusiveBetween(KnowledgeSessionSeat.MinRating, KnowledgeSessionSeat.MaxRating)
                .WithMessage("Choose a rating from 1 (not useful) to 5 (very useful).");
            RuleFor(c => c.Comment)
                .MaximumLength(KnowledgeSessionSeat.CommentMaxLength)
                .WithMessage($"A comment has at most {KnowledgeSessionSeat.CommentMaxLength} characters; shorten it.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var (session, _) = await KnowledgeRules.SessionAsync(db, current, command.SessionId, track: true, cancellationToken);
            session.GiveFeedback(current.RequireId(), command.Rating, command.Comment, clock.GetUtcNow().UtcDateTime);
            await KnowledgeRules.SaveAsync(db, command, cancellationToken);
            return Unit.Value;
        }
    }
}
