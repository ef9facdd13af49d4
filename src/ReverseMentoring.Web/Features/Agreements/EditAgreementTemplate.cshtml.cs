using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Agreements;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class EditAgreementTemplateModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public EditAgreementTemplate.Command Data { get; set; } = new();

    public EditAgreementTemplate.Form Form { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new EditAgreementTemplate.Query(ProgramId), cancellationToken);
        Data = new EditAgreementTemplate.Command { GroundRules = Form.GroundRules, Cadence = Form.Cadence, Cancelling = Form.Cancelling };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        await mediator.Send(Data, cancellationToken);
        Message = "The agreement template was saved. Pairs that start their agreement from now on begin with it.";
        return LocalRedirect($"/Programs/{ProgramId}/Agreement");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form ??= await mediator.Send(new EditAgreementTemplate.Query(ProgramId), cancellationToken);
}

/// <summary>
/// HR words the program's pair agreement: the ground rules every pair signs, and the cadence and cancelling a pair
/// starts from. A pair's agreement already started keeps its own text; HR never reads a pair's agreement.
/// </summary>
public static class EditAgreementTemplate
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<Form>;

    public sealed record Form(int ProgramId, string ProgramName, bool IsArchived, string GroundRules, string Cadence, string Cancelling, bool IsCustomised);

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public int ProgramId { get; set; }

        public string? GroundRules { get; set; }

        public string? Cadence { get; set; }

        public string? Cancelling { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.GroundRules).NotEmpty().WithMessage("Write the ground rules every pair signs.")
                .MaximumLength(AgreementTerms.GroundRulesMaxLength).WithMessage($"At most {AgreementTerms.GroundRulesMaxLength:N0} characters; shorten them.");
            RuleFor(c => c.Cadence).NotEmpty().WithMessage("Say how often pairs meet.")
                .MaximumLength(AgreementTerms.TermMaxLength).WithMessage($"At most {AgreementTerms.TermMaxLength:N0} characters; shorten it.");
            RuleFor(c => c.Cancelling).NotEmpty().WithMessage("Say how a session is cancelled.")
                .MaximumLength(AgreementTerms.TermMaxLength).WithMessage($"At most {AgreementTerms.TermMaxLength:N0} characters; shorten it.");
        }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Form>
    {
        public async ValueTask<Form> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId)
                .Select(p => new { p.Name, p.ArchivedAtUtc }).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var customised = await db.AgreementTemplates.AnyAsync(t => t.ProgramId == query.ProgramId, cancellationToken);
            var template = await PairAgreements.TemplateAsync(db, query.ProgramId, cancellationToken);
            return new Form(query.ProgramId, program.Name, program.ArchivedAtUtc is not null, template.GroundRules, template.Cadence, template.Cancelling, customised);
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == command.ProgramId)
                .Select(p => new { p.ArchivedAtUtc }).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", "This program is archived; its agreement can no longer change.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var me = current.RequireId();
            var template = await db.AgreementTemplates.SingleOrDefaultAsync(t => t.ProgramId == command.ProgramId, cancellationToken);
            if (template is null)
            {
                db.AgreementTemplates.Add(AgreementTemplate.For(command.ProgramId, command.GroundRules!, command.Cadence!, command.Cancelling!, me, now));
            }
            else
            {
                template.Change(command.GroundRules!, command.Cadence!, command.Cancelling!, me, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
