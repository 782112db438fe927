using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Events;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Events;

public sealed class TableEventStore(
    TableClients tables, IChangedHours changedHours, IOptions<TableStorageOptions> options, TimeProvider clock, MeterCatalog catalog,
    BatchSummaryCoverage coverage) : IEventStore
{
    public async Task<IReadOnlyList<StoreOutcome>> AppendAsync(
        string accountId, IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        var outcomes = new StoreOutcome[events.Count];
        var pending = UniqueEntities(accountId, events, outcomes);
        try
        {
            var table = await tables.GetAsync(TableNames.RawEvents, cancellationToken);
            // Recorded before this instance's first write (then kept): a new installation's hours are all summarised.
            await coverage.SinceAsync(cancellationToken);
            var batches = BatchWriter.Partition(pending, p => p.Entity.PartitionKey);
            await Task.WhenAll(batches.Select(batch => InsertOnceAsync(table, batch, events, outcomes, cancellationToken)));
            // Duplicates mark their hour too: a retry after a failed marker write must still reach the roll-up.
            await changedHours.MarkAsync(accountId, events.Select(e => RawEventKeys.HourStart(e.OccurredAt)), cancellationToken);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
        {
            throw new StorageUnavailableException("Usage events could not be stored.", ex);
        }
        return outcomes;
    }

    public IAsyncEnumerable<StoredEvent> ReadHourAsync(string accountId, DateTimeOffset hour, CancellationToken cancellationToken) =>
        ReadRangeAsync(accountId, RawEventKeys.HourStart(hour), RawEventKeys.HourStart(hour).AddHours(1), cancellationToken);

    public async IAsyncEnumerable<StoredEvent> ReadRangeAsync(
        string accountId, DateTimeOffset from, DateTimeOffset toExclusive, [EnumeratorCancellation] CancellationToken cancellationToken,
        int? pageSize = null)
    {
        var table = await tables.GetAsync(TableNames.RawEvents, cancellationToken);
        var filter = RawEventQuery.RangeFilter(accountId, from, toExclusive);
        await foreach (var e in RawEventQuery.RunAsync(table, accountId, filter, from, toExclusive, false, pageSize, cancellationToken))
            yield return e;
    }

    public async IAsyncEnumerable<StoredEvent> ReadPageAsync(string accountId, DateTimeOffset from, DateTimeOffset toExclusive,
        EventCursor? after, bool includeVoided, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.RawEvents, cancellationToken);
        var filter = RawEventQuery.RangeFilter(accountId, from, toExclusive);
        if (after is not null) filter += " and " + RawEventQuery.After(after);
        await foreach (var e in RawEventQuery.RunAsync(table, accountId, filter, from, toExclusive, includeVoided, pageSize, cancellationToken))
            yield return e;
    }


    public async Task<int> PurgeBeforeAsync(string accountId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.RawEvents, cancellationToken);
        var from = accountId + StorageKeys.Separator;
        var to = RawEventKeys.HourPrefix(accountId, RawEventKeys.HourStart(cutoff));
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {from} and PartitionKey lt {to}");
        var keys = new List<TableTransactionAction>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
        }
        await BatchWriter.SubmitAsync(table, keys, cancellationToken);
        return keys.Count;
    }

    private List<(int Index, RawEventEntity Entity)> UniqueEntities(
        string accountId, IReadOnlyList<UsageEvent> events, StoreOutcome[] outcomes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(int, RawEventEntity)>(events.Count);
        var now = clock.GetUtcNow();
        var shards = new Dictionary<(string, bool), int>();
        var spreadFrom = options.Value.RawEventShardSpreadFrom ?? DateTimeOffset.MinValue;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var hash = e.IdentityHash;
            if (!seen.Add(hash))
            {
                outcomes[i] = StoreOutcome.Duplicate;
                continue;
            }
            pending.Add((i, new RawEventEntity
            {
                PartitionKey = RawEventKeys.Partition(accountId, e.OccurredAt, ShardOf(e.Source, e.OccurredAt < spreadFrom)),
                RowKey = hash,
                AccountId = accountId,
                Source = e.Source,
                EventId = e.Id,
                Type = e.Type,
                Time = e.Time,
                OccurredAt = e.OccurredAt,
                Subject = e.Subject,
                Data = e.DataJson,
                ReceivedAt = now,
            }));
        }
        return pending;

        int ShardOf(string source, bool hashed)
        {
            var count = options.Value.RawEventShards;
            if (!shards.TryGetValue((source, hashed), out var shard))
                shards[(source, hashed)] = shard = hashed ? RawEventKeys.HashedShardOf(source, count) : RawEventKeys.ShardOf(source, count);
            return shard;
        }
    }

    /// <summary>
    /// Inserts one partition's batch, its first row carrying the summary of the rows inserted (<see cref="BatchSummaries"/>).
    /// A conflict means some rows exist already (a redelivery, maybe a concurrent one): those are looked up, reported as
    /// duplicates, and the rest are inserted again with their own summary.
    /// </summary>
    private async Task InsertOnceAsync(
        TableClient table, IReadOnlyList<(int Index, RawEventEntity Entity)> batch, IReadOnlyList<UsageEvent> events,
        StoreOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var remaining = batch.ToList();
        for (var attempt = 0; remaining.Count > 0; attempt++)
        {
            BatchSummaries.AddTo([.. remaining.Select(p => p.Entity)], catalog, [.. remaining.Select(p => events[p.Index])]);
            try
            {
                await table.SubmitTransactionAsync(
                    remaining.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p.Entity)), cancellationToken);
                foreach (var (index, _) in remaining) outcomes[index] = StoreOutcome.Accepted;
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.EntityAlreadyExists && attempt < 10)
            {
                var existing = await ExistingRowKeysAsync(table, remaining, cancellationToken);
                if (ex.FailedTransactionActionIndex is { } failed && failed < remaining.Count)
                    existing.Add(remaining[failed].Entity.RowKey);
                foreach (var (index, entity) in remaining.Where(p => existing.Contains(p.Entity.RowKey)))
                    outcomes[index] = StoreOutcome.Duplicate;
                remaining.RemoveAll(p => existing.Contains(p.Entity.RowKey));
            }
        }
    }

    private static async Task<HashSet<string>> ExistingRowKeysAsync(
        TableClient table, IReadOnlyList<(int Index, RawEventEntity Entity)> batch, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var partition = batch[0].Entity.PartitionKey;
        // The service allows 15 comparisons per filter: one for the partition and up to 14 row keys.
        foreach (var chunk in batch.Select(p => p.Entity.RowKey).Chunk(14))
        {
            var rows = string.Join(" or ", chunk.Select(rk => TableClient.CreateQueryFilter($"RowKey eq {rk}")));
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + $" and ({rows})";
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
                existing.Add(entity.RowKey);
        }
        return existing;
    }
}
