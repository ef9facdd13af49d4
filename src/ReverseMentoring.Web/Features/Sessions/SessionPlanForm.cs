using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Web.Features.Sessions;

/// <summary>What the schedule and reschedule forms show around the fields: the pair, its program's choices, suggestions.</summary>
public sealed record SessionPlanForm(
    int PairId,
    string ProgramName,
    string PartnerName,
    string MyZone,
    string PartnerZone,
    int Minutes,
    IReadOnlyList<SessionFormats> Formats,
    IReadOnlyList<SessionPlanForm.Topic> Topics,
    IReadOnlyList<SuggestedTime> Suggestions,
    string? MeetingLink = null)
{
    public sealed record Topic(int Id, string Title, string SuggestedActivities);

    public static SessionPlanForm For(PairSides sides, int minutes, IReadOnlyList<SuggestedTime> suggestions)
    {
        ArgumentNullException.ThrowIfNull(sides);
        var program = sides.Program;
        return new SessionPlanForm(
            sides.Pair.Id,
            program.Name,
            sides.PartnerName,
            SessionTimes.Zone(sides.MyZone).Id,
            SessionTimes.Zone(sides.PartnerZone).Id,
            minutes,
            EnrolmentRules.EachFormat.Where(f => program.Formats.HasFlag(f)).ToList(),
            program.Topics.OrderBy(t => t.SortOrder).ThenBy(t => t.Id).Select(t => new Topic(t.Id, t.Title, t.SuggestedActivities)).ToList(),
            suggestions,
            SessionRules.MeetingLink(sides));
    }

    /// <summary>A duration the suggestions can use: the one asked for when it is valid, else the program's.</summary>
    public static int MinutesOrDefault(int? asked, int programMinutes) =>
        asked is >= Session.MinMinutes and <= Session.MaxMinutes ? asked.Value
        : Math.Clamp(programMinutes, Session.MinMinutes, Session.MaxMinutes);
}

/// <summary>A page showing the session plan form; the shared fields partial reads the form through this.</summary>
public interface ISessionPlanPage
{
    /// <summary>Named like the pages' bound command, so the fields post as "Data.Date" and so on.</summary>
    ISessionPlan Data { get; }

    SessionPlanForm Form { get; }

    /// <summary>The page's own URL with a suggested time filled in.</summary>
    string SuggestionLink(SuggestedTime suggestion);
}
