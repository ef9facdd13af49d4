using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
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
public sealed class MyProgramResourcesModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    public MyProgramResources.Result Data { get; private set; } = null!;

    [BindProperty]
    public MarkResourceDone.Command Done { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new MyProgramResources.Query(ProgramId), cancellationToken);

    public async Task<IActionResult> OnPostDoneAsync(CancellationToken cancellationToken)
    {
        Done.ProgramId = ProgramId;
        var title = await mediator.Send(Done, cancellationToken);
        Message = $"\"{title}\" is marked done.";
        return Redirect($"/Participant/Programs/{ProgramId}/Resources");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Data ??= await mediator.Send(new MyProgramResources.Query(ProgramId), cancellationToken);
}

/// <summary>The resources of a program the participant is enrolled in, for their side and for everyone.</summary>
public static class MyProgramResources
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Row(int Id, string Title, string Description, string? Url, string? FileName, long? SizeBytes, bool Required, DateOnly? DoneOn);

    /// <summary><paramref name="Today"/> is the person's own day, in their profile zone: the date a "done" form starts from.</summary>
    public sealed record Result(int ProgramId, string ProgramName, ParticipantRole Role, IReadOnlyList<Row> Resources, DateOnly Today)
    {
        public int RequiredLeft => Resources.Count(r => r.Required && r.DoneOn is null);
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var enrolment = await db.Enrolments.AsNoTracking().GivingAccess(query.ProgramId, me)
                .Select(e => new { e.Role, ProgramName = e.Program!.Name })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
            var audiences = ResourceAudiences.VisibleTo(enrolment.Role);
            var rows = await db.Resources.AsNoTracking()
                .Where(r => r.ProgramId == query.ProgramId && audiences.Contains(r.Audience))
                .OrderByDescending(r => r.RequiredBeforeFirstSession).ThenBy(r => r.Title).ThenBy(r => r.Id)
                .Select(r => new Row(r.Id, r.Title, r.Description, r.Url, r.FileName, r.SizeBytes, r.RequiredBeforeFirstSession,
                    db.ResourceCompletions.Where(d => d.ResourceId == r.Id && d.UserId == me).Select(d => (DateOnly?)d.CompletedOn).FirstOrDefault()))
                .ToListAsync(cancellationToken);
            var zone = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
            return new Result(query.ProgramId, enrolment.ProgramName, enrolment.Role, rows, SessionTimes.LocalDate(clock.GetUtcNow().UtcDateTime, zone));
        }
    }
}

/// <summary>
/// A participant marks a resource of their program done, with the day they did it (their own record only; marking it
/// again moves the day). A resource they cannot see, or of another program, is not found.
/// </summary>
public static class MarkResourceDone
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<string>
    {
        public int ProgramId { get; set; }

        public int ResourceId { get; set; }

        public DateOnly? CompletedOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CompletedOn).NotNull().WithMessage("Enter the day you did it.").WithinSupportedDates();
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var roles = await db.Enrolments.AsNoTracking().GivingAccess(command.ProgramId, me).Select(e => e.Role).ToListAsync(cancellationToken);
            var audiences = roles.SelectMany(ResourceAudiences.VisibleTo).ToList();
            var resource = await db.Resources.AsNoTracking()
                .SingleOrDefaultAsync(r => r.Id == command.ResourceId && r.ProgramId == command.ProgramId && audiences.Contains(r.Audience), cancellationToken)
                ?? throw new NotFoundException();
            var earlier = await db.ResourceCompletions.SingleOrDefaultAsync(d => d.ResourceId == resource.Id && d.UserId == me, cancellationToken);
            var zone = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                var done = resource.MarkDoneBy(me, command.CompletedOn!.Value, SessionTimes.LocalDate(now, zone), earlier, now);
                if (earlier is null)
                {
                    db.ResourceCompletions.Add(done);
                }
            }
            catch (DomainRuleException e)
            {
                throw RequestValidationException.For(command, nameof(Command.CompletedOn), e.Message);
            }

            await db.SaveChangesAsync(cancellationToken);
            return resource.Title;
        }
    }
}
