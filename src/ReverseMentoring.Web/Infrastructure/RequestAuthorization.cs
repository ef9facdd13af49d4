namespace ReverseMentoring.Web.Infrastructure;

/// <summary>Only people holding one of these roles may send the request.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Any signed-in person may send the request; what they then see is filtered by the handler.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnySignedInUserAttribute : Attribute;

/// <summary>Anyone, signed in or not, may send the request (sign-in, registration).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute;
