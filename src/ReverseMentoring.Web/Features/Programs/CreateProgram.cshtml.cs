using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class CreateProgramModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [BindProperty]
    public CreateProgram.Command Data { get; set; } = new();

    public IReadOnlyList<ProgramSkillChoices.Choice> Skills { get; private set; } = [];

    public IReadOnlyList<CreateProgram.StartingPoint> Programs { get; private set; } = [];

    /// <summary>What the form starts from: "blank", "template:{key}" or "program:{id}".</summary>
    [FromQuery(Name = "from")]
    public string? From { get; set; }

    public async Task<IActionResult> OnGetAsync([FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (From?.StartsWith("program:", StringComparison.Ordinal) == true)
        {
            // Copying a program keeps more than the form shows (check-in questions, resources, e-mails): its own page does it.
            return int.TryParse(From.AsSpan(8), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? LocalRedirect($"/Programs/{id}/Copy") : NotFound();
        }

        Data.Formats = [SessionFormats.InPerson, SessionFormats.Virtual];
        if (From?.StartsWith("template:", StringComparison.Ordinal) == true)
        {
            var template = ProgramTemplates.Find(From[9..]);
            if (template is null)
            {
                return NotFound();
            }

            template.FillIn(Data, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        }

        await ReloadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Programs/{id}");
    }

    // The skill choices and the empty topic rows are not posted, so every showing of the form adds them.
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Skills = await mediator.Send(new ProgramSkillChoices.Query(null), cancellationToken);
        Programs = await mediator.Send(new CreateProgram.StartingPoints(), cancellationToken);
        Data.AddBlankTopicRows();
    }
}

/// <summary>HR sets up a new program; it starts as a draft that nobody else sees yet.</summary>
public static class CreateProgram
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ProgramForm, ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db) => Include(new ProgramFormRules<Command>(db, _ => null));
    }

    /// <summary>The programs a new one may be copied from, newest first.</summary>
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record StartingPoints : IQuery<IReadOnlyList<StartingPoint>>;

    public sealed record StartingPoint(int Id, string Name, bool IsArchived);

    public sealed class StartingPointsHandler(AppDbContext db) : IQueryHandler<StartingPoints, IReadOnlyList<StartingPoint>>
    {
        public async ValueTask<IReadOnlyList<StartingPoint>> Handle(StartingPoints query, CancellationToken cancellationToken) =>
            await db.Programs.AsNoTracking().OrderByDescending(p => p.StartsOn).ThenBy(p => p.Name)
                .Select(p => new StartingPoint(p.Id, p.Name, p.ArchivedAtUtc != null)).ToListAsync(cancellationToken);
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var creatorId = current.RequireId();
            var program = new MentoringProgram
            {
                Status = ProgramStatus.Draft,
                CreatedAtUtc = now,
                CreatedByUserId = creatorId,
            };
            _ = command.ApplyTo(program);

            // Whoever sets a program up coordinates it until they hand it on.
            program.AddCoordinator(creatorId, now);
            db.Programs.Add(program);
            await db.SaveChangesAsync(cancellationToken);

            // Every new program, blank or from a template, starts with the surveys after the end; HR rewords or retires them.
            db.CheckInQuestions.AddRange(CheckInQuestion.StarterSurveysFor(program.Id));
            db.GrowthAreas.AddRange(GrowthArea.DefaultsFor(program.Id));
            await db.SaveChangesAsync(cancellationToken);
            return program.Id;
        }
    }
}
