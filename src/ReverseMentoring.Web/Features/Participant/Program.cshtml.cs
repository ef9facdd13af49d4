using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Participant;

public sealed class ProgramModel(IMediator mediator) : PageModel
{
    public ViewProgram.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int programId, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new ViewProgram.Query(programId), cancellationToken);
}

/// <summary>A program as a participant sees it, with their own enrolment in it, if any.</summary>
public static class ViewProgram
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Topic(string Title, string SuggestedActivities, string? Skill);

    public sealed record MyEnrolment(int Id, Guid Version, ParticipantRole Role, EnrolmentStatus Status, string? DecisionReason, DateTime CreatedAtUtc);

    public sealed record Result(
        int Id,
        string Name,
        string Objectives,
        ProgramStatus Status,
        bool IsArchived,
        DateOnly StartsOn,
        DateOnly EndsOn,
        DateOnly? EnrolmentOpensOn,
        DateOnly? EnrolmentClosesOn,
        int SessionCadenceDays,
        int SessionMinutes,
        int ExpectedSessions,
        SessionFormats Formats,
        IReadOnlyList<Topic> Topics,
        MyEnrolment? Enrolment,
        string? EnrolmentRefusal)
    {
        public bool AcceptsEnrolments => EnrolmentRefusal is null;
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var program = await db.Programs.AsNoTracking()
                .Include(p => p.Topics).ThenInclude(t => t.Skill)
                .SingleOrDefaultAsync(p => p.Id == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var enrolment = await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgramId == program.Id && e.UserId == userId)
                .Select(e => new MyEnrolment(e.Id, e.Version, e.Role, e.Status, e.DecisionReason, e.CreatedAtUtc))
                .SingleOrDefaultAsync(cancellationToken);

            // A draft is HR's work in progress: it does not exist for participants yet.
            if (program.Status == ProgramStatus.Draft && enrolment is null)
            {
                throw new NotFoundException();
            }

            var topics = program.Topics.OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
                .Select(t => new Topic(t.Title, t.SuggestedActivities, t.Skill?.Name))
                .ToList();
            return new Result(program.Id, program.Name, program.Objectives, program.Status, program.ArchivedAtUtc is not null,
                program.StartsOn, program.EndsOn, program.EnrolmentOpensOn, program.EnrolmentClosesOn,
                program.SessionCadenceDays, program.SessionMinutes, program.ExpectedSessions, program.Formats, topics,
                enrolment, EnrolmentRules.Refusal(program, EnrolmentRules.Today(clock)));
        }
    }
}
