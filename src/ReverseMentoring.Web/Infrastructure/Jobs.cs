using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Features.Coordinator;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Dashboard.Facts;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Features.Skills;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>How a background job runs, the same for every job: Jobs:&lt;Name&gt;:Enabled and Jobs:&lt;Name&gt;:EveryMinutes.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between runs on each instance; at least 1.</summary>
    public int EveryMinutes { get; set; } = 60;
}

public static class Jobs
{
    /// <summary>Every background job of the app, with the name it has under Jobs: in the settings and its default interval.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddJob<InvitationReminders>(configuration, "InvitationReminders", everyMinutes: 60);
        services.AddJob<PairResponseWatch>(configuration, "PairResponseWatch", everyMinutes: 60);
        services.AddJob<Features.SelfService.MentorRequestDeadlines>(configuration, "MentorRequestDeadlines", everyMinutes: 15);
        services.AddJob<SessionReminders>(configuration, "SessionReminders", everyMinutes: 60);
        services.AddJob<CheckInJob>(configuration, "CheckIns", everyMinutes: 60);
        services.AddJob<SkillCheckpointJob>(configuration, "SkillCheckpoints", everyMinutes: 60);
        services.AddJob<PairRiskWatch>(configuration, "PairRiskWatch", everyMinutes: 60);
        services.AddJob<CoordinatorDigest>(configuration, "CoordinatorDigest", everyMinutes: 60);
        services.AddJob<MonthlySummaryJob>(configuration, "MonthlySummary", everyMinutes: 60);
        services.AddJob<Features.Chat.WeeklyChatSummaryJob>(configuration, "WeeklyChatSummary", everyMinutes: 60);
        services.AddJob<MessageMail>(configuration, "MessageMail", everyMinutes: 5);
        services.AddJob<ConversationRetention>(configuration, "ConversationRetention", everyMinutes: 24 * 60);
        services.AddJob<OutboxSender>(configuration, "OutboxSender", everyMinutes: 1);
        services.AddJob<Data.PersonChangesPrune>(configuration, "PersonChangesPrune", everyMinutes: 10);

        // Every few seconds rather than minutes: Jobs:DashboardFactsFold:Enabled and Jobs:DashboardFactsFold:EverySeconds.
        services.AddDashboardFacts(configuration);
        return services;
    }

    /// <summary>Settings of earlier versions, each with the one that replaced it.</summary>
    public static IReadOnlyDictionary<string, string> RetiredSettings { get; } = new Dictionary<string, string>
    {
        ["Invitations:RemindersEnabled"] = "Jobs:InvitationReminders:Enabled",
        ["Invitations:ReminderCheckMinutes"] = "Jobs:InvitationReminders:EveryMinutes",
        ["Pairing:WatchEnabled"] = "Jobs:PairResponseWatch:Enabled",
        ["Pairing:WatchCheckMinutes"] = "Jobs:PairResponseWatch:EveryMinutes",
        ["SessionReminders:Enabled"] = "Jobs:SessionReminders:Enabled",
        ["SessionReminders:CheckMinutes"] = "Jobs:SessionReminders:EveryMinutes",
        ["CheckIns:JobEnabled"] = "Jobs:CheckIns:Enabled",
        ["CheckIns:JobCheckMinutes"] = "Jobs:CheckIns:EveryMinutes",
    };

    /// <summary>
    /// An operator who turned a job off under its old name would otherwise find it quietly running again after an
    /// upgrade: each old setting still present is named at startup with the one to use instead.
    /// </summary>
    public static IReadOnlyList<string> RetiredSettingsIn(IConfiguration configuration) =>
        RetiredSettings.Where(s => configuration[s.Key] is not null)
            .Select(s => $"The setting {s.Key} is no longer read; use {s.Value} instead.")
            .ToList();

    private static void AddJob<TJob>(this IServiceCollection services, IConfiguration configuration, string name, int everyMinutes)
        where TJob : PeriodicJob
    {
        // Named after the job's type, which is how PeriodicJob finds its own.
        services.AddOptions<JobOptions>(typeof(TJob).Name)
            .Configure(options => options.EveryMinutes = everyMinutes)
            .Bind(configuration.GetSection($"{JobOptions.Section}:{name}"));
        services.AddHostedService<TJob>();
    }
}
