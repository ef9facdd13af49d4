namespace ReverseMentoring.Web.Features.Invitations;

public sealed class InvitationOptions
{
    public const string Section = "Invitations";

    public int ValidDays { get; set; } = 30;

    /// <summary>Days after the invitation when a reminder goes out; null means the default, 7 and 14.</summary>
    public List<int>? ReminderDays { get; set; }

    public IReadOnlyList<int> EffectiveReminderDays =>
        ReminderDays is { Count: > 0 } days ? days.Where(d => d > 0).Distinct().Order().ToList() : [7, 14];
}

public static class InvitationRegistration
{
    public static IServiceCollection AddInvitations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InvitationOptions>(configuration.GetSection(InvitationOptions.Section));
        return services;
    }
}
