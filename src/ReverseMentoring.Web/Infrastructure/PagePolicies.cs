using Microsoft.AspNetCore.Authorization;
using ReverseMentoring.Web.Domain;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// Who may open a page, declared on each PageModel with [Authorize(Policy = ...)] so that folders can follow
/// capabilities, not URLs. Handlers check again: hiding a page is not enough.
/// </summary>
public static class PagePolicies
{
    public const string Coordinators = "Coordinators";
    public const string DashboardReaders = "DashboardReaders";
    public const string Participants = "Participants";

    /// <summary>Mentors, mentees and HR: knowledge-sharing sessions are offered by juniors or HR and joined by seniors.</summary>
    public const string ProgramPeople = "ProgramPeople";

    public static AuthorizationBuilder AddPagePolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Coordinators, p => p.RequireRole(Roles.HrCoordinator))
            .AddPolicy(DashboardReaders, p => p.RequireRole(Roles.Leadership, Roles.HrCoordinator))
            .AddPolicy(Participants, p => p.RequireRole(Roles.Mentor, Roles.Mentee))
            .AddPolicy(ProgramPeople, p => p.RequireRole(Roles.Mentor, Roles.Mentee, Roles.HrCoordinator));
    }
}
