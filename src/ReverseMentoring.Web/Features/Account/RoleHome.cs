using System.Security.Claims;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Account;

/// <summary>Where each role starts. A person with several roles starts at the first that applies, in this order.</summary>
public static class RoleHome
{
    public static string For(ClaimsPrincipal user) => For(role => user.IsInRole(role));

    public static string For(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return For(held.Contains);
    }

    private static string For(Func<string, bool> holds)
    {
        if (holds(Roles.HrCoordinator))
        {
            return "/Coordinator";
        }

        if (holds(Roles.Leadership))
        {
            return "/Dashboard";
        }

        if (holds(Roles.Mentor) || holds(Roles.Mentee))
        {
            return "/Participant";
        }

        return "/";
    }
}
