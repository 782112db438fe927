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
/// The two reads an entitlement check makes for the hours that await the roll-up: the meter's hour totals (one range
/// query over the hour partitions from the first to the last of those days, limited to the meter's total rows) and the
/// hours' raw events, voided ones included (one range query per run of consecutive hours).
/// </summary>
public sealed class PendingHourReads(TableClients tables, IEventStore events)
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

    /// <summary>Every stored event of the hours, voided ones too (with their void record).</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadRawAsync(string accountId, IReadOnlyList<DateTimeOffset> hours,
        CancellationToken cancellationToken)
    {
        var spans = await Task.WhenAll(Runs(hours).Select(async run =>
        {
            var read = new List<StoredEvent>();
            await foreach (var e in events.ReadPageAsync(accountId, run.From, run.To, null, true, 1_000, cancellationToken)) read.Add(e);
            return read;
        }));
        return [.. spans.SelectMany(s => s)];
    }

    /// <summary>Consecutive hours joined into spans, oldest first.</summary>
    public static List<(DateTimeOffset From, DateTimeOffset To)> Runs(IEnumerable<DateTimeOffset> hours)
    {
        var runs = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var hour in hours.Distinct().Order())
        {
            if (runs.Count > 0 && runs[^1].To == hour) runs[^1] = (runs[^1].From, hour.AddHours(1));
            else runs.Add((hour, hour.AddHours(1)));
        }
        return runs;
    }
}
