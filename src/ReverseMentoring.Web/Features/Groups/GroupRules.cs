using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Groups;

/// <summary>Someone a group session books: the mentor, or the mentee of one of the group's pairs (with that pair).</summary>
public sealed record GroupPerson(string UserId, string Name, string Email, string ZoneId, int? PairId);

/// <summary>A group seen by one of its people: its program, its mentor and members, and whether the viewer leads it.</summary>
public sealed record GroupSides(MentoringGroup Group, MentoringProgram Program, GroupPerson Mentor, IReadOnlyList<GroupPerson> Members, GroupPerson Me)
{
    public bool IAmMentor => Me.UserId == Mentor.UserId;

    /// <summary>Everyone a group session books: the mentor first, then the members.</summary>
    public IReadOnlyList<GroupPerson> Everyone => [Mentor, .. Members];

    /// <summary>Sessions are planned while the group is live and its program not closed.</summary>
    public bool CanPlanSessions => Group.IsLive && Program.Status != ProgramStatus.Closed;
}

public static class GroupRules
{
    public const string OnlyMentorMessage = "Only the group's mentor can do this; ask them to.";

    /// <summary>The group with its people, when the user is its mentor or one of its members' mentees; otherwise null.</summary>
    public static async Task<GroupSides?> GroupAsync(AppDbContext db, int groupId, string userId, CancellationToken cancellationToken)
    {
        var group = await db.MentoringGroups.AsNoTracking()
            .Include(g => g.MentorEnrolment).ThenInclude(e => e!.User)
            .Include(g => g.Members).ThenInclude(m => m.Pair).ThenInclude(p => p!.MenteeEnrolment).ThenInclude(e => e!.User)
            .SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return null;
        }

        var mentorUser = group.MentorEnrolment!.User!;
        var mentor = new GroupPerson(mentorUser.Id, mentorUser.DisplayName, mentorUser.Email ?? "", mentorUser.TimeZoneId, null);
        var members = group.Members
            .Select(m => m.Pair!.MenteeEnrolment!.User!)
            .Zip(group.Members, (user, member) => new GroupPerson(user.Id, user.DisplayName, user.Email ?? "", user.TimeZoneId, member.PairId))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .ToList();
        var me = mentor.UserId == userId ? mentor : members.FirstOrDefault(m => m.UserId == userId);
        if (me is null)
        {
            return null;
        }

        var program = await db.Programs.AsNoTracking().Include(p => p.Topics).SingleAsync(p => p.Id == group.ProgramId, cancellationToken);
        return new GroupSides(group, program, mentor, members, me);
    }

    /// <summary>A group session with its agenda and attendance, when the user is its group's mentor or a member; otherwise null.</summary>
    public static async Task<(Session Session, GroupSides Sides)?> SessionAsync(AppDbContext db, int sessionId, string userId, bool track, CancellationToken cancellationToken)
    {
        var sessions = track ? db.Sessions : db.Sessions.AsNoTracking();
        var session = await sessions.Include(s => s.Topics).Include(s => s.Attendance)
            .SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is not { GroupId: { } groupId } || await GroupAsync(db, groupId, userId, cancellationToken) is not { } sides)
        {
            return null;
        }

        return (session, sides);
    }

    /// <summary>The session as a calendar invitation with every attendee: the mentor and each member.</summary>
    public static SessionCalendar.Invite Invite(Session session, GroupSides sides, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sides);
        return new SessionCalendar.Invite(
            session.Id,
            session.CalendarSequence,
            session.Status == SessionStatus.Cancelled,
            session.StartsAtUtc,
            session.EndsAtUtc,
            $"{sides.Program.Name} ({sides.Group.Name})",
            session.Format,
            session.Location,
            SessionRules.Agenda(session, sides.Program),
            new SessionCalendar.Person(sides.Mentor.Name, sides.Mentor.Email),
            sides.Everyone.Select(p => new SessionCalendar.Person(p.Name, p.Email)).ToList(),
            stampUtc);
    }

    /// <summary>An e-mail to every attendee but the one who made the change, each with the calendar file and times in their zone.</summary>
    public static IReadOnlyList<Outgoing> Mail(SessionMail.Change change, Session session, GroupSides sides, string link, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sides);
        var invite = Invite(session, sides, stampUtc);
        return sides.Everyone
            .Where(p => p.UserId != sides.Me.UserId && p.Email.Length > 0)
            .Select(p =>
            {
                var when = SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, p.ZoneId);
                var (subject, opening) = change switch
                {
                    SessionMail.Change.Scheduled => ($"Group session scheduled: {when}", $"{sides.Me.Name} scheduled a session of {sides.Group.Name} in {sides.Program.Name}."),
                    SessionMail.Change.Rescheduled => ($"Group session moved: {when}", $"{sides.Me.Name} moved a session of {sides.Group.Name} in {sides.Program.Name}."),
                    _ => ($"Group session cancelled: {when}", $"{sides.Me.Name} cancelled a session of {sides.Group.Name} in {sides.Program.Name}."),
                };
                var text = $"""
                    Hello {p.Name},

                    {opening}
                    When: {when}
                    {(string.IsNullOrWhiteSpace(session.Location) ? "" : $"Where: {session.Location}")}
                    {link}
                    """;
                return new Outgoing(SessionMail.Key(session.Id, change, session.CalendarSequence, p.UserId), p.Email, subject, text, SessionCalendar.Attachment(invite));
            })
            .ToList();
    }
}
