using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Rollups;

namespace UsageFunctions.Storage.Usage;

/// <summary>
/// What the roll-up has not folded in yet: the hours of an account marked changed since the watermark (one range query
/// over the few minutes of change markers past it, filtered to the account on the service), and for an additive meter how much a recount of those hours' raw events
/// differs from their aggregate rows. Added to a period counter, it makes the counter exact up to now.
/// </summary>
public sealed class UnrolledChange(RollupLease lease, IChangedHours changedHours, AggregateReader reader, IEventStore events,
    MeterCatalog catalog, TimeProvider clock)
{
    /// <summary>
    /// The change of <paramref name="meter"/> within [<paramref name="start"/>, <paramref name="end"/>) not yet in the
    /// aggregates; null when it cannot be told by difference (a level or state meter, or a changed hour the window cuts).
    /// </summary>
    public async Task<decimal?> AdditiveChangeAsync(string accountId, MeterDefinition meter, DateTimeOffset start, DateTimeOffset end,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var watermark = (await lease.ReadAsync(cancellationToken)).Watermark ?? start;
        var hours = (await changedHours.ReadAccountAsync(accountId, watermark, now.AddMinutes(1), cancellationToken))
            .Where(h => h.AddHours(1) > start && h < end).ToList();
        if (hours.Count == 0) return 0m;
        if (!meter.Aggregation.IsAdditive() || hours.Any(h => h < start || h.AddHours(1) > end)) return null;
        var prefix = AggregateKeys.RowPrefix(meter.Key);
        var rolled = await reader.ReadBucketsAsync(accountId, hours.Select(h => new UtcBucket(BucketGrain.Hour, h)), [prefix], cancellationToken);
        var recount = await Task.WhenAll(hours.Select(async hour =>
        {
            var stored = new List<Domain.Events.UsageEvent>();
            await foreach (var e in events.ReadHourAsync(accountId, hour, cancellationToken)) stored.Add(e.Event);
            return AggregateReader.Only(HourAggregator.Aggregate(catalog, stored), [prefix]);
        }));
        var raw = CellSet.MergeAll(catalog, recount);
        var aggregated = CellSet.MergeAll(catalog, rolled.Values);
        return MeterReading.Read(raw, meter, null).Total - MeterReading.Read(aggregated, meter, null).Total;
    }
}
