using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Resources;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ListResourcesModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public AddResource.Command Data { get; set; } = new();

    public ListResources.Result List { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        List = await mediator.Send(new ListResources.Query(ProgramId, page ?? 1), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        await mediator.Send(Data, cancellationToken);
        Message = $"\"{Data.Title.Trim()}\" was added.";
        return RedirectToPage(new { programId = ProgramId });
    }

    public async Task<IActionResult> OnPostRequiredAsync(int resourceId, bool required, CancellationToken cancellationToken)
    {
        var title = await mediator.Send(new SetResourceRequired.Command { ProgramId = ProgramId, ResourceId = resourceId, Required = required }, cancellationToken);
        Message = required ? $"\"{title}\" is now required before the first session." : $"\"{title}\" is no longer required.";
        return RedirectToPage(new { programId = ProgramId });
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        List ??= await mediator.Send(new ListResources.Query(ProgramId, 1), cancellationToken);
}

/// <summary>A program's resource library as HR manages it.</summary>
public static class ListResources
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int Page) : IQuery<Result>;

    public sealed record Row(int Id, string Title, string Description, ResourceAudience Audience, string? Url, string? FileName, long? SizeBytes, bool Required);

    public sealed record Result(int ProgramId, string ProgramName, bool IsArchived, long MaxFileBytes, IReadOnlyList<Row> Resources, int Page, int PageCount, int Total);

    public sealed class Handler(AppDbContext db, ResourceFiles files) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var resources = db.Resources.AsNoTracking().Where(r => r.ProgramId == query.ProgramId);
            var total = await resources.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var rows = await resources
                .OrderBy(r => r.Title).ThenBy(r => r.Id)
                .Page(page, PageSize)
                .Select(r => new Row(r.Id, r.Title, r.Description, r.Audience, r.Url, r.FileName, r.SizeBytes, r.RequiredBeforeFirstSession))
                .ToListAsync(cancellationToken);
            return new Result(program.Id, program.Name, program.ArchivedAtUtc is not null, files.MaxFileBytes, rows, page, pageCount, total);
        }
    }
}

/// <summary>HR adds training material to a program: a link, or a checked file stored outside wwwroot.</summary>
public static class AddResource
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }

        public string Title { get; set; } = "";

        public string? Description { get; set; }

        public ResourceAudience Audience { get; set; } = ResourceAudience.Both;

        /// <summary>Everyone it is for is asked to go through it before their first session.</summary>
        public bool RequiredBeforeFirstSession { get; set; }

        public string? Url { get; set; }

        public IFormFile? File { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ResourceFiles files)
        {
            RuleFor(c => c.Title)
                .Must(title => !string.IsNullOrWhiteSpace(title)).WithMessage("Give the resource a title.")
                .MaximumLength(Resource.TitleMaxLength).WithMessage($"A title has at most {Resource.TitleMaxLength} characters.");

            RuleFor(c => c.Description)
                .MaximumLength(Resource.DescriptionMaxLength).WithMessage($"A description has at most {Resource.DescriptionMaxLength} characters.");

            RuleFor(c => c.Audience)
                .IsInEnum().WithMessage("Choose who sees the resource: mentors, mentees or both.");

            When(c => !string.IsNullOrWhiteSpace(c.Url), () =>
            {
                RuleFor(c => c.Url).Cascade(CascadeMode.Stop)
                    .Must((command, _) => command.File is null).WithMessage("Give either a link or a file, not both.")
                    .MaximumLength(Resource.UrlMaxLength).WithMessage($"A link has at most {Resource.UrlMaxLength} characters.")
                    .Must(url => Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                    .WithMessage("Enter a full link that starts with https:// or http://.");
            }).Otherwise(() =>
            {
                RuleFor(c => c.File).CustomAsync(async (file, context, ct) =>
                {
                    if (file is null)
                    {
                        context.AddFailure("Enter a link, or choose a file to upload.");
                    }
                    else if (await files.ProblemWithAsync(file, ct) is { } problem)
                    {
                        context.AddFailure(problem);
                    }
                });
            });
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, ResourceFiles files, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", "This program is archived; its resources can no longer change.");
            }

            var resource = new Resource
            {
                ProgramId = program.Id,
                Title = command.Title.Trim(),
                Description = command.Description?.Trim() ?? "",
                Audience = command.Audience,
                RequiredBeforeFirstSession = command.RequiredBeforeFirstSession,
                AddedAtUtc = clock.GetUtcNow().UtcDateTime,
                AddedByUserId = current.RequireId(),
            };
            if (command.File is { } file)
            {
                resource.FileName = Path.GetFileName(file.FileName);
                resource.ContentType = ResourceFiles.ContentTypes[Path.GetExtension(resource.FileName)];
                resource.SizeBytes = file.Length;
                resource.StoredFileName = await files.SaveAsync(file, cancellationToken);
            }
            else
            {
                resource.Url = command.Url!.Trim();
            }

            try
            {
                db.Resources.Add(resource);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // No row, no file: an upload the database never heard of would never be cleaned up.
                if (resource.StoredFileName is not null)
                {
                    files.Delete(resource.StoredFileName);
                }

                throw;
            }

            return resource.Id;
        }
    }
}

/// <summary>HR marks a resource required before the first session, or no longer required.</summary>
public static class SetResourceRequired
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<string>
    {
        public int ProgramId { get; set; }

        public int ResourceId { get; set; }

        public bool Required { get; set; }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var resource = await db.Resources.Include(r => r.Program)
                .SingleOrDefaultAsync(r => r.Id == command.ResourceId && r.ProgramId == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (resource.Program!.ArchivedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", "This program is archived; its resources can no longer change.");
            }

            resource.RequiredBeforeFirstSession = command.Required;
            await db.SaveChangesAsync(cancellationToken);
            return resource.Title;
        }
    }
}
