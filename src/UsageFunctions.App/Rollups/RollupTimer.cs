using UsageFunctions.App.Observability;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.App.Rollups;

/// <summary>
/// Rolls changed hours up into hourly, daily and monthly aggregates and refreshes period counters. Every 30 seconds by
/// default, so an event is in the aggregates within about a minute; a past-due or skipped run needs nothing special,
/// since the watermark remembers where the last completed run stopped.
/// </summary>
public sealed class RollupTimer(RollupRunner runner, Alerts.AlertEvaluator alerts, TimeProvider clock, ILogger<RollupTimer> logger, UsageMetrics metrics)
{
    [Function("RollupTimer")]
    public async Task Run([TimerTrigger("%Timers__Rollup%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var run = metrics.TrackRollup();
        var result = await runner.RunAsync(cancellationToken);
        run.Finish(result);
        if (result.Ran)
            logger.LogInformation("Rolled up {Hours} changed hours of {Accounts} accounts; watermark {Watermark}",
                result.Hours, result.Accounts, result.Watermark);
        else
            logger.LogInformation("Roll-up skipped: another run holds the lease or is in progress");
        // Alerts read the aggregates this run just wrote, for the accounts and hours it touched.
        if (result.Changed is { Count: > 0 } changed) await alerts.EvaluateAsync(changed, clock.GetUtcNow(), cancellationToken);
    }
}
