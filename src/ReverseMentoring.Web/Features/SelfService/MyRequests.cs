using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.SelfService;

/// <summary>
/// Self-service on a participant's home: as a mentee, the programs where they may choose a mentor and their requests'
/// states; as a mentor, the requests waiting for their answer with the due date.
/// </summary>
public static class MyRequests
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query : IQuery<Result>;

    public sealed record Asked(int Id, int ProgramId, string ProgramName, string MentorName, int ChoiceOrder, MentorRequestState State, DateTime? AnswerDueAtUtc);

    public sealed record ToAnswer(int Id, string ProgramName, string MenteeName, DateTime AnswerDueAtUtc, DateTime? SentAtUtc);

    public sealed record Choosing(int ProgramId, string ProgramName);

    public sealed record MentorOf(int ProgramId, string ProgramName);

    public sealed record Result(IReadOnlyList<Asked> MyAsks, IReadOnlyList<ToAnswer> ToAnswer, IReadOnlyList<Choosing> MayChoose, IReadOnlyList<MentorOf> Mentoring)
    {
        public static Result None { get; } = new([], [], [], []);

        public bool Any => MyAsks.Count > 0 || ToAnswer.Count > 0 || MayChoose.Count > 0 || Mentoring.Count > 0;
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var person = await ParticipantIds.LoadAsync(db, current.RequireId(), cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            return await ForAsync(db, person, await ToAnswerAsync(db, person, now, cancellationToken), cancellationToken);
        }
    }

    /// <summary>The requests from mentees waiting for this mentor's answer, soonest due first (also the home's to-do items).</summary>
    public static async Task<IReadOnlyList<ToAnswer>> ToAnswerAsync(AppDbContext db, ParticipantIds person, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        var asMentor = person.Enrolments.Where(e => e.Role == ParticipantRole.Mentor).Select(e => e.Id).ToList();
        return asMentor.Count == 0 ? [] : await db.MentorRequests.AsNoTracking()
            .WhereIdIn(r => r.MentorEnrolmentId, asMentor)
            .Where(r => r.State == MentorRequestState.Sent && r.AnswerDueAtUtc > now)
            .OrderBy(r => r.AnswerDueAtUtc).ThenBy(r => r.Id)
            .Select(r => new ToAnswer(r.Id, r.MentorEnrolment!.Program!.Name, r.MenteeEnrolment!.User!.DisplayName, r.AnswerDueAtUtc!.Value, r.SentAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The person's requests both ways, for the participant's home, which has read their enrolments and the requests waiting
    /// for their answer already: only the sides and programs the person is in are asked for.
    /// </summary>
    public static async Task<Result> ForAsync(AppDbContext db, ParticipantIds person, IReadOnlyList<ToAnswer> toAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        var userId = person.UserId;
        var selfService = !person.Enrolments.Any(e => e.Mode == MatchingMode.SelfService) ? [] : await db.Enrolments.AsNoTracking()
            .Where(e => e.UserId == userId && e.Status == EnrolmentStatus.Approved && e.Program!.ArchivedAtUtc == null
                && e.Program.Matching.Mode == MatchingMode.SelfService
                && (e.Program.Status == ProgramStatus.Matching || e.Program.Status == ProgramStatus.Running))
            .Select(e => new SelfServiceEnrolment(
                e.ProgramId,
                e.Program!.Name,
                e.Role,
                db.Pairs.Any(p => (p.MenteeEnrolmentId == e.Id || p.MentorEnrolmentId == e.Id) && Pair.LiveStatuses.Contains(p.Status))))
            .ToListAsync(cancellationToken);
        var asks = !person.Enrolments.Any(e => e.Role == ParticipantRole.Mentee) ? [] : await db.MentorRequests.AsNoTracking()
            .Where(r => r.MenteeEnrolment!.UserId == userId && r.MenteeEnrolment.Program!.ArchivedAtUtc == null)
            .OrderByDescending(r => r.CreatedAtUtc).ThenBy(r => r.ChoiceOrder)
            .Take(20)
            .Select(r => new Asked(r.Id, r.ProgramId, r.MenteeEnrolment!.Program!.Name, r.MentorEnrolment!.User!.DisplayName, r.ChoiceOrder, r.State, r.AnswerDueAtUtc))
            .ToListAsync(cancellationToken);
        return new Result(
            asks,
            toAnswer,
            selfService.Where(e => e.Role == ParticipantRole.Mentee && !e.Paired).Select(e => new Choosing(e.ProgramId, e.Name)).ToList(),
            selfService.Where(e => e.Role == ParticipantRole.Mentor).Select(e => new MentorOf(e.ProgramId, e.Name)).ToList());
    }

    private sealed record SelfServiceEnrolment(int ProgramId, string Name, ParticipantRole Role, bool Paired);
}
