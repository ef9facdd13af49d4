using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Programs;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class CopyProgramModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public CopyProgram.Command Data { get; set; } = new();

    public CopyProgram.Source Source { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Source = await mediator.Send(new CopyProgram.Query(Id), cancellationToken);
        Data = Source.Suggested;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.SourceId = Id;
        var id = await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/Programs/{id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Source ??= await mediator.Send(new CopyProgram.Query(Id), cancellationToken);
}

/// <summary>
/// HR starts a new draft from an existing program: its settings, matching rules, topics, check-in questions, resources
/// (files copied, so the copy keeps them whatever becomes of the original) and e-mail wording; never its people.
/// </summary>
public static class CopyProgram
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int Id) : IQuery<Source>;

    public sealed record Source(int Id, string Name, DateOnly StartsOn, DateOnly EndsOn, Command Suggested);

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<int>
    {
        public int SourceId { get; set; }

        public string? Name { get; set; }

        public DateOnly? StartsOn { get; set; }

        public DateOnly? EndsOn { get; set; }

        public DateOnly? EnrolmentOpensOn { get; set; }

        public DateOnly? EnrolmentClosesOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter a name for the program.")
                .MaximumLength(MentoringProgram.NameMaxLength).WithMessage($"A program name has at most {MentoringProgram.NameMaxLength} characters.")
                .MustAsync(async (name, ct) => !await ProgramNames.IsTakenAsync(db, name!, null, ct))
                .WithMessage("Another program has this name already. Choose a different name.");
            RuleFor(c => c.StartsOn).NotNull().WithMessage("Enter the date the program starts.");
            RuleFor(c => c.StartsOn).WithinSupportedDates();
            RuleFor(c => c.EndsOn).WithinSupportedDates();
            RuleFor(c => c.EnrolmentOpensOn).WithinSupportedDates();
            RuleFor(c => c.EnrolmentClosesOn).WithinSupportedDates();
            RuleFor(c => c.EndsOn).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Enter the date the program ends.")
                .GreaterThan(c => c.StartsOn).When(c => c.StartsOn is not null, ApplyConditionTo.CurrentValidator).WithMessage("End date must be after the start date.");
            RuleFor(c => c.EnrolmentOpensOn).NotNull().When(c => c.EnrolmentClosesOn is not null)
                .WithMessage("Enter the date enrolment opens too, or clear both enrolment dates.");
            RuleFor(c => c.EnrolmentClosesOn).NotNull().When(c => c.EnrolmentOpensOn is not null)
                .WithMessage("Enter the date enrolment closes too, or clear both enrolment dates.");
            RuleFor(c => c.EnrolmentClosesOn).GreaterThan(c => c.EnrolmentOpensOn)
                .When(c => c.EnrolmentOpensOn is not null && c.EnrolmentClosesOn is not null)
                .WithMessage("Enrolment must close after it opens.");
            RuleFor(c => c.EnrolmentClosesOn).LessThanOrEqualTo(c => c.EndsOn)
                .When(c => c.EnrolmentClosesOn is not null && c.EndsOn is not null)
                .WithMessage("The enrolment window must close by the program's end date.");
        }
    }

    public sealed class QueryHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Source>
    {
        public async ValueTask<Source> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException();

            // The same length and enrolment window as the original, starting a month from today.
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var shift = today.AddMonths(1).DayNumber - program.StartsOn.DayNumber;
            var name = $"{program.Name} (copy)";
            return new Source(program.Id, program.Name, program.StartsOn, program.EndsOn, new Command
            {
                SourceId = program.Id,
                Name = name.Length > MentoringProgram.NameMaxLength ? name[..MentoringProgram.NameMaxLength] : name,
                StartsOn = program.StartsOn.AddDays(shift),
                EndsOn = program.EndsOn.AddDays(shift),
                EnrolmentOpensOn = program.EnrolmentOpensOn?.AddDays(shift),
                EnrolmentClosesOn = program.EnrolmentClosesOn?.AddDays(shift),
            });
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, ResourceFiles files, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var source = await db.Programs.AsNoTracking().Include(p => p.Topics).SingleOrDefaultAsync(p => p.Id == command.SourceId, cancellationToken)
                ?? throw new NotFoundException();
            var now = clock.GetUtcNow().UtcDateTime;
            var by = current.RequireId();
            var copy = source.CopyAsDraft(command.Name!, command.StartsOn!.Value, command.EndsOn!.Value, command.EnrolmentOpensOn, command.EnrolmentClosesOn, now, by);
            db.Programs.Add(copy);
            await db.SaveChangesAsync(cancellationToken);

            var questions = await db.CheckInQuestions.AsNoTracking()
                .Where(q => q.ProgramId == source.Id && q.RetiredAtUtc == null).ToListAsync(cancellationToken);
            db.CheckInQuestions.AddRange(questions.Select(q => q.CopyFor(copy.Id)));
            var growthAreas = await db.GrowthAreas.AsNoTracking()
                .Where(a => a.ProgramId == source.Id && a.RetiredAtUtc == null).OrderBy(a => a.SortOrder).ToListAsync(cancellationToken);
            db.GrowthAreas.AddRange(growthAreas.Count == 0 ? GrowthArea.DefaultsFor(copy.Id) : growthAreas.Select(a => a.CopyFor(copy.Id)));
            var templates = await db.EmailTemplates.AsNoTracking().Where(t => t.ProgramId == source.Id).ToListAsync(cancellationToken);
            db.EmailTemplates.AddRange(templates.Select(t => t.CopyFor(copy.Id, now, by)));

            var copiedFiles = new List<string>();
            try
            {
                foreach (var resource in await db.Resources.AsNoTracking().Where(r => r.ProgramId == source.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken))
                {
                    string? storedCopy = null;
                    if (resource.StoredFileName is { } stored)
                    {
                        // A file that is gone from the disk cannot be copied; the resource is left out rather than broken.
                        storedCopy = await files.CopyAsync(stored, cancellationToken);
                        if (storedCopy is null)
                        {
                            continue;
                        }

                        copiedFiles.Add(storedCopy);
                    }

                    db.Resources.Add(resource.CopyFor(copy.Id, storedCopy, now, by));
                }

                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // Nothing of the copy is kept, its files neither.
                copiedFiles.ForEach(files.Delete);
                throw;
            }

            return copy.Id;
        }
    }
}
