using Azure;
using Azure.Data.Tables;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// Deletes an account's call digests of hours before a cutoff: they answer what raw events answer, so they are kept as
/// long as raw events are. One query over the account's day partitions (the digests' RowKey range, keys only).
/// </summary>
public sealed class CallDigestPurge(TableClients tables)
{
    public async Task<int> PurgeBeforeAsync(string accountId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Aggregates, cancellationToken);
        var days = StorageKeys.Join(AggregateKeys.Part(accountId), "d");
        var hour = Events.RawEventKeys.HourStart(cutoff);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey gt {days} and PartitionKey lt {StorageKeys.PrefixEnd(days)} and ((RowKey ge {CallDigestRows.Prefix + StorageKeys.Separator} and RowKey lt {CallDigestRows.HourKey(hour)}) or (RowKey ge {CallDigestRows.TextPrefix + StorageKeys.Separator} and RowKey lt {CallDigestRows.HourKey(hour, CallDigestFamily.Text)}))");
        var keys = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            keys.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
        await BatchWriter.SubmitAsync(table, keys, cancellationToken);
        return keys.Count;
    }
}
