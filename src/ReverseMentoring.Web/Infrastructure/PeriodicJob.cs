using Microsoft.Extensions.Options;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// A job that runs at start-up and then every interval, on every instance, as its <see cref="JobOptions"/> say. Each
/// run must be safe to repeat and to run on several instances at once: the messages it queues carry unique keys, and
/// the outbox sends each one once.
/// </summary>
public abstract class PeriodicJob(IOptionsMonitor<JobOptions> schedules, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The job's clock; tests replace it to run the job on a chosen day.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Jobs:&lt;Name&gt; of the settings, registered for this job in <see cref="Jobs"/>.</summary>
    private JobOptions Schedule => schedules.Get(GetType().Name);

    /// <summary>One run of the job; returns how many messages it queued or sent, for the log.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = Schedule;
        if (!schedule.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromMinutes(Math.Max(1, schedule.EveryMinutes));
        using var timer = new PeriodicTimer(interval, Clock);
        do
        {
            try
            {
                var messages = await RunOnceAsync(stoppingToken);
                if (messages > 0)
                {
                    logger.LogInformation("{Job} handled {Count} messages", GetType().Name, messages);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // One failed run must not stop the next ones.
                logger.LogError(failure, "{Job} failed; trying again at the next check", GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
