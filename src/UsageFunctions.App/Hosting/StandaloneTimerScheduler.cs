using NCrontab;
using UsageFunctions.App.Functions;

namespace UsageFunctions.App.Hosting;

/// <summary>Without the Functions host, fires each catalog timer on its NCRONTAB schedule, one run at a time per timer.</summary>
public sealed class StandaloneTimerScheduler(
    IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<StandaloneTimerScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionCatalog.Timers.Select(timer => RunForeverAsync(timer, stoppingToken)));

    private async Task RunForeverAsync(TimerFunction timer, CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(timer.ScheduleFrom(configuration), new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        DateTimeOffset? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                using var scope = services.CreateScope();
                var log = await timer.Run(scope.ServiceProvider, new TimerInfo(false, last, next, clock.GetUtcNow()), stoppingToken);
                logger.LogInformation("Timer {Function} ran: {Result}", timer.Name, log);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed run is retried at the next occurrence, as the Functions host would.
                logger.LogError(ex, "Timer {Function} failed", timer.Name);
            }
            last = next;
        }
    }
}
