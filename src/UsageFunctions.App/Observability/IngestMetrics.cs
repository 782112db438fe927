using UsageFunctions.App.Ingestion;
using UsageFunctions.Domain.Events;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.App.Observability;

public static class IngestMetrics
{
    /// <summary>One request's events as read, and the answer given for each (none when nothing was acknowledged).</summary>
    public static void Ingested(this UsageMetrics metrics, IReadOnlyList<EventReadResult> reads, IReadOnlyList<EventResult> answered) =>
        metrics.Ingested(reads.Count, answered.Select(r => (r.Status, reads[r.Index].Event?.Type, r.Reason)));
}
