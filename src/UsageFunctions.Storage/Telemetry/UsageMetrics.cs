using System.Diagnostics.Metrics;
using UsageFunctions.Domain.Events;

namespace UsageFunctions.Storage.Telemetry;

/// <summary>
/// Every metric the app emits, on one meter (<see cref="MeterName"/>). Instrument names, units and tags are a contract
/// with the dashboards and alerts built on them (README, "Operating it"): rename nothing, add instead. Tags are small
/// closed sets (an outcome, a reason code, a known event type, a surface); never an account id, a key or a payload.
/// </summary>
public sealed class UsageMetrics
{
    public const string MeterName = "UsageFunctions";

    private readonly TimeProvider _clock;
    private readonly Counter<long> _eventsReceived;
    private readonly Counter<long> _events;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _storageRequests;
    private readonly Counter<long> _storageFailures;
    private readonly Counter<long> _rollupRuns;
    private readonly Counter<long> _rollupHours;
    private readonly Histogram<double> _rollupDuration;
    private readonly Counter<long> _periodResets;
    private readonly Histogram<double> _readDuration;
    private readonly Counter<long> _alertsFired;
    private readonly Counter<long> _alertDeliveries;
    private long _watermarkTicks;

    public UsageMetrics(IMeterFactory meters, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        var meter = meters.Create(MeterName);
        _eventsReceived = meter.CreateCounter<long>("usage.ingest.received", "{event}", "Events in request bodies that parsed, before validation.");
        _events = meter.CreateCounter<long>("usage.ingest.events", "{event}", "Events answered, by outcome (accepted, duplicate, rejected), type and rejection reason.");
        _batchSize = meter.CreateHistogram<int>("usage.ingest.batch_size", "{event}", "Events per ingestion request.");
        _storageRequests = meter.CreateCounter<long>("usage.storage.requests", "{request}", "Table Storage requests sent, retries included, by kind.");
        _storageFailures = meter.CreateCounter<long>("usage.storage.failures", "{request}", "Table Storage requests that failed in transport, were throttled or met a server error, by kind and reason.");
        _rollupRuns = meter.CreateCounter<long>("usage.rollup.runs", "{run}", "Roll-up runs, by outcome (completed, skipped, lost_lease, failed).");
        _rollupHours = meter.CreateCounter<long>("usage.rollup.hours", "{hour}", "Changed (account, hour) pairs recomputed by roll-ups.");
        _rollupDuration = meter.CreateHistogram<double>("usage.rollup.duration", "s", "Duration of a roll-up run.");
        meter.CreateObservableGauge("usage.rollup.lag", ObserveLag, "s", "Now minus the roll-up watermark this instance last saw.");
        _periodResets = meter.CreateCounter<long>("usage.periods.resets", "{period}", "Billing periods closed and their counters started afresh.");
        _readDuration = meter.CreateHistogram<double>("usage.read.duration", "s", "Duration of a usage read, by API surface and status code.");
        _alertsFired = meter.CreateCounter<long>("usage.alerts.fired", "{alert}", "Alert rules that fired.");
        _alertDeliveries = meter.CreateCounter<long>("usage.alerts.deliveries", "{delivery}", "Alert webhook delivery attempts, by outcome.");
    }

    /// <summary>One ingestion request's events: those received, then each answered event's outcome.</summary>
    public void Ingested(int received, IEnumerable<(string Outcome, string? Type, string? Reason)> answered)
    {
        _eventsReceived.Add(received);
        _batchSize.Record(received);
        foreach (var (outcome, type, reason) in answered)
            _events.Add(1, new("outcome", outcome), new("type", KnownType(type)), new("reason", reason ?? "none"));
    }

    public void StorageRequest(string kind) => _storageRequests.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>A request with no answer (<paramref name="reason"/> <c>transport</c>) or with a status code that means failure.</summary>
    public void StorageFailure(string kind, string reason) => _storageFailures.Add(1, new("kind", kind), new("reason", reason));

    public void RollupRan(string outcome, int hours, TimeSpan duration, DateTimeOffset? watermark)
    {
        _rollupRuns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _rollupHours.Add(hours);
        _rollupDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        if (watermark is { } seen) Interlocked.Exchange(ref _watermarkTicks, seen.UtcTicks);
    }

    public void PeriodsReset(int periods)
    {
        if (periods > 0) _periodResets.Add(periods);
    }

    public void Read(string surface, int statusCode, TimeSpan duration) =>
        _readDuration.Record(duration.TotalSeconds, new("surface", surface), new("status_code", statusCode));

    public void AlertFired() => _alertsFired.Add(1);

    /// <summary><paramref name="outcome"/>: <c>delivered</c>, <c>failed</c> (will retry) or <c>abandoned</c>.</summary>
    public void AlertDelivery(string outcome) => _alertDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        var ticks = Interlocked.Read(ref _watermarkTicks);
        if (ticks == 0) yield break;
        yield return new Measurement<double>((_clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero)).TotalSeconds);
    }

    /// <summary>Event types are client-chosen strings; only the product's own are tags, the rest count as <c>other</c>.</summary>
    private static string KnownType(string? type) => type is not null && EventTypes.All.Contains(type) ? type : "other";
}
