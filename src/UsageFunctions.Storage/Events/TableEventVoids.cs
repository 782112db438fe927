using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Events;

/// <summary>
/// Finds each event by its keys: with a time hint, one point read in the partition of that hour and the source's
/// shard; otherwise (or when the hint missed) one query over the account's raw-event partitions per 13 identities,
/// filtered by RowKey on the service. Ingestion pays nothing for this (no index row per event): voids are rare and
/// ingestion is the hot path. Each event found is marked voided with an ETag-guarded merge (with a void mark for the partition's batch summaries, see
/// <see cref="BatchSummaries"/>, in the same transaction), and its hour is marked
/// changed so the next roll-up recomputes the hour, its day, month and billing period without it.
/// </summary>
public sealed class TableEventVoids(
    TableClients tables, IChangedHours changedHours, IOptions<TableStorageOptions> options, TimeProvider clock) : IEventVoids
{
    // The service allows 15 comparisons per filter: two bound the account's partitions.
    private const int IdentitiesPerQuery = 13;

    public async Task<IReadOnlyList<VoidResult>> VoidAsync(string accountId, IReadOnlyList<VoidRequest> requests, string voidedBy,
        CancellationToken cancellationToken)
    {
        try
        {
            var table = await tables.GetAsync(TableNames.RawEvents, cancellationToken);
            var found = await FindAsync(table, accountId, requests, cancellationToken);
            var now = clock.GetUtcNow();
            var results = new Dictionary<string, VoidResult>(StringComparer.Ordinal);
            foreach (var (hash, entity) in found)
                results[hash] = await MarkVoidedAsync(table, entity, requests.First(r => Hash(r) == hash).Reason, voidedBy, now, cancellationToken);
            // Already-voided events mark their hour too: a retry after a failed marker write must still reach the roll-up.
            await changedHours.MarkAsync(accountId, found.Values.Select(e => RawEventKeys.HourStart(e.OccurredAt)), cancellationToken);
            return [.. requests.Select(r => results.GetValueOrDefault(Hash(r)) ?? new VoidResult(VoidStatus.NotFound, null, null))];
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
        {
            throw new StorageUnavailableException("Events could not be voided.", ex);
        }
    }

    private async Task<Dictionary<string, RawEventEntity>> FindAsync(TableClient table, string accountId, IReadOnlyList<VoidRequest> requests,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, RawEventEntity>(StringComparer.Ordinal);
        var hinted = requests.Where(r => r.Time is not null).DistinctBy(Hash).ToList();
        var reads = await Task.WhenAll(hinted.Select(r => table.GetEntityIfExistsAsync<RawEventEntity>(
            RawEventKeys.Partition(accountId, r.Time!.Value, RawEventKeys.ShardOf(r.Source, options.Value.RawEventShards)), Hash(r),
            cancellationToken: cancellationToken)));
        foreach (var read in reads.Where(r => r.HasValue)) found[read.Value!.RowKey] = read.Value;

        var missing = requests.Select(Hash).Distinct().Where(h => !found.ContainsKey(h)).ToList();
        var account = TableClient.CreateQueryFilter(
            $"PartitionKey gt {accountId + StorageKeys.Separator} and PartitionKey lt {StorageKeys.PrefixEnd(accountId)}");
        foreach (var chunk in missing.Chunk(IdentitiesPerQuery))
        {
            var rows = string.Join(" or ", chunk.Select(h => TableClient.CreateQueryFilter($"RowKey eq {h}")));
            await foreach (var entity in table.QueryAsync<RawEventEntity>($"{account} and ({rows})", cancellationToken: cancellationToken))
                found[entity.RowKey] = entity;
        }
        return found;
    }

    private static async Task<VoidResult> MarkVoidedAsync(TableClient table, RawEventEntity entity, string reason, string voidedBy,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (entity.VoidedAt is { } at)
                return new VoidResult(VoidStatus.AlreadyVoided, new EventVoid(at, entity.VoidedBy ?? "", entity.VoidReason ?? ""), entity.OccurredAt);
            var change = new TableEntity(entity.PartitionKey, entity.RowKey)
            {
                [nameof(RawEventEntity.VoidedAt)] = now,
                [nameof(RawEventEntity.VoidedBy)] = voidedBy,
                [nameof(RawEventEntity.VoidReason)] = reason,
            };
            try
            {
                // With the void mark in the same transaction: the partition's batch summaries no longer tell its hour's figures.
                await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, change, entity.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, BatchSummaries.VoidMark(entity.PartitionKey, entity.RowKey)),
                ], cancellationToken);
                return new VoidResult(VoidStatus.Voided, new EventVoid(now, voidedBy, reason), entity.OccurredAt);
            }
            catch (TableTransactionFailedException ex) when (ex.ErrorCode == TableErrorCode.UpdateConditionNotSatisfied && attempt < 3)
            {
                // A concurrent void won: answer its record.
                entity = (await table.GetEntityAsync<RawEventEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)).Value;
            }
        }
    }

    private static string Hash(VoidRequest request) => EventIdentity.Hash(request.Source, request.Id);
}
