using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

/// <summary>A session as an iCalendar invitation (RFC 5545/5546) that calendars add, update and remove.</summary>
public static class SessionCalendar
{
    public const string ContentType = "text/calendar";

    public sealed record Person(string Name, string Email);

    public sealed record Invite(
        int SessionId,
        int Sequence,
        bool Cancelled,
        DateTime StartsAtUtc,
        DateTime EndsAtUtc,
        string ProgramName,
        SessionFormats Format,
        string Location,
        IReadOnlyList<string> Agenda,
        Person Organizer,
        IReadOnlyList<Person> Attendees,
        DateTime StampUtc);

    /// <summary>Stable for the life of the session, so every update and the cancellation replace the same event.</summary>
    public static string Uid(int sessionId) => $"session-{sessionId}@reversementoring";

    public static string FileName(int sessionId) => $"session-{sessionId}.ics";

    public static string Method(bool cancelled) => cancelled ? "CANCEL" : "REQUEST";

    public static string Text(Invite invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var calendar = new Ical.Net.Calendar { Method = Method(invite.Cancelled) };
        calendar.Events.Add(Event(invite, invitation: true));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// A person's sessions as a subscribed calendar (METHOD:PUBLISH): the same events, under the same UIDs, as the
    /// invitations, without asking for a reply; calendars read it again every hour or so.
    /// </summary>
    public static string Feed(string name, IEnumerable<Invite> invites)
    {
        ArgumentNullException.ThrowIfNull(invites);
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        var refresh = new CalendarProperty("REFRESH-INTERVAL", "PT1H");
        refresh.Parameters.Add("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        foreach (var invite in invites)
        {
            calendar.Events.Add(Event(invite, invitation: false));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Event(Invite invite, bool invitation)
    {
        var description = invite.Agenda.Count == 0
            ? "Agenda: to agree together."
            : "Agenda:\n" + string.Join("\n", invite.Agenda.Select(t => "- " + t));
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(invite.SessionId),
            Sequence = invite.Sequence,
            DtStamp = new CalDateTime(DateTime.SpecifyKind(invite.StampUtc, DateTimeKind.Utc)),
            Start = new CalDateTime(DateTime.SpecifyKind(invite.StartsAtUtc, DateTimeKind.Utc)),
            End = new CalDateTime(DateTime.SpecifyKind(invite.EndsAtUtc, DateTimeKind.Utc)),
            Summary = $"Reverse mentoring session: {invite.ProgramName}",
            Location = invite.Location,
            Description = $"{EnrolmentRules.Describe(invite.Format)} session.\n{description}",
            Status = invite.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer($"mailto:{invite.Organizer.Email}") { CommonName = invite.Organizer.Name },
        };
        if (invite.Format == SessionFormats.Virtual && SessionRules.IsMeetingLink(invite.Location))
        {
            calendarEvent.Url = new Uri(invite.Location.Trim());
        }

        foreach (var person in invite.Attendees)
        {
            calendarEvent.Attendees.Add(new Attendee($"mailto:{person.Email}")
            {
                CommonName = person.Name,
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = invitation ? "NEEDS-ACTION" : "ACCEPTED",
                Rsvp = invitation && !invite.Cancelled,
            });
        }

        return calendarEvent;
    }

    /// <summary>The invitation as an e-mail attachment; the method in the content type lets mail clients offer accept/decline.</summary>
    public static MailAttachment Attachment(Invite invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        return new MailAttachment(FileName(invite.SessionId), $"{ContentType}; method={Method(invite.Cancelled)}; charset=utf-8", Text(invite));
    }
}
