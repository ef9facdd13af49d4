using System.Globalization;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>The rules an enrolment keeps wherever it comes from: the participant's own form or HR's import.</summary>
public static class EnrolmentRules
{
    public static IReadOnlyList<SessionFormats> EachFormat { get; } = [SessionFormats.InPerson, SessionFormats.Virtual, SessionFormats.Group];

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Why the program takes no enrolment today, or null when it does.</summary>
    public static string? Refusal(MentoringProgram program, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.ArchivedAtUtc is not null)
        {
            return "This program is archived and takes no more enrolments.";
        }

        if (program.Status != ProgramStatus.Enrolling)
        {
            return "This program is not open for enrolment.";
        }

        if (program.EnrolmentOpensOn is { } opens && today < opens)
        {
            return $"Enrolment for this program opens on {Date(opens)}.";
        }

        if (program.EnrolmentClosesOn is { } closes && today > closes)
        {
            return $"Enrolment for this program closed on {Date(closes)}.";
        }

        return null;
    }

    public static bool IsKnownTimeZone(string? id) => Account.TimeZones.IsKnown(id);

    public static string Describe(SessionFormats format) => format switch
    {
        SessionFormats.InPerson => "in person",
        SessionFormats.Virtual => "virtual",
        SessionFormats.Group => "group",
        _ => format.ToString(),
    };

    public static string Describe(ParticipantRole role) => role == ParticipantRole.Mentor ? "Mentor (junior)" : "Mentee (senior)";

    public static string Describe(EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.Pending => "Pending review",
        _ => status.ToString(),
    };

    /// <summary>"in person or virtual": the formats a program allows, in words.</summary>
    public static string Formats(SessionFormats formats, string conjunction = "or")
    {
        var names = EachFormat.Where(f => formats.HasFlag(f)).Select(Describe).ToList();
        return names.Count switch
        {
            0 => "none",
            1 => names[0],
            _ => $"{string.Join(", ", names.Take(names.Count - 1))} {conjunction} {names[^1]}",
        };
    }

    public static SessionFormats Combine(IEnumerable<SessionFormats> formats) =>
        formats.Aggregate(SessionFormats.None, (all, one) => all | one);

    public static string Slot(DayOfWeek day, TimeOnly from, TimeOnly to) =>
        $"{day} {from.ToString("HH:mm", CultureInfo.InvariantCulture)}-{to.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>The first pair of slots on one day that overlap, described for the person to fix, or null.</summary>
    public static string? Overlap(IEnumerable<(DayOfWeek Day, TimeOnly From, TimeOnly To)> slots)
    {
        foreach (var day in slots.Where(s => s.From < s.To).GroupBy(s => s.Day))
        {
            var ordered = day.OrderBy(s => s.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].From < ordered[i - 1].To)
                {
                    return $"{Slot(day.Key, ordered[i - 1].From, ordered[i - 1].To)} and {Slot(day.Key, ordered[i].From, ordered[i].To)} overlap. Merge them into one time slot.";
                }
            }
        }

        return null;
    }
}
