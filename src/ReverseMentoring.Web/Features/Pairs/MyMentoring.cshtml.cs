using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Pairs;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class MyMentoringModel(IMediator mediator) : PageModel
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

    /// <summary>A program in the Enrolling state; <see cref="EnrolmentRefusal"/> says why it takes no enrolment today, if so.</summary>
    public sealed record OpenProgram(int Id, string Name, string Objectives, DateOnly StartsOn, DateOnly EndsOn, string? EnrolmentRefusal = null)
    {
        public bool AcceptsEnrolments => EnrolmentRefusal is null;
    }

    public sealed record MyEnrolment(int ProgramId, string ProgramName, ParticipantRole Role, EnrolmentStatus Status)
    {
        /// <summary>A proposed pair in this program waits for this person's accept or decline.</summary>
        public bool PairAwaitsAnswer { get; init; }
    }

    public sealed record Result(string DisplayName, string TimeZoneId, IReadOnlyList<string> Roles, IReadOnlyList<OpenProgram> OpenPrograms)
    {
        public IReadOnlyList<MyEnrolment> Enrolments { get; init; } = [];

        /// <summary>Check-ins sent to this person and not answered yet.</summary>
        public int OpenCheckIns { get; init; }

        /// <summary>Held sessions of this person's pairs still waiting for their feedback.</summary>
        public int PendingFeedback { get; init; }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = current.RequireId();
            var me = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.DisplayName, u.TimeZoneId })
                .SingleAsync(cancellationToken);
            var roles = Domain.Roles.All.Where(current.IsInRole).ToList();
            var today = EnrolmentRules.Today(clock);
            var open = (await db.Programs.AsNoTracking()
                .Where(p => p.Status == ProgramStatus.Enrolling && p.ArchivedAtUtc == null)
                .OrderBy(p => p.StartsOn)
                .Take(50)
                .ToListAsync(cancellationToken))
                .Select(p => new OpenProgram(p.Id, p.Name, p.Objectives, p.StartsOn, p.EndsOn, EnrolmentRules.Refusal(p, today)))
                .ToList();
            var enrolments = await db.Enrolments.AsNoTracking()
                .Where(e => e.UserId == id)
                .OrderByDescending(e => e.Program!.StartsOn)
                .Select(e => new MyEnrolment(e.ProgramId, e.Program!.Name, e.Role, e.Status)
                {
                    PairAwaitsAnswer = db.Pairs.Any(p => p.Status == PairStatus.Proposed
                        && ((p.MentorEnrolmentId == e.Id && p.MentorResponse == PairResponse.Pending)
                            || (p.MenteeEnrolmentId == e.Id && p.MenteeResponse == PairResponse.Pending))),
                })
                .ToListAsync(cancellationToken);
            var openCheckIns = await Features.CheckIns.MyCheckIns.OpenCountAsync(db, id, cancellationToken);
            var pendingFeedback = await SessionFeedback.MyFeedback.PendingFor(db, id).CountAsync(cancellationToken);
            return new Result(me.DisplayName, me.TimeZoneId, roles, open)
            {
                Enrolments = enrolments, OpenCheckIns = openCheckIns, PendingFeedback = pendingFeedback,
            };
        }
    }
}
