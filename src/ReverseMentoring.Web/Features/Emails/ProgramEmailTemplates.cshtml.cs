using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Emails;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ProgramEmailTemplatesModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int ProgramId { get; set; }

    public ProgramEmailTemplates.Result List { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        List = await mediator.Send(new ProgramEmailTemplates.Query(ProgramId), cancellationToken);
}

/// <summary>The e-mails a program sends, each with HR's own wording or the built-in one.</summary>
public static class ProgramEmailTemplates
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Kind(EmailKind Value, string Title, string SentWhen, bool IsCustomised);

    public sealed record Result(int ProgramId, string ProgramName, IReadOnlyList<Kind> Kinds);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
            var customised = await db.EmailTemplates.AsNoTracking().Where(t => t.ProgramId == query.ProgramId).Select(t => t.Kind).ToListAsync(cancellationToken);
            return new Result(query.ProgramId, name,
                EmailKinds.All.Select(k => new Kind(k.Kind, k.Title, k.SentWhen, customised.Contains(k.Kind))).ToList());
        }
    }
}
