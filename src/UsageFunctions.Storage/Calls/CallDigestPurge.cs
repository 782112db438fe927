using Azure;
using Azure.Data.Tables;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// Deletes an account's call digests before a cutoff: they answer what raw events answer, so they are kept as long as
/// raw events are, to the day (a day row goes once its whole day is before the cutoff; reads never ask for calls before
/// it). One query over the account's day partitions (the digests' RowKey ranges, keys only).
/// </summary>
public sealed class CallDigestPurge(TableClients tables)
{
    public async Task<int> PurgeBeforeAsync(string accountId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Aggregates, cancellationToken);
        var days = StorageKeys.Join(AggregateKeys.Part(accountId), "d");
        var hour = Events.RawEventKeys.HourStart(cutoff);
        var day = new DateTimeOffset(cutoff.UtcDateTime.Date, TimeSpan.Zero);
        var epoch = DateTimeOffset.UnixEpoch;
        var ranges = new[] { CallDigestFamily.Figures, CallDigestFamily.Text }.SelectMany(f => new[]
        {
            CallDigestRows.Range(epoch, day, f, hourRows: false), CallDigestRows.Range(epoch, hour, f, hourRows: true),
        }).Select(r => $"(RowKey ge '{r.From}' and RowKey lt '{r.To}')");
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {days} and PartitionKey lt {StorageKeys.PrefixEnd(days)}") + $" and ({string.Join(" or ", ranges)})";
        var keys = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            keys.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
        await BatchWriter.SubmitAsync(table, keys, cancellationToken);
        return keys.Count;
    }
}
