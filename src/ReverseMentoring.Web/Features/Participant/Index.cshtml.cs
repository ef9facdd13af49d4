using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Participant;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public MyMentoring.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new MyMentoring.Query(), cancellationToken);
}

/// <summary>A participant's home: who they are in the program and which programs are open to join.</summary>
public static class MyMentoring
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query : IQuery<Result>;

    public sealed record OpenProgram(int Id, string Name, string Objectives, DateOnly StartsOn, DateOnly EndsOn);

    public sealed record Result(string DisplayName, string TimeZoneId, IReadOnlyList<string> Roles, IReadOnlyList<OpenProgram> OpenPrograms);

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = current.RequireId();
            var me = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.DisplayName, u.TimeZoneId })
                .SingleAsync(cancellationToken);
            var roles = Data.Roles.All.Where(current.IsInRole).ToList();
            var open = await db.Programs.AsNoTracking()
                .Where(p => p.Status == ProgramStatus.Enrolling)
                .OrderBy(p => p.StartsOn)
                .Select(p => new OpenProgram(p.Id, p.Name, p.Objectives, p.StartsOn, p.EndsOn))
                .Take(50)
                .ToListAsync(cancellationToken);
            return new Result(me.DisplayName, me.TimeZoneId, roles, open);
        }
    }
}
