using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Enrolments;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class ViewProgramModel(IMediator mediator) : PageModel
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

    public static string Describe(PairResponse response) => response switch
    {
        PairResponse.Accepted => "Accepted",
        PairResponse.Declined => "Declined",
        _ => "Not answered yet",
    };

    public sealed record Topic(string Title, string SuggestedActivities, string? Skill);

    public sealed record MyEnrolment(int Id, Guid Version, ParticipantRole Role, EnrolmentStatus Status, string? DecisionReason, DateTime CreatedAtUtc);

    /// <summary>One of the caller's pairs, seen from their side: the partner, why the engine chose them, and both answers.</summary>
    public sealed record MyPair(
        int Id,
        Guid Version,
        ParticipantRole MyRole,
        PairStatus Status,
        string PartnerName,
        string PartnerDepartment,
        string PartnerJobLevel,
        string PartnerTimeZoneId,
        int ScorePercent,
        string Reasons,
        PairResponse MyResponse,
        PairResponse PartnerResponse,
        DateTime ProposedAtUtc)
    {
        public ParticipantRole PartnerRole => MyRole == ParticipantRole.Mentor ? ParticipantRole.Mentee : ParticipantRole.Mentor;

        public bool AwaitsMyAnswer => Status == PairStatus.Proposed && MyResponse == PairResponse.Pending;

        /// <summary>What the partner hopes to get from the program, in their own words from their enrolment.</summary>
        public string PartnerGoals { get; init; } = "";
    }

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

        /// <summary>The caller's proposed and accepted pairs, and their most recent declined one.</summary>
        public IReadOnlyList<MyPair> Pairs { get; init; } = [];
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
            var pairs = enrolment is null ? [] : await PairsAsync(enrolment, cancellationToken);
            return new Result(program.Id, program.Name, program.Objectives, program.Status, program.ArchivedAtUtc is not null,
                program.StartsOn, program.EndsOn, program.EnrolmentOpensOn, program.EnrolmentClosesOn,
                program.SessionCadenceDays, program.SessionMinutes, program.ExpectedSessions, program.Formats, topics,
                enrolment, EnrolmentRules.Refusal(program, EnrolmentRules.Today(clock))) { Pairs = pairs };
        }

        private async Task<List<MyPair>> PairsAsync(MyEnrolment enrolment, CancellationToken cancellationToken)
        {
            var all = await db.Pairs.AsNoTracking()
                .Where(p => p.MentorEnrolmentId == enrolment.Id || p.MenteeEnrolmentId == enrolment.Id)
                .Where(p => p.Status != PairStatus.Ended)
                .Select(p => new
                {
                    Pair = p,
                    Mentor = new { p.MentorEnrolment!.User!.DisplayName, p.MentorEnrolment.Department, p.MentorEnrolment.JobLevel, p.MentorEnrolment.TimeZoneId, p.MentorEnrolment.Goals },
                    Mentee = new { p.MenteeEnrolment!.User!.DisplayName, p.MenteeEnrolment.Department, p.MenteeEnrolment.JobLevel, p.MenteeEnrolment.TimeZoneId, p.MenteeEnrolment.Goals },
                })
                .ToListAsync(cancellationToken);
            var latestDeclined = all.Where(p => p.Pair.Status == PairStatus.Declined)
                .MaxBy(p => (p.Pair.MentorRespondedAtUtc > p.Pair.MenteeRespondedAtUtc ? p.Pair.MentorRespondedAtUtc : p.Pair.MenteeRespondedAtUtc) ?? p.Pair.ProposedAtUtc);
            return all.Where(p => Domain.Pair.LiveStatuses.Contains(p.Pair.Status) || p == latestDeclined)
                .OrderBy(p => p.Pair.Status == PairStatus.Declined).ThenByDescending(p => p.Pair.ProposedAtUtc).ThenBy(p => p.Pair.Id)
                .Select(p =>
                {
                    var amMentor = p.Pair.MentorEnrolmentId == enrolment.Id;
                    var partner = amMentor ? p.Mentee : p.Mentor;
                    return new MyPair(p.Pair.Id, p.Pair.Version, amMentor ? ParticipantRole.Mentor : ParticipantRole.Mentee, p.Pair.Status,
                        partner.DisplayName, partner.Department, partner.JobLevel, partner.TimeZoneId, p.Pair.ScorePercent, p.Pair.Reasons,
                        amMentor ? p.Pair.MentorResponse : p.Pair.MenteeResponse,
                        amMentor ? p.Pair.MenteeResponse : p.Pair.MentorResponse,
                        p.Pair.ProposedAtUtc)
                    { PartnerGoals = partner.Goals };
                })
                .ToList();
        }
    }
}
