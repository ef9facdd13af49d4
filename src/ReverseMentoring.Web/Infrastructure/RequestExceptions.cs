using FluentValidation.Results;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>A request failed its validators; the page shows each failure next to its field.</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(object request, IReadOnlyList<ValidationFailure> failures)
        : base("The request is not valid: " + string.Join(" ", failures.Select(f => f.ErrorMessage)))
    {
        Request = request;
        Failures = failures;
    }

    public RequestValidationException()
        : this(new object(), [])
    {
    }

    public RequestValidationException(string message)
        : this(new object(), [new ValidationFailure("", message)])
    {
    }

    public RequestValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Request = new object();
        Failures = [new ValidationFailure("", message)];
    }

    /// <summary>The request that failed, so the page can find which bound property it came from.</summary>
    public object Request { get; }

    public IReadOnlyList<ValidationFailure> Failures { get; }

    public static RequestValidationException For(object request, string propertyName, string message) =>
        new(request, [new ValidationFailure(propertyName, message)]);
}

/// <summary>The current user may not send this request: 401 when nobody is signed in, 403 otherwise.</summary>
public sealed class RequestAuthorizationException : Exception
{
    public RequestAuthorizationException(bool signedIn)
        : base(signedIn ? "You do not have access to this." : "Sign in to continue.")
    {
        SignedIn = signedIn;
    }

    public RequestAuthorizationException()
        : this(signedIn: false)
    {
    }

    public RequestAuthorizationException(string message)
        : base(message)
    {
    }

    public RequestAuthorizationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool SignedIn { get; }
}

/// <summary>The record does not exist, or exists but is not the current user's to see: both give 404.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
        : base("Not found.")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
