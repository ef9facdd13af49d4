namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// A job that runs at start-up and then every interval, on every instance. Each run must be safe to repeat and to
/// run on several instances at once (notifications are claimed under a unique key before they are sent).
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The job's clock; tests replace it to run the job on a chosen day.</summary>
    protected TimeProvider Clock { get; } = clock;

    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One run of the job; returns how many messages it sent, for the log.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : Interval, Clock);
        do
        {
            try
            {
                var sent = await RunOnceAsync(stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("{Job} sent {Count} messages", GetType().Name, sent);
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
