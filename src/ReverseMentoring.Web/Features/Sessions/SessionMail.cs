using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

/// <summary>The e-mails to the other side of a pair when a session is scheduled, moved or cancelled, each with its calendar file.</summary>
public static class SessionMail
{
    public enum Change
    {
        Scheduled = 0,
        Rescheduled = 1,
        Cancelled = 2,
    }

    /// <summary>One key per calendar version and recipient: a retried request sends nothing twice, a later change sends again.</summary>
    public static string Key(int sessionId, Change change, int sequence, string userId) => change == Change.Cancelled
        ? $"session:{sessionId}:cancel:{userId}"
        : $"session:{sessionId}:invite:{sequence}:{userId}";

    public static SessionCalendar.Invite Invite(Session session, PairSides sides, IReadOnlyList<string> agenda, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sides);
        var mentor = sides.Pair.MentorEnrolment!.User!;
        var mentee = sides.Pair.MenteeEnrolment!.User!;
        var organizer = session.ScheduledByUserId == mentee.Id ? mentee : mentor;
        return new SessionCalendar.Invite(
            session.Id,
            session.CalendarSequence,
            session.Status == SessionStatus.Cancelled,
            session.StartsAtUtc,
            session.EndsAtUtc,
            sides.Program.Name,
            session.Format,
            session.Location,
            agenda,
            new SessionCalendar.Person(organizer.DisplayName, organizer.Email!),
            [new SessionCalendar.Person(mentor.DisplayName, mentor.Email!), new SessionCalendar.Person(mentee.DisplayName, mentee.Email!)],
            stampUtc);
    }

    /// <summary>The message to the partner of the person who made the change, times in the partner's own time zone.</summary>
    public static Outgoing ToPartner(Change change, Session session, PairSides sides, IReadOnlyList<string> agenda, string link, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sides);
        var partner = sides.Partner.User!;
        var me = sides.Me.User!;
        var when = SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, sides.PartnerZone);
        var (subject, opening) = change switch
        {
            Change.Scheduled => ($"Session scheduled: {when}", $"{me.DisplayName} scheduled a reverse mentoring session with you in {sides.Program.Name}."),
            Change.Rescheduled => ($"Session moved: {when}", $"{me.DisplayName} changed your reverse mentoring session in {sides.Program.Name}. The new details:"),
            _ => ($"Session cancelled: {when}", $"{me.DisplayName} cancelled your reverse mentoring session in {sides.Program.Name}."),
        };
        var details = change == Change.Cancelled
            ? $"""
              When: {when}
              Reason: {session.CancelReason}

              The attached calendar file removes it from your calendar.
              """
            : $"""
              When: {when}
              How: {EnrolmentRules.Describe(session.Format)}, {session.Location}
              Agenda: {(agenda.Count == 0 ? "to agree together" : string.Join("; ", agenda))}

              The attached calendar file adds it to your calendar.
              """;
        return new Outgoing(
            Key(session.Id, change, session.CalendarSequence, partner.Id),
            partner.Email!,
            subject,
            $"""
            Hello {partner.DisplayName},

            {opening}
            {details}
            See the session here:
            {link}
            """,
            SessionCalendar.Attachment(Invite(session, sides, agenda, stampUtc)));
    }
}
