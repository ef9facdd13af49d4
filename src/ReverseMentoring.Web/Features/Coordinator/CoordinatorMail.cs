using System.Text;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Coordinator;

/// <summary>The coordinator's e-mails: one event at once, and the daily digest. Times in the coordinator's own zone.</summary>
public static class CoordinatorMail
{
    /// <summary>The coordinator an e-mail goes to.</summary>
    public sealed record Recipient(string UserId, string Email, string Name, string TimeZoneId);

    /// <summary>An event of the digest, with its program's name and its absolute link.</summary>
    public sealed record Event(AlertKind Kind, string Title, string Detail, string ProgramName, DateTime OccurredAtUtc, string Link);

    /// <summary>A count of open items of one kind and the page that lists them.</summary>
    public sealed record OpenCount(string Heading, int Count, string Link);

    public static string DigestKey(string userId, DateOnly dayUtc) => $"coordinator-digest:{userId}:{dayUtc:yyyy-MM-dd}";

    public static string Heading(AlertKind kind) => kind switch
    {
        AlertKind.PairDeclined => "Pair declined",
        AlertKind.EnrolmentSubmitted => "New enrolment to review",
        AlertKind.PairAtRisk => "Pair newly at risk",
        AlertKind.ConcernRaised => "Concern raised",
        AlertKind.ParticipantDeactivated => "Person deactivated by the directory",
        _ => kind.ToString(),
    };

    private static string Group(AlertKind kind) => kind switch
    {
        AlertKind.PairDeclined => "Pairs declined",
        AlertKind.EnrolmentSubmitted => "New enrolments",
        AlertKind.PairAtRisk => "Pairs newly at risk",
        AlertKind.ConcernRaised => "Concerns raised",
        AlertKind.ParticipantDeactivated => "People deactivated by the directory",
        _ => kind.ToString(),
    };

    public static Outgoing AtOnce(CoordinatorAlert alert, Recipient to, string programName, string link, string settingsLink)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(to);
        return new(
            $"coordinator-alert:{alert.Key}:{to.UserId}",
            to.Email,
            $"{Heading(alert.Kind)}: {alert.Title} ({programName})",
            $"""
            Hello {to.Name},

            {Heading(alert.Kind)} in {programName}, {SessionTimes.Format(alert.OccurredAtUtc, to.TimeZoneId)}:
            {alert.Title}
            {alert.Detail}
            {link}

            You chose an e-mail for each of these as it happens. To get one daily digest instead, or none:
            {settingsLink}
            """);
    }

    /// <summary>The day's digest: the events since the last one (grouped by kind) and what is still open.</summary>
    public static Outgoing Digest(
        Recipient to, DateOnly dayUtc, DateTime sinceUtc, IReadOnlyList<Event> events, IReadOnlyList<OpenCount> open, string homeLink, string settingsLink)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(open);
        var text = new StringBuilder();
        text.Append("Hello ").Append(to.Name).AppendLine(",").AppendLine();
        if (events.Count == 0)
        {
            text.Append("Nothing new in your programs since ").Append(SessionTimes.Format(sinceUtc, to.TimeZoneId)).AppendLine(".");
        }
        else
        {
            text.Append("New in your programs since ").Append(SessionTimes.Format(sinceUtc, to.TimeZoneId)).AppendLine(":");
            foreach (var group in events.GroupBy(e => e.Kind).OrderBy(g => g.Key))
            {
                text.AppendLine().Append(Group(group.Key)).Append(" (").Append(group.Count()).AppendLine(")");
                foreach (var e in group.OrderBy(e => e.OccurredAtUtc))
                {
                    text.Append("- ").Append(e.Title).Append(", ").Append(e.ProgramName).Append(", ")
                        .AppendLine(SessionTimes.Format(e.OccurredAtUtc, to.TimeZoneId));
                    text.Append("  ").AppendLine(e.Detail);
                    text.Append("  ").AppendLine(e.Link);
                }
            }
        }

        text.AppendLine();
        var total = open.Sum(o => o.Count);
        if (total == 0)
        {
            text.AppendLine("Nothing is waiting for you.");
        }
        else
        {
            text.AppendLine("Still to act on:");
            foreach (var count in open.Where(o => o.Count > 0))
            {
                text.Append("- ").Append(count.Heading).Append(": ").Append(count.Count).AppendLine();
                text.Append("  ").AppendLine(count.Link);
            }
        }

        text.AppendLine().AppendLine("Everything to do:").AppendLine(homeLink);
        text.AppendLine().AppendLine("To get an e-mail for each event as it happens instead, or none:").AppendLine(settingsLink);
        var subject = events.Count == 0
            ? $"Your daily summary: {total} to act on"
            : $"Your daily summary: {events.Count} new, {total} to act on";
        return new(DigestKey(to.UserId, dayUtc), to.Email, subject, text.ToString());
    }
}
