using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Skills;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class GrowthAreasModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public AddGrowthArea.Command Data { get; set; } = new();

    [BindProperty]
    public RenameGrowthArea.Command Rename { get; set; } = new();

    [BindProperty]
    public RetireGrowthArea.Command Retire { get; set; } = new();

    public ProgramGrowthAreas.Result List { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        List = await mediator.Send(new ProgramGrowthAreas.Query(ProgramId), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        await mediator.Send(Data, cancellationToken);
        Message = Data.Defaults ? "The usual growth areas were added." : $"\"{Data.Name.Trim()}\" was added.";
        return Redirect($"/Programs/{ProgramId}/GrowthAreas");
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken cancellationToken)
    {
        Rename.ProgramId = ProgramId;
        await mediator.Send(Rename, cancellationToken);
        Message = $"Renamed to \"{Rename.Name.Trim()}\".";
        return Redirect($"/Programs/{ProgramId}/GrowthAreas");
    }

    public async Task<IActionResult> OnPostRetireAsync(CancellationToken cancellationToken)
    {
        Retire.ProgramId = ProgramId;
        await mediator.Send(Retire, cancellationToken);
        Message = Retire.Retire ? "Retired: juniors no longer rate it; its ratings stay." : "Back in use: juniors rate it again.";
        return Redirect($"/Programs/{ProgramId}/GrowthAreas");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        List ??= await mediator.Send(new ProgramGrowthAreas.Query(ProgramId), cancellationToken);
}

/// <summary>HR's list of what the program's juniors rate their own growth in, with how many ratings each has.</summary>
public static class ProgramGrowthAreas
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Area(int Id, string Name, int SortOrder, bool Retired, int Ratings);

    public sealed record Result(int ProgramId, string ProgramName, bool IsArchived, IReadOnlyList<Area> Areas);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Id, p.Name, p.ArchivedAtUtc }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
            var areas = await db.GrowthAreas.AsNoTracking().Where(a => a.ProgramId == program.Id)
                .OrderBy(a => a.RetiredAtUtc != null).ThenBy(a => a.SortOrder).ThenBy(a => a.Id)
                .Select(a => new Area(a.Id, a.Name, a.SortOrder, a.RetiredAtUtc != null, db.GrowthRatings.Count(r => r.GrowthAreaId == a.Id)))
                .ToListAsync(cancellationToken);
            return new Result(program.Id, program.Name, program.ArchivedAtUtc is not null, areas);
        }
    }
}

internal static class GrowthAreaRules
{
    public const string ArchivedMessage = "This program is archived; its growth areas can no longer change.";

    public const string DuplicateMessage = "This program already has a growth area of that name.";

    public static void NameRules<T>(IRuleBuilderInitial<T, string> rule) => rule
        .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Give the growth area a name, for example \"Coaching\".")
        .Must(name => (name?.Trim().Length ?? 0) <= GrowthArea.NameMaxLength)
        .WithMessage($"A growth area's name has at most {GrowthArea.NameMaxLength} characters; shorten it.");

    public static async Task<MentoringProgram> OpenProgramAsync(AppDbContext db, object command, int programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken) ?? throw new NotFoundException();
        return program.ArchivedAtUtc is not null ? throw RequestValidationException.For(command, "", ArchivedMessage) : program;
    }
}

/// <summary>HR adds a growth area to the program, or (with <see cref="Command.Defaults"/>) the usual four to an empty list.</summary>
public static class AddGrowthArea
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public string Name { get; set; } = "";

        public bool Defaults { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => When(c => !c.Defaults, () => GrowthAreaRules.NameRules(RuleFor(c => c.Name)));
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await GrowthAreaRules.OpenProgramAsync(db, command, command.ProgramId, cancellationToken);
            var existing = await db.GrowthAreas.Where(a => a.ProgramId == program.Id).ToListAsync(cancellationToken);
            if (command.Defaults)
            {
                if (existing.Count > 0)
                {
                    throw RequestValidationException.For(command, "", "This program has growth areas already; add or rename them one by one.");
                }

                db.GrowthAreas.AddRange(GrowthArea.DefaultsFor(program.Id));
            }
            else
            {
                var name = command.Name.Trim();
                if (existing.Any(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw RequestValidationException.For(command, nameof(Command.Name), GrowthAreaRules.DuplicateMessage);
                }

                db.GrowthAreas.Add(new GrowthArea { ProgramId = program.Id, Name = name, SortOrder = existing.Count == 0 ? 1 : existing.Max(a => a.SortOrder) + 1 });
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>HR renames a growth area; its ratings keep their place under the new name.</summary>
public static class RenameGrowthArea
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int AreaId { get; set; }

        public string Name { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => GrowthAreaRules.NameRules(RuleFor(c => c.Name));
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await GrowthAreaRules.OpenProgramAsync(db, command, command.ProgramId, cancellationToken);
            var area = await db.GrowthAreas.SingleOrDefaultAsync(a => a.Id == command.AreaId && a.ProgramId == program.Id, cancellationToken)
                ?? throw new NotFoundException();
            var name = command.Name.Trim();
            var others = await db.GrowthAreas.Where(a => a.ProgramId == program.Id && a.Id != area.Id).Select(a => a.Name).ToListAsync(cancellationToken);
            if (others.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw RequestValidationException.For(command, nameof(Command.Name), GrowthAreaRules.DuplicateMessage);
            }

            area.Rename(name);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>HR retires a growth area (juniors no longer rate it; its ratings stay) or puts it back in use.</summary>
public static class RetireGrowthArea
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public int AreaId { get; set; }

        /// <summary>True retires it; false puts it back in use.</summary>
        public bool Retire { get; set; } = true;
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await GrowthAreaRules.OpenProgramAsync(db, command, command.ProgramId, cancellationToken);
            var area = await db.GrowthAreas.SingleOrDefaultAsync(a => a.Id == command.AreaId && a.ProgramId == program.Id, cancellationToken)
                ?? throw new NotFoundException();
            if (command.Retire)
            {
                area.Retire(clock.GetUtcNow().UtcDateTime);
            }
            else
            {
                area.Reinstate();
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
