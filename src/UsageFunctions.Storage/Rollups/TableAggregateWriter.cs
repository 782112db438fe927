using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.Storage.Rollups;

/// <summary>
/// Recomputes aggregates from raw events: each changed hour from its events, then its UTC day from the day's 24 hours,
/// then the UTC month from its days. Every step replaces rows with what the step below says, so a rerun (or a run
/// that was killed halfway and runs again) writes the same rows.
/// </summary>
public sealed class TableAggregateWriter(
    TableClients tables, IEventStore events, MeterCatalog catalog, ILogger<TableAggregateWriter> logger)
{
    /// <summary>Recomputes the changed hours of one account within one UTC month, and the days and month they belong to.</summary>
    public async Task RecomputeMonthAsync(string accountId, DateTimeOffset month, IReadOnlyCollection<DateTimeOffset> hours,
        CancellationToken cancellationToken)
    {
        using var span = UsageTracing.Phase("rollup.recompute_month", accountId);
        var table = await tables.GetAsync(TableNames.Aggregates, cancellationToken);
        var days = new Dictionary<DateTimeOffset, (CellSet Cells, Dictionary<DateTimeOffset, CellSet> Hours)>();
        var calls = new Dictionary<DateTimeOffset, List<DigestCall>>();
        foreach (var day in hours.GroupBy(h => UtcDecomposition.Floor(h, BucketGrain.Day)).OrderBy(g => g.Key))
            days[day.Key] = await RecomputeDayAsync(table, accountId, day.Key, [.. day], calls, cancellationToken);

        var monthBucket = new UtcBucket(BucketGrain.Month, month);
        var dayRows = await ReadPartitionAsync(table, AggregateKeys.Partition(accountId, new UtcBucket(BucketGrain.Day, month)), null, cancellationToken);
        var actions = new List<TableTransactionAction>();
        foreach (var (day, (cells, dayHours)) in days)
        {
            var bucket = new UtcBucket(BucketGrain.Day, day);
            var key = AggregateKeys.BucketKey(bucket);
            actions.AddRange(AggregateRows.Replace(dayRows.Where(r => r.Bucket == key),
                AggregateRows.ToDayEntities(accountId, bucket, cells, dayHours)));
        }
        await BatchWriter.SubmitAsync(table, actions, cancellationToken);
        await CallDigestWriter.ReplaceAsync(table, AggregateKeys.Partition(accountId, new UtcBucket(BucketGrain.Day, month)), calls, cancellationToken);

        var changedDays = days.Keys.Select(d => AggregateKeys.BucketKey(new UtcBucket(BucketGrain.Day, d))).ToHashSet(StringComparer.Ordinal);
        var monthCells = AggregateRows.ToCells(catalog, dayRows.Where(r => !changedDays.Contains(r.Bucket)));
        foreach (var (cells, _) in days.Values) monthCells.Merge(cells);
        var monthRows = await ReadPartitionAsync(table, AggregateKeys.Partition(accountId, monthBucket),
            AggregateKeys.BucketKey(monthBucket), cancellationToken);
        await BatchWriter.SubmitAsync(table, AggregateRows.Replace(monthRows, AggregateRows.ToEntities(accountId, monthBucket, monthCells)),
            cancellationToken);
        logger.LogInformation("Rolled up {Hours} hours in {Days} days of {Month} for {Account}",
            hours.Count, days.Count, monthBucket.Start, accountId);
    }

    /// <summary>
    /// Rewrites the changed hours of one day and answers the day's figures (all 24 hours merged) and each hour's; adds the
    /// changed hours' calls to <paramref name="calls"/>.
    /// </summary>
    private async Task<(CellSet Day, Dictionary<DateTimeOffset, CellSet> Hours)> RecomputeDayAsync(TableClient table, string accountId, DateTimeOffset day,
        IReadOnlyCollection<DateTimeOffset> hours, Dictionary<DateTimeOffset, List<DigestCall>> calls, CancellationToken cancellationToken)
    {
        var hourRows = await ReadPartitionAsync(table, AggregateKeys.Partition(accountId, new UtcBucket(BucketGrain.Hour, day)), null,
            cancellationToken);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var dayCells = new CellSet(catalog);
        var byHour = new Dictionary<DateTimeOffset, CellSet>();
        var actions = new List<TableTransactionAction>();
        foreach (var hour in hours.Distinct())
        {
            var bucket = new UtcBucket(BucketGrain.Hour, hour);
            var key = AggregateKeys.BucketKey(bucket);
            changed.Add(key);
            var stored = new List<Domain.Events.UsageEvent>();
            await foreach (var e in events.ReadHourAsync(accountId, hour, cancellationToken)) stored.Add(e.Event);
            var cells = HourAggregator.Aggregate(catalog, stored);
            calls[hour] = [.. stored.Select(DigestCall.Of).OfType<DigestCall>()];
            dayCells.Merge(cells);
            byHour[hour] = cells;
            actions.AddRange(AggregateRows.Replace(hourRows.Where(r => r.Bucket == key), AggregateRows.ToEntities(accountId, bucket, cells)));
        }
        await BatchWriter.SubmitAsync(table, actions, cancellationToken);
        foreach (var kept in hourRows.Where(r => !changed.Contains(r.Bucket)).GroupBy(r => r.Bucket, StringComparer.Ordinal))
        {
            var cells = AggregateRows.ToCells(catalog, kept);
            dayCells.Merge(cells);
            byHour[AggregateKeys.ParseBucket(BucketGrain.Hour, kept.Key)] = cells;
        }
        return (dayCells, byHour);
    }

    private static async Task<List<AggregateEntity>> ReadPartitionAsync(TableClient table, string partition, string? bucket,
        CancellationToken cancellationToken)
    {
        // Aggregate rows only: call digests sort after them (CallDigestRows).
        var filter = bucket is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {CallDigestRows.KeysFrom}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Bucket eq {bucket}");
        var rows = new List<AggregateEntity>();
        await foreach (var row in table.QueryAsync<AggregateEntity>(filter, cancellationToken: cancellationToken)) rows.Add(row);
        return rows;
    }
}
