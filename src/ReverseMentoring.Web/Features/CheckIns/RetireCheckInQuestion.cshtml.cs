using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.CheckIns;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class RetireCheckInQuestionModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromRoute]
    public int Id { get; set; }

    public EditCheckInQuestion.Details Question { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Question = await mediator.Send(new EditCheckInQuestion.Query(ProgramId, Id), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var text = await mediator.Send(new RetireCheckInQuestion.Command(ProgramId, Id), cancellationToken);
        Message = $"\"{text}\" was retired: it is no longer asked, and its answers are kept.";
        return Redirect($"/Programs/{ProgramId}/CheckIns");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Question ??= await mediator.Send(new EditCheckInQuestion.Query(ProgramId, Id), cancellationToken);
}

/// <summary>HR stops asking a question; the answers already given keep it.</summary>
public static class RetireCheckInQuestion
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Command(int ProgramId, int QuestionId) : ICommand<string>;

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var question = await db.CheckInQuestions
                .SingleOrDefaultAsync(q => q.Id == command.QuestionId && q.ProgramId == command.ProgramId && q.RetiredAtUtc == null, cancellationToken)
                ?? throw new NotFoundException();
            if (await db.Programs.AnyAsync(p => p.Id == command.ProgramId && p.ArchivedAtUtc != null, cancellationToken))
            {
                throw RequestValidationException.For(command, "", CheckInQuestions.ArchivedMessage);
            }

            question.RetiredAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return question.Text;
        }
    }
}
