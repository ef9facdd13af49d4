using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Resources;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class MyProgramResourcesModel(IMediator mediator) : PageModel
{
    public MyProgramResources.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int programId, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new MyProgramResources.Query(programId), cancellationToken);
}

/// <summary>The resources of a program the participant is enrolled in, for their side and for everyone.</summary>
public static class MyProgramResources
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Row(int Id, string Title, string Description, string? Url, string? FileName, long? SizeBytes);

    public sealed record Result(int ProgramId, string ProgramName, ParticipantRole Role, IReadOnlyList<Row> Resources);

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var enrolment = await db.Enrolments.AsNoTracking().GivingAccess(query.ProgramId, current.RequireId())
                .Select(e => new { e.Role, ProgramName = e.Program!.Name })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
            var audiences = ResourceAudiences.VisibleTo(enrolment.Role);
            var rows = await db.Resources.AsNoTracking()
                .Where(r => r.ProgramId == query.ProgramId && audiences.Contains(r.Audience))
                .OrderBy(r => r.Title).ThenBy(r => r.Id)
                .Select(r => new Row(r.Id, r.Title, r.Description, r.Url, r.FileName, r.SizeBytes))
                .ToListAsync(cancellationToken);
            return new Result(query.ProgramId, enrolment.ProgramName, enrolment.Role, rows);
        }
    }
}
