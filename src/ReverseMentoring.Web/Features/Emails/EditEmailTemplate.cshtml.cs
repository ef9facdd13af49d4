using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Emails;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class EditEmailTemplateModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromRoute(Name = "kind")]
    public string KindName { get; set; } = "";

    [BindProperty]
    public EditEmailTemplate.Command Data { get; set; } = new();

    public EditEmailTemplate.Form Form { get; private set; } = null!;

    public RenderedEmail? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!EmailKinds.TryParse(KindName, out var kind))
        {
            return NotFound();
        }

        Form = await mediator.Send(new EditEmailTemplate.Query(ProgramId, kind.Kind), cancellationToken);
        Data.Subject = Form.Subject;
        Data.Body = Form.Body;
        return Page();
    }

    /// <summary>Shows the e-mail as it would go out, with sample values for the people; saves nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!EmailKinds.TryParse(KindName, out var kind))
        {
            return NotFound();
        }

        Data.ProgramId = ProgramId;
        Data.Kind = kind.Kind;
        Preview = await mediator.Send(new EditEmailTemplate.PreviewQuery(ProgramId, kind.Kind, Data.Subject ?? "", Data.Body ?? ""), cancellationToken);
        await ReloadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!EmailKinds.TryParse(KindName, out var kind))
        {
            return NotFound();
        }

        Data.ProgramId = ProgramId;
        Data.Kind = kind.Kind;
        await mediator.Send(Data, cancellationToken);
        TempData["Message"] = $"The wording of \"{kind.Title}\" was saved.";
        return LocalRedirect($"/Programs/{ProgramId}/Emails");
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        if (!EmailKinds.TryParse(KindName, out var kind))
        {
            return NotFound();
        }

        await mediator.Send(new EditEmailTemplate.ResetCommand(ProgramId, kind.Kind), cancellationToken);
        TempData["Message"] = $"\"{kind.Title}\" is back to the built-in wording.";
        return LocalRedirect($"/Programs/{ProgramId}/Emails");
    }

    // A refused form (or a preview) shows the page again with what was typed, and the placeholders beside it.
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (!EmailKinds.TryParse(KindName, out var kind))
        {
            throw new NotFoundException();
        }

        Form ??= await mediator.Send(new EditEmailTemplate.Query(ProgramId, kind.Kind), cancellationToken);
    }
}

/// <summary>
/// HR rewords one of a program's e-mails in Liquid, previews it with sample values, saves it, or goes back to the
/// built-in wording. Wording that cannot be read, or that names a placeholder the e-mail does not offer, is refused.
/// </summary>
public static class EditEmailTemplate
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, EmailKind Kind) : IQuery<Form>;

    public sealed record Form(int ProgramId, string ProgramName, bool IsArchived, EmailKindInfo Kind, string Subject, string Body, bool IsCustomised);

    /// <summary>The e-mail as it would go out with the wording posted; nothing is saved.</summary>
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record PreviewQuery(int ProgramId, EmailKind Kind, string Subject, string Body) : IQuery<RenderedEmail>;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public EmailKind Kind { get; set; }

        public string? Subject { get; set; }

        public string? Body { get; set; }
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record ResetCommand(int ProgramId, EmailKind Kind) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c).Custom((command, context) =>
            {
                if (Enum.IsDefined(command.Kind))
                {
                    foreach (var problem in EmailTemplating.Problems(EmailKinds.Of(command.Kind), new EmailWording(command.Subject ?? "", command.Body ?? "")))
                    {
                        context.AddFailure(problem.Field, problem.Message);
                    }
                }
            });
    }

    public sealed class PreviewValidator : AbstractValidator<PreviewQuery>
    {
        public PreviewValidator() =>
            RuleFor(c => c).Custom((query, context) =>
            {
                if (Enum.IsDefined(query.Kind))
                {
                    foreach (var problem in EmailTemplating.Problems(EmailKinds.Of(query.Kind), new EmailWording(query.Subject, query.Body)))
                    {
                        context.AddFailure(problem.Field, problem.Message);
                    }
                }
            });
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Form>
    {
        public async ValueTask<Form> Handle(Query query, CancellationToken cancellationToken)
        {
            var kind = KindOf(query.Kind);
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Name, p.ArchivedAtUtc }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
            var custom = await db.EmailTemplates.AsNoTracking()
                .SingleOrDefaultAsync(t => t.ProgramId == query.ProgramId && t.Kind == query.Kind, cancellationToken);
            return new Form(query.ProgramId, program.Name, program.ArchivedAtUtc is not null, kind,
                custom?.Subject ?? kind.DefaultSubject, custom?.Body ?? kind.DefaultBody, custom is not null);
        }
    }

    public sealed class PreviewHandler(AppDbContext db) : IQueryHandler<PreviewQuery, RenderedEmail>
    {
        public async ValueTask<RenderedEmail> Handle(PreviewQuery query, CancellationToken cancellationToken)
        {
            _ = KindOf(query.Kind);
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            return EmailTemplating.Render(new EmailWording(query.Subject, query.Body), ProgramEmails.PreviewValues(query.Kind, program));
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            _ = KindOf(command.Kind);
            await RequireChangeableAsync(db, command, command.ProgramId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var template = await db.EmailTemplates.SingleOrDefaultAsync(t => t.ProgramId == command.ProgramId && t.Kind == command.Kind, cancellationToken);
            if (template is null)
            {
                db.EmailTemplates.Add(ProgramEmailTemplate.For(command.ProgramId, command.Kind, command.Subject!, command.Body!, now, current.RequireId()));
            }
            else
            {
                template.Change(command.Subject!, command.Body!, now, current.RequireId());
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed class ResetHandler(AppDbContext db) : ICommandHandler<ResetCommand>
    {
        public async ValueTask<Unit> Handle(ResetCommand command, CancellationToken cancellationToken)
        {
            _ = KindOf(command.Kind);
            await RequireChangeableAsync(db, command, command.ProgramId, cancellationToken);
            if (await db.EmailTemplates.SingleOrDefaultAsync(t => t.ProgramId == command.ProgramId && t.Kind == command.Kind, cancellationToken) is { } template)
            {
                db.EmailTemplates.Remove(template);
                await db.SaveChangesAsync(cancellationToken);
            }

            return Unit.Value;
        }
    }

    private static EmailKindInfo KindOf(EmailKind kind) =>
        Enum.IsDefined(kind) ? EmailKinds.Of(kind) : throw new NotFoundException();

    private static async Task RequireChangeableAsync(AppDbContext db, object request, int programId, CancellationToken cancellationToken)
    {
        var archivedAt = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => new { p.ArchivedAtUtc }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException();
        if (archivedAt.ArchivedAtUtc is not null)
        {
            throw RequestValidationException.For(request, "", "This program is archived; its e-mails can no longer change.");
        }
    }
}
