using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Chat;

/// <summary>
/// What a program posts to its channel: news for the whole cohort, never a person's name, since everyone in the
/// channel reads it. Each is queued in the outbox with the change that causes it, under a key naming the event.
/// </summary>
public static class ChatAnnouncements
{
    public static ChatTarget? Channel(MentoringProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program is { ChatKind: { } kind, ChatWebhookUrl: { } url } ? new ChatTarget(kind, url) : null;
    }

    public static Outgoing To(MentoringProgram program, ChatTarget channel, string key, string subject, string text)
    {
        ArgumentNullException.ThrowIfNull(program);
        var recipient = $"{channel.Kind} channel of {program.Name}";
        return new Outgoing(key, recipient.Length > 200 ? recipient[..200] : recipient, subject, text) { Chat = channel };
    }

    /// <summary>Enrolment opened: the channel hears where to enrol.</summary>
    public static Outgoing? EnrolmentOpened(MentoringProgram program, string enrolLink) =>
        Channel(program) is { } channel
            ? To(program, channel, $"chat:program:{program.Id}:enrolling", "Enrolment is open",
                $"Enrolment is open for {program.Name}. Junior colleagues teach senior leaders, and both learn. Enrol here: {enrolLink}")
            : null;

    /// <summary>A pairing was published: how many new pairs, no names.</summary>
    public static Outgoing? PairsPublished(MentoringProgram program, int runId, int pairs, string link) =>
        Channel(program) is { } channel && pairs > 0
            ? To(program, channel, $"chat:program:{program.Id}:published:{runId}", "New pairs",
                $"{pairs} new {(pairs == 1 ? "pair was" : "pairs were")} formed in {program.Name}. Everyone paired has been e-mailed; see your pair at {link}")
            : null;

    /// <summary>A knowledge-sharing session was offered: its topic and time (UTC, since the channel spans zones), no host's name.</summary>
    public static Outgoing? KnowledgeSessionOffered(MentoringProgram program, KnowledgeSession session, string link)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Channel(program) is { } channel
            ? To(program, channel, $"chat:knowledge:{session.Id}:offered", "New knowledge-sharing session",
                $"A knowledge-sharing session is open in {program.Name}: \"{session.Title}\", {Sessions.SessionTimes.Format(session.StartsAtUtc, session.EndsAtUtc, "UTC")}, {session.Capacity} seats. Seniors sign up here: {link}")
            : null;
    }
}
