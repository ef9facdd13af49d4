using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.KnowledgeSharing;

/// <summary>A knowledge session as an iCalendar event (the same shape as a pair's sessions, under its own UID).</summary>
public static class KnowledgeCalendar
{
    public static string Uid(int sessionId) => $"knowledge-{sessionId}@reversementoring";

    public static string FileName(int sessionId) => $"knowledge-session-{sessionId}.ics";

    public static string Text(KnowledgeSession session, AppUser attendee, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(attendee);
        var cancelled = session.Status == KnowledgeSessionStatus.Cancelled;
        var host = session.Host!;
        var calendar = new Ical.Net.Calendar { Method = SessionCalendar.Method(cancelled) };
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(session.Id),
            Sequence = session.CalendarSequence,
            DtStamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc)),
            Start = new CalDateTime(DateTime.SpecifyKind(session.StartsAtUtc, DateTimeKind.Utc)),
            End = new CalDateTime(DateTime.SpecifyKind(session.EndsAtUtc, DateTimeKind.Utc)),
            Summary = $"Knowledge-sharing session: {session.Title}",
            Location = session.Location,
            Description = $"{EnrolmentRules.Describe(session.Format)} session of {session.Program?.Name}, hosted by {host.DisplayName}.\n{session.Description}",
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer($"mailto:{host.Email}") { CommonName = host.DisplayName },
        };
        if (session.Format == SessionFormats.Virtual && SessionRules.IsMeetingLink(session.Location))
        {
            calendarEvent.Url = new Uri(session.Location.Trim());
        }

        calendarEvent.Attendees.Add(new Attendee($"mailto:{attendee.Email}")
        {
            CommonName = attendee.DisplayName,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = "ACCEPTED",
        });
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static MailAttachment Attachment(KnowledgeSession session, AppUser attendee, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        var method = SessionCalendar.Method(session.Status == KnowledgeSessionStatus.Cancelled);
        return new MailAttachment(FileName(session.Id), $"{SessionCalendar.ContentType}; method={method}; charset=utf-8", Text(session, attendee, stampUtc));
    }
}

/// <summary>
/// The e-mails of knowledge sessions: a seat confirmed, a seat freed for the first on the wait list, the session called
/// off. Times are in each recipient's own zone; each key names the event and person, so nobody gets one twice.
/// </summary>
public static class KnowledgeMail
{
    public static Outgoing SeatConfirmed(KnowledgeSession session, KnowledgeSessionSeat seat, AppUser person, string link, DateTime now) =>
        Seat(session, seat, person, link, now, "seat",
            $"Seat confirmed: {session.Title}",
            $"You have a seat on \"{session.Title}\", a knowledge-sharing session of {session.Program?.Name} hosted by {session.Host?.DisplayName}.");

    public static Outgoing Promoted(KnowledgeSession session, KnowledgeSessionSeat seat, AppUser person, string link, DateTime now) =>
        Seat(session, seat, person, link, now, "promoted",
            $"A seat is yours: {session.Title}",
            $"A seat came free on \"{session.Title}\" and you were first on the wait list: it is yours now.");

    public static Outgoing Cancelled(KnowledgeSession session, AppUser person, string link, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(person);
        var when = KnowledgeRules.When(session, person.TimeZoneId);
        return new Outgoing(
            $"knowledge:{session.Id}:cancelled:{person.Id}",
            person.Email!,
            $"Session cancelled: {session.Title}",
            $"""
            Hello {person.DisplayName},

            {session.Host?.DisplayName} cancelled "{session.Title}" ({session.Program?.Name}).

            When it was to be: {when}
            Reason: {session.CancelReason}

            The attached calendar file removes it from your calendar. Other sessions open to you: {link}
            """,
            KnowledgeCalendar.Attachment(session, person, now));
    }

    private static Outgoing Seat(KnowledgeSession session, KnowledgeSessionSeat seat, AppUser person, string link, DateTime now, string kind, string subject, string opening)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(seat);
        ArgumentNullException.ThrowIfNull(person);
        var when = KnowledgeRules.When(session, person.TimeZoneId);
        var booked = (seat.BookedAtUtc ?? now).Ticks.ToString(CultureInfo.InvariantCulture);
        return new Outgoing(
            $"knowledge:{session.Id}:{kind}:{person.Id}:{booked}",
            person.Email!,
            subject,
            $"""
            Hello {person.DisplayName},

            {opening}

            When: {when}
            How: {EnrolmentRules.Describe(session.Format)}, {session.Location}

            The attached calendar file adds it to your calendar. If you cannot come, give up your seat so the next person
            on the wait list gets it: {link}
            """,
            KnowledgeCalendar.Attachment(session, person, now));
    }
}
