using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
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

    public SelfService.MyRequests.Result Requests { get; private set; } = null!;

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new MyMentoring.Query(), cancellationToken);
        Requests = Data.Requests;
    }
}

/// <summary>
/// A participant's home: their live pairs with the partner's card and the next session, what they have to do next
/// (<see cref="ParticipantToDo"/>), their enrolments and the programs open to join.
/// </summary>
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

    /// <summary>The partner as their card shows them: their own words for their goals, their zone and the time there now.</summary>
    public sealed record Partner(string Name, ParticipantRole Role, string Department, string JobLevel, string TimeZoneId, string LocalTimeNow, string Goals);

    /// <summary>The pair's next planned session, shown in the viewer's zone.</summary>
    public sealed record NextSession(int Id, string When, SessionFormats Format, string Location)
    {
        public bool IsMeetingLink => Format == SessionFormats.Virtual && SessionRules.IsMeetingLink(Location);
    }

    /// <summary>A recommended topic of the program and whether one of the pair's held sessions covered it.</summary>
    public sealed record TopicProgress(string Title, bool Covered);

    /// <summary>A proposed or confirmed pair of this person.</summary>
    public sealed record LivePair(int Id, Guid Version, int ProgramId, string ProgramName, PairStatus Status, PairResponse MyResponse, int ScorePercent, string Reasons, Partner Partner)
    {
        public NextSession? Next { get; init; }

        public IReadOnlyList<TopicProgress> Topics { get; init; } = [];

        public int HeldSessions { get; init; }

        /// <summary>The pair's goals, both sides', in their owners' words.</summary>
        public IReadOnlyList<Goals.PairGoals.Goal> Goals { get; init; } = [];

        /// <summary>Messages from the partner this person has not read.</summary>
        public int UnreadMessages { get; init; }

        /// <summary>Whether both signed the pair's current agreement.</summary>
        public bool AgreementSigned { get; init; }

        public bool AwaitsMyAnswer => Status == PairStatus.Proposed && MyResponse == PairResponse.Pending;
    }

    public sealed record Result(string DisplayName, string TimeZoneId, IReadOnlyList<string> Roles, IReadOnlyList<OpenProgram> OpenPrograms)
    {
        public IReadOnlyList<LivePair> Pairs { get; init; } = [];

        public IReadOnlyList<ParticipantAction> ToDo { get; init; } = [];

        public IReadOnlyList<MyEnrolment> Enrolments { get; init; } = [];

        /// <summary>Check-ins sent to this person and not answered yet.</summary>
        public int OpenCheckIns { get; init; }

        /// <summary>Held sessions of this person's pairs still waiting for their feedback.</summary>
        public int PendingFeedback { get; init; }

        /// <summary>The live groups this person leads or belongs to.</summary>
        public IReadOnlyList<MyGroup> Groups { get; init; } = [];

        /// <summary>Programs where this person mentors two or more accepted mentees not yet in a group: they can start one.</summary>
        public IReadOnlyList<GroupableProgram> CanStartGroupIn { get; init; } = [];

        /// <summary>Whether the person ranks partners in a preference-led program (those to-do items are read on every view).</summary>
        public bool RanksPartners { get; init; }

        /// <summary>Self-service: the mentors this person asked, the requests waiting for their answer, where they may choose.</summary>
        public SelfService.MyRequests.Result Requests { get; init; } = SelfService.MyRequests.Result.None;
    }

    public sealed record MyGroup(int Id, string Name, string ProgramName, bool IAmMentor, int Members);

    public sealed record GroupableProgram(int ProgramId, string ProgramName);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock, DatabaseChanges changes, IMemoryCache cache, KeptHomes homes) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var roles = Domain.Roles.All.Where(current.IsInRole).ToList();
            var today = EnrolmentRules.Today(clock);
            // The same for everyone: reused while nothing was committed.
            var open = (await changes.ReadAsync(cache, typeof(OpenProgram), () => db.Programs.AsNoTracking()
                .Where(p => p.Status == ProgramStatus.Enrolling && p.ArchivedAtUtc == null)
                .OrderBy(p => p.StartsOn)
                .Take(50)
                .ToListAsync(cancellationToken)))
                .Select(p => new OpenProgram(p.Id, p.Name, p.Objectives, p.StartsOn, p.EndsOn, EnrolmentRules.Refusal(p, today)))
                .ToList();

            // Stamped before reading: a change committed during the read leaves the kept copy already out of date.
            var stamp = await PersonChanges.StampAsync(db, id, cancellationToken);
            Result mine;
            if (homes.Find(id, stamp, now) is { } kept)
            {
                mine = kept.Home;
                if (homes.CheckEachReuse)
                {
                    KeptHomes.Check(id, kept.Home, await MineAsync(id, kept.TakenAtUtc, cancellationToken));
                }
            }
            else
            {
                mine = await MineAsync(id, now, cancellationToken);
                homes.Keep(id, stamp, now, mine);
            }

            // Read on every view: a place on a wait list moves with other people's pairs, which touch nobody's kept home.
            var ranking = mine.RanksPartners ? await Pairing.RankPartners.ToDoAsync(db, id, now, cancellationToken) : [];
            return mine with
            {
                Roles = roles,
                OpenPrograms = open,
                ToDo = ranking.Count == 0 ? mine.ToDo : [.. mine.ToDo, .. ranking],
                Pairs = mine.Pairs.Select(p => p with { Partner = p.Partner with { LocalTimeNow = LocalTime(p.Partner.TimeZoneId, now) } }).ToList(),
            };
        }

        // The partner's time of day moves on however long the home is kept: filled in on every view, not in MineAsync.
        private static string LocalTime(string zoneId, DateTime nowUtc) =>
            SessionTimes.ToLocal(nowUtc, zoneId).ToString("ddd HH:mm", CultureInfo.InvariantCulture);

        // Everything on the home that is the person's own, as at now: what KeptHomes keeps.
        private async Task<Result> MineAsync(string id, DateTime now, CancellationToken cancellationToken)
        {
            var me = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.DisplayName, u.TimeZoneId })
                .SingleAsync(cancellationToken);
            var enrolments = await db.Enrolments.AsNoTracking()
                .Where(e => e.UserId == id)
                .OrderByDescending(e => e.Program!.StartsOn)
                .Select(e => new
                {
                    e.Id,
                    e.Program!.Matching.Mode,
                    Shown = new MyEnrolment(e.ProgramId, e.Program!.Name, e.Role, e.Status)
                    {
                        PairAwaitsAnswer = db.Pairs.Any(p => p.Status == PairStatus.Proposed
                            && ((p.MentorEnrolmentId == e.Id && p.MentorResponse == PairResponse.Pending)
                                || (p.MenteeEnrolmentId == e.Id && p.MenteeResponse == PairResponse.Pending))),
                    },
                })
                .ToListAsync(cancellationToken);

            // The person's pairs and groups, read once here for every part of the home.
            var ids = await ParticipantIds.ForEnrolmentsAsync(
                db, id, enrolments.Select(e => new ParticipantIds.EnrolmentOf(e.Id, e.Shown.ProgramId, e.Shown.Status, e.Shown.Role, e.Mode)).ToList(), cancellationToken);
            var person = await ParticipantToDo.ParticipantAsync(db, ids, me.TimeZoneId, now, cancellationToken);
            var toDo = await ParticipantToDo.ItemsAsync(db, person, now, withRanking: false, cancellationToken);
            return new Result(me.DisplayName, me.TimeZoneId, [], [])
            {
                Enrolments = enrolments.Select(e => e.Shown).ToList(),
                OpenCheckIns = toDo.OpenCheckIns,
                PendingFeedback = toDo.PendingFeedback,
                Pairs = await LivePairsAsync(person, now, cancellationToken),
                ToDo = toDo.Items,
                Groups = await GroupsAsync(ids, cancellationToken),
                CanStartGroupIn = await GroupablePrograms(ids, cancellationToken),
                Requests = await SelfService.MyRequests.ForAsync(db, ids, person.RequestsToAnswer, cancellationToken),
                RanksPartners = ParticipantToDo.RanksPartners(ids),
            };
        }

        // Found by the group ids read first: matched through the mentor's enrolment or any member's pair inside this
        // query, the databases scanned every enrolment.
        private async Task<IReadOnlyList<MyGroup>> GroupsAsync(ParticipantIds ids, CancellationToken cancellationToken)
        {
            var live = ids.LiveGroupIds;
            if (live.Count == 0)
            {
                return [];
            }

            var led = ids.GroupsLed;
            return await db.MentoringGroups.AsNoTracking()
                .Where(g => live.Contains(g.Id) && g.EndedAtUtc == null)
                .OrderBy(g => g.Name)
                .Select(g => new MyGroup(g.Id, g.Name, db.Programs.Where(p => p.Id == g.ProgramId).Select(p => p.Name).First(), led.Contains(g.Id), g.Members.Count))
                .ToListAsync(cancellationToken);
        }

        // Two or more of the mentor's accepted pairs outside any live group: enough for a new group.
        private async Task<IReadOnlyList<GroupableProgram>> GroupablePrograms(ParticipantIds person, CancellationToken cancellationToken)
        {
            var mentoring = person.PairsIn(Pair.ActiveStatuses).Where(p => p.Side == ParticipantRole.Mentor).ToList();
            if (!mentoring.GroupBy(p => p.ProgramId).Any(g => g.Count() >= MentoringGroup.MinMembers))
            {
                return [];
            }

            var pairIds = mentoring.Select(p => p.Id).ToList();
            var ids = await db.Pairs.AsNoTracking().Active()
                .Where(p => pairIds.Contains(p.Id)
                    && !db.MentoringGroupMembers.Any(m => m.PairId == p.Id && db.MentoringGroups.Any(g => g.Id == m.GroupId && g.EndedAtUtc == null)))
                .GroupBy(p => p.ProgramId)
                .Where(g => g.Count() >= MentoringGroup.MinMembers)
                .Select(g => g.Key)
                .ToListAsync(cancellationToken);
            return ids.Count == 0 ? [] : await db.Programs.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Status != ProgramStatus.Closed)
                .OrderBy(p => p.Name).Select(p => new GroupableProgram(p.Id, p.Name)).ToListAsync(cancellationToken);
        }

        private async Task<IReadOnlyList<LivePair>> LivePairsAsync(ParticipantToDo.Participant person, DateTime now, CancellationToken cancellationToken)
        {
            var id = person.Ids.UserId;
            var myZone = person.TimeZoneId;
            var mine = person.Ids.PairsIn(Pair.LiveStatuses).Select(p => p.Id).ToList();
            if (mine.Count == 0)
            {
                return [];
            }

            var rows = await db.Pairs.AsNoTracking().WhereIdIn(p => p.Id, mine).Live()
                .Where(p => p.Status == PairStatus.Accepted
                    || (p.MentorEnrolment!.UserId == id ? p.MentorResponse != PairResponse.Declined : p.MenteeResponse != PairResponse.Declined))
                .OrderByDescending(p => p.Status).ThenBy(p => p.ProposedAtUtc).ThenBy(p => p.Id)
                .Take(20)
                .Select(p => new
                {
                    p.Id,
                    p.Version,
                    p.ProgramId,
                    ProgramName = db.Programs.Where(g => g.Id == p.ProgramId).Select(g => g.Name).First(),
                    p.Status,
                    p.ScorePercent,
                    p.Reasons,
                    IAmMentor = p.MentorEnrolment!.UserId == id,
                    p.MentorResponse,
                    p.MenteeResponse,
                    Mentor = new { p.MentorEnrolment.User!.DisplayName, p.MentorEnrolment.Department, p.MentorEnrolment.JobLevel, p.MentorEnrolment.User.TimeZoneId, p.MentorEnrolment.Goals },
                    Mentee = new { p.MenteeEnrolment!.User!.DisplayName, p.MenteeEnrolment.Department, p.MenteeEnrolment.JobLevel, p.MenteeEnrolment.User.TimeZoneId, p.MenteeEnrolment.Goals },
                })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return [];
            }

            var pairIds = rows.Select(r => r.Id).ToList();
            var programIds = rows.Select(r => r.ProgramId).Distinct().ToList();

            // The upcoming sessions and the held ones in one read; the held ones count and find the topics covered.
            var sessions = await db.Sessions.AsNoTracking().Upcoming(now)
                .WhereIdIn(s => s.PairId!.Value, pairIds)
                .Select(s => new { s.Id, PairId = s.PairId!.Value, s.StartsAtUtc, s.EndsAtUtc, s.Format, s.Location, Held = false })
                .Concat(db.Sessions.AsNoTracking()
                    .WhereIdIn(s => s.PairId!.Value, pairIds)
                    .Where(s => s.Status == SessionStatus.Held)
                    .Select(s => new { s.Id, PairId = s.PairId!.Value, s.StartsAtUtc, s.EndsAtUtc, s.Format, Location = "", Held = true }))
                .ToListAsync(cancellationToken);
            var next = sessions.Where(s => !s.Held).GroupBy(s => s.PairId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id).First());
            var held = sessions.Where(s => s.Held).GroupBy(s => s.PairId).ToDictionary(g => g.Key, g => g.Count());
            // A program's topics are the same for everyone in it: reused while nothing was committed.
            programIds.Sort();
            var topics = await changes.ReadAsync(cache, (typeof(TopicProgress), string.Join(',', programIds)), () => db.ProgramTopics.AsNoTracking()
                .Where(t => programIds.Contains(t.ProgramId))
                .OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
                .Select(t => new { t.Id, t.ProgramId, t.Title })
                .ToListAsync(cancellationToken));
            var covered = held.Count == 0 ? [] : (await db.SessionTopics.AsNoTracking()
                .Where(t => t.Kind == SessionTopicKind.Covered)
                .Join(db.Sessions.WhereIdIn(s => s.PairId!.Value, pairIds).Where(s => s.Status == SessionStatus.Held), t => t.SessionId, s => s.Id,
                    (t, s) => new { PairId = s.PairId!.Value, t.ProgramTopicId })
                .Distinct()
                .ToListAsync(cancellationToken))
                .Select(c => (c.PairId, c.ProgramTopicId))
                .ToHashSet();

            var goals = await Goals.PairGoals.ForPairsAsync(db, rows.Where(r => r.Status == PairStatus.Accepted).Select(r => r.Id).ToList(), cancellationToken);
            var signed = rows.Where(r => r.Status == PairStatus.Accepted && person.Agreements.TryGetValue(r.Id, out var agreement) && agreement.SignedByBothAtUtc is not null)
                .Select(r => r.Id).ToHashSet();

            return rows.Select(r =>
            {
                var partner = r.IAmMentor ? r.Mentee : r.Mentor;
                var zone = SessionTimes.Zone(partner.TimeZoneId);
                return new LivePair(
                    r.Id, r.Version, r.ProgramId, r.ProgramName, r.Status, r.IAmMentor ? r.MentorResponse : r.MenteeResponse, r.ScorePercent, r.Reasons,
                    new Partner(
                        partner.DisplayName, r.IAmMentor ? ParticipantRole.Mentee : ParticipantRole.Mentor, partner.Department, partner.JobLevel,
                        zone.Id, LocalTimeNow: "", partner.Goals))
                {
                    Next = next.TryGetValue(r.Id, out var s) ? new NextSession(s.Id, SessionTimes.Format(s.StartsAtUtc, s.EndsAtUtc, myZone), s.Format, s.Location) : null,
                    HeldSessions = held.GetValueOrDefault(r.Id),
                    Goals = goals.GetValueOrDefault(r.Id) ?? [],
                    AgreementSigned = signed.Contains(r.Id),
                    UnreadMessages = person.Unread.GetValueOrDefault(r.Id),
                    Topics = topics.Where(t => t.ProgramId == r.ProgramId).Select(t => new TopicProgress(t.Title, covered.Contains((r.Id, t.Id)))).ToList(),
                };
            }).ToList();
        }
    }
}
