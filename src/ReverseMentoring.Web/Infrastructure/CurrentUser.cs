using System.Security.Claims;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>The person the current request acts for, as handlers see them.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? Anonymous;

    public bool IsSignedIn => Principal.Identity?.IsAuthenticated == true;

    public string? Id => IsSignedIn ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string Name => IsSignedIn ? Principal.Identity?.Name ?? "unknown" : "anonymous";

    public bool IsInRole(string role) => IsSignedIn && Principal.IsInRole(role);

    /// <summary>The id of the signed-in person; a handler that needs one calls this after authorization has run.</summary>
    public string RequireId() => Id ?? throw new RequestAuthorizationException(signedIn: false);
}
