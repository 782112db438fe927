using System.Globalization;
using Azure.Data.Tables;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Periods;

/// <summary>A pending hour's total row of one meter as the roll-up last wrote it, with the service's write time.</summary>
public sealed record HourTotal(DateTimeOffset Hour, decimal Value, DateTimeOffset? WrittenAt);

/// <summary>
/// What a pending-hours recount found: the figures of the hours' events not voided, and whether an event read raw was
/// voided at or after the instant asked about.
/// </summary>
public sealed record PendingRecount(CellSet Cells, bool VoidedSince);

/// <summary>
/// The reads an entitlement check makes for the hours that await the roll-up: the meter's hour totals (one range
/// query over the hour partitions from the first to the last of those days, limited to the meter's total rows) and the
/// hours' recount. The recount asks the hours' batch summaries first (one query per run of consecutive hours, a row per
/// ingestion transaction: <see cref="HourSummaryReader"/>); an hour they cannot answer (one with a void mark, before the
/// coverage hour, or summarised by another catalog) is read from its raw events, voided ones included, in one more round.
/// </summary>
public sealed class PendingHourReads(TableClients tables, IEventStore events, HourSummaryReader summaries, MeterCatalog catalog)
{
    /// <summary>The total rows of <paramref name="meter"/> for <paramref name="hours"/>; an hour without a row has none.</summary>
    public async Task<IReadOnlyList<HourTotal>> ReadTotalsAsync(string accountId, string meter, IReadOnlyList<DateTimeOffset> hours,
        CancellationToken cancellationToken)
    {
        var first = new UtcBucket(BucketGrain.Hour, hours.Min());
        var last = new UtcBucket(BucketGrain.Hour, hours.Max());
        var wanted = hours.Select(h => AggregateKeys.BucketKey(new UtcBucket(BucketGrain.Hour, h))).ToHashSet(StringComparer.Ordinal);
        var table = await tables.GetAsync(TableNames.Aggregates, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {AggregateKeys.Partition(accountId, first)} and PartitionKey le {AggregateKeys.Partition(accountId, last)} and RowKey ge {AggregateKeys.Row(CellKey.Total(meter), first)} and RowKey le {AggregateKeys.Row(CellKey.Total(meter), last)}");
        var totals = new List<HourTotal>();
        await foreach (var row in table.QueryAsync<AggregateEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.Meter != meter || row.Dimension != CellKey.AllValues || !wanted.Contains(row.Bucket)) continue;
            var hour = DateTimeOffset.ParseExact(row.Bucket, "yyyyMMddHH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            totals.Add(new HourTotal(hour, decimal.Parse(row.Value, CultureInfo.InvariantCulture), row.Timestamp));
        }
        return totals;
    }

    /// <summary>
    /// The hours' events not voided, summed. An hour the summaries answer holds no void mark, so none of its events was
    /// ever voided; the events of hours read raw tell their voids themselves.
    /// </summary>
    public async Task<PendingRecount> RecountAsync(string accountId, IReadOnlyList<DateTimeOffset> hours, DateTimeOffset voidsSince,
        CancellationToken cancellationToken)
    {
        var edges = hours.Distinct().Select(h => (From: h, To: h.AddHours(1))).ToList();
        var answered = await summaries.ReadAsync(accountId, edges, cancellationToken);
        var cells = CellSet.MergeAll(catalog, answered.Values);
        var rawHours = edges.Where(e => !answered.ContainsKey(e)).Select(e => e.From).ToList();
        if (rawHours.Count == 0) return new PendingRecount(cells, false);
        var raw = await ReadRawAsync(accountId, rawHours, cancellationToken);
        cells.Merge(HourAggregator.Aggregate(catalog, raw.Where(e => e.Void is null).Select(e => e.Event)));
        return new PendingRecount(cells, raw.Any(e => e.Void is { } v && v.VoidedAt >= voidsSince));
    }

    /// <summary>Every stored event of the hours, voided ones too (with their void record).</summary>
    private async Task<IReadOnlyList<StoredEvent>> ReadRawAsync(string accountId, IReadOnlyList<DateTimeOffset> hours,
        CancellationToken cancellationToken)
    {
        var spans = await Task.WhenAll(HourRuns.Of(hours).Select(async run =>
        {
            var read = new List<StoredEvent>();
            await foreach (var e in events.ReadPageAsync(accountId, run.From, run.To, null, true, 1_000, cancellationToken)) read.Add(e);
            return read;
        }));
        return [.. spans.SelectMany(s => s)];
    }
}
