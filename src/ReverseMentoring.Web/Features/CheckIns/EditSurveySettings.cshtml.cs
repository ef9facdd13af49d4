using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.CheckIns;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class EditSurveySettingsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public EditSurveySettings.Command Data { get; set; } = new();

    public string ProgramName { get; private set; } = "";

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new EditSurveySettings.Query(ProgramId), cancellationToken);
        ProgramName = Data.ProgramName;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        await mediator.Send(Data, cancellationToken);
        Message = "The survey settings were saved.";
        return Redirect($"/Programs/{ProgramId}/CheckIns");
    }

    // The program's name is not posted, so every showing of the form reads it.
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        ProgramName = (await mediator.Send(new EditSurveySettings.Query(ProgramId), cancellationToken)).ProgramName;
    }
}

/// <summary>
/// HR sets when a program's surveys go out: the first milestone and the days between milestones, the end-of-pair survey
/// on or off, and how long after a pair ended it is asked whether it used what it learned (or not at all).
/// </summary>
public static class EditSurveySettings
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<Command>;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        /// <summary>Shown on the form only; not saved.</summary>
        public string ProgramName { get; set; } = "";

        public int? FirstMilestoneDay { get; set; }

        public int? MilestoneIntervalDays { get; set; }

        public bool EndOfPairSurvey { get; set; }

        /// <summary>Empty sends no "applied?" survey.</summary>
        public int? AppliedSurveyDays { get; set; }

        /// <summary>The version the form was filled from; a save over a newer one is refused.</summary>
        public Guid Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FirstMilestoneDay).NotNull().WithMessage("Give the day of the first check-in, for example 30.")
                .InclusiveBetween(1, SurveySettings.MaxDays).WithMessage(SurveySettings.FirstMilestoneMessage);
            RuleFor(c => c.MilestoneIntervalDays).NotNull().WithMessage("Give the days between check-ins, for example 60, or 0 for only the first.")
                .InclusiveBetween(0, SurveySettings.MaxDays).WithMessage(SurveySettings.IntervalMessage);
            RuleFor(c => c.AppliedSurveyDays).InclusiveBetween(1, SurveySettings.MaxDays).WithMessage(SurveySettings.AppliedMessage);
        }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name, p.Surveys, p.Version })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            return new Command
            {
                ProgramId = program.Id,
                ProgramName = program.Name,
                FirstMilestoneDay = program.Surveys.FirstMilestoneDay,
                MilestoneIntervalDays = program.Surveys.MilestoneIntervalDays,
                EndOfPairSurvey = program.Surveys.EndOfPairSurvey,
                AppliedSurveyDays = program.Surveys.AppliedSurveyDays,
                Version = program.Version,
            };
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", CheckInQuestions.ArchivedMessage);
            }

            db.Entry(program).Property(p => p.Version).OriginalValue = command.Version;
            program.Surveys = SurveySettings.Create(command.FirstMilestoneDay!.Value, command.MilestoneIntervalDays!.Value, command.EndOfPairSurvey,
                command.AppliedSurveyDays);
            program.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", EditProgram.ConflictMessage);
            }

            return Unit.Value;
        }
    }
}
