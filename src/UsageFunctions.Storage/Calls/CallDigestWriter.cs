using Azure;
using Azure.Data.Tables;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// Makes the call digests of recomputed hours of one account-month exactly those hours' calls, in both families
/// (<see cref="CallDigestFamily"/>): upserts each hour's rows and deletes the rows an hour no longer needs (fewer calls,
/// or none). Transactions hold at most 100 operations and about 2 million characters of digests as sent, binary as
/// base64 (a transaction's payload is limited to 4 MiB).
/// </summary>
public static class CallDigestWriter
{
    private const int TransactionChars = 2_000_000;

    public static async Task ReplaceAsync(TableClient table, string partition, IReadOnlyDictionary<DateTimeOffset, List<DigestCall>> hours,
        CancellationToken cancellationToken)
    {
        if (hours.Count == 0) return;
        var (first, end) = (hours.Keys.Min(), hours.Keys.Max().AddHours(1));
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and ((RowKey ge {CallDigestRows.HourKey(first)} and RowKey lt {CallDigestRows.HourKey(end)}) or (RowKey ge {CallDigestRows.HourKey(first, CallDigestFamily.Text)} and RowKey lt {CallDigestRows.HourKey(end, CallDigestFamily.Text)}))");
        var existing = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            existing.Add(row.RowKey);

        var wanted = hours.SelectMany(h => CallDigestRows.Encode(partition, h.Key, h.Value)
            .Concat(CallDigestRows.Encode(partition, h.Key, h.Value, CallDigestFamily.Text))).ToList();
        var kept = wanted.Select(w => w.RowKey).ToHashSet(StringComparer.Ordinal);
        var actions = wanted.Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, w)).ToList();
        actions.AddRange(existing.Where(key => !kept.Contains(key) && hours.ContainsKey(CallDigestRows.HourOf(key)))
            .Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), ETag.All)));

        var batch = new List<TableTransactionAction>();
        var chars = 0;
        foreach (var action in actions)
        {
            var size = action.Entity is TableEntity entity ? CallDigestRows.WireChars(entity) : 0;
            if (batch.Count == Tables.BatchWriter.MaxOperationsPerBatch || (batch.Count > 0 && chars + size > TransactionChars))
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                batch = [];
                chars = 0;
            }
            batch.Add(action);
            chars += size;
        }
        if (batch.Count > 0) await table.SubmitTransactionAsync(batch, cancellationToken);
    }
}
