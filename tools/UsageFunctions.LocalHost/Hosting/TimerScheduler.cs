using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UsageFunctions.LocalHost.Functions;
using UsageFunctions.LocalHost.Rpc;

namespace UsageFunctions.LocalHost.Hosting;

/// <summary>
/// Fires each timer function on its schedule once the functions are loaded, one run at a time per timer (a run that
/// overlaps its next occurrence makes that occurrence past due), and fires timers on demand.
/// </summary>
public sealed class TimerScheduler(LocalHostOptions options, FunctionTable table, FunctionInvoker invoker, ILogger<TimerScheduler> logger)
    : BackgroundService
{
    public Task<InvocationOutcome> FireAsync(LoadedFunction timer, bool isPastDue, DateTimeOffset? last, CancellationToken cancellationToken) =>
        invoker.InvokeAsync(timer, InvocationRequests.Timer(timer, Guid.NewGuid().ToString(), isPastDue, last,
            timer.Timer!.Schedule.Next(DateTimeOffset.UtcNow)), cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunTimersOnSchedule) return;
        LoadedApp app;
        try
        {
            app = await table.Loaded.WaitAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            return;
        }
        await Task.WhenAll(app.Functions.Where(f => f.Timer is not null).Select(f => RunOnScheduleAsync(f, stoppingToken)));
    }

    private async Task RunOnScheduleAsync(LoadedFunction timer, CancellationToken stoppingToken)
    {
        DateTimeOffset? last = null;
        if (timer.Timer!.RunOnStartup) await FireAsync(timer, false, null, stoppingToken);
        var next = timer.Timer.Schedule.Next(DateTimeOffset.UtcNow);
        logger.LogInformation("Timer {Function} ({Schedule}) next fires at {Next:O}", timer.Name, timer.Timer.Schedule.Expression, next);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = next - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, stoppingToken);
                var now = DateTimeOffset.UtcNow;
                await FireAsync(timer, isPastDue: now - next > TimeSpan.FromSeconds(1), last, stoppingToken);
                last = next;
                next = timer.Timer.Schedule.Next(DateTimeOffset.UtcNow > next ? DateTimeOffset.UtcNow : next);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
