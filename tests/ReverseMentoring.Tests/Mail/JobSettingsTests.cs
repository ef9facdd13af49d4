using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Mail;

/// <summary>Every job is configured the same way, and a setting of the old shape is named at startup, not silently ignored.</summary>
public sealed class JobSettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void An_old_job_setting_is_named_with_the_one_that_replaced_it()
    {
        var warnings = Jobs.RetiredSettingsIn(Settings(("SessionReminders:Enabled", "false"), ("CheckIns:JobCheckMinutes", "5"), ("Jobs:CheckIns:Enabled", "true")));

        Assert.Equal(2, warnings.Count);
        Assert.Contains("The setting SessionReminders:Enabled is no longer read; use Jobs:SessionReminders:Enabled instead.", warnings);
        Assert.Contains("The setting CheckIns:JobCheckMinutes is no longer read; use Jobs:CheckIns:EveryMinutes instead.", warnings);
    }

    [Fact]
    public void Current_settings_give_no_warning()
    {
        Assert.Empty(Jobs.RetiredSettingsIn(Settings(("Jobs:SessionReminders:Enabled", "false"), ("Jobs:OutboxSender:EveryMinutes", "1"))));
    }

    [Fact]
    public void A_job_reads_its_schedule_from_its_own_section()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJobs(Settings(("Jobs:SessionReminders:Enabled", "false"), ("Jobs:SessionReminders:EveryMinutes", "7")));
        using var provider = services.BuildServiceProvider();
        var schedules = provider.GetRequiredService<IOptionsMonitor<JobOptions>>();

        var reminders = schedules.Get(nameof(SessionReminders));
        Assert.False(reminders.Enabled);
        Assert.Equal(7, reminders.EveryMinutes);
        var sender = schedules.Get(nameof(OutboxSender));
        Assert.True(sender.Enabled);
        Assert.Equal(1, sender.EveryMinutes);
    }
}
