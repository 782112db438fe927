using System.Diagnostics;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.App.Observability;

public static class RollupMetrics
{
    /// <summary>Times one roll-up run; recorded when disposed, as <c>failed</c> unless <see cref="RollupRun.Finish"/> was called.</summary>
    public static RollupRun TrackRollup(this UsageMetrics metrics) => new(metrics, Stopwatch.GetTimestamp());
}

public sealed class RollupRun(UsageMetrics metrics, long started) : IDisposable
{
    private RollupResult? _result;

    public void Finish(RollupResult result) => _result = result;

    public void Dispose()
    {
        var outcome = _result switch
        {
            null => "failed",
            { Ran: false } => "skipped",
            { Watermark: null } => "lost_lease",
            _ => "completed",
        };
        metrics.RollupRan(outcome, _result?.Hours ?? 0, Stopwatch.GetElapsedTime(started), _result?.Watermark);
    }
}
