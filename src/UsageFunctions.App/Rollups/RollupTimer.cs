using UsageFunctions.App.Functions;
using UsageFunctions.Storage.Rollups;

namespace UsageFunctions.App.Rollups;

/// <summary>
/// Rolls changed hours up into hourly, daily and monthly aggregates and refreshes period counters. Every 30 seconds by
/// default, so an event is in the aggregates within about a minute; a past-due or skipped run needs nothing special,
/// since the watermark remembers where the last completed run stopped.
/// </summary>
public static class RollupTimer
{
    public static TimerFunction Function { get; } = new("RollupTimer", "Timers__Rollup", "*/30 * * * * *", RunAsync);

    public static async Task<string> RunAsync(IServiceProvider services, TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<RollupRunner>().RunAsync(cancellationToken);
        return result.Ran
            ? $"Rolled up {result.Hours} changed hours of {result.Accounts} accounts; watermark {result.Watermark:O}."
            : "Skipped: another instance holds the roll-up lease.";
    }
}
