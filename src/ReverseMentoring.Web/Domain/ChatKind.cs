namespace ReverseMentoring.Web.Domain;

/// <summary>The chat tool an incoming webhook posts into; each takes its own message format.</summary>
public enum ChatKind
{
    Slack = 1,

    /// <summary>Microsoft Teams: a Workflows (or older connector) webhook, sent an Adaptive Card.</summary>
    Teams = 2,
}
