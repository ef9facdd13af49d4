namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A change the rules do not allow (accepting an ended pair, cancelling a held session). The message is written for the
/// person who tried it; a request that meets one is refused like an invalid form.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException()
        : base("That change is not allowed.")
    {
    }

    public DomainRuleException(string message)
        : base(message)
    {
    }

    public DomainRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
