using Azure.Data.Tables;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Splits table operations into transactions the service accepts: one partition each and at most 100 operations.
/// Azurite does not enforce either rule, so this is where they are kept.
/// </summary>
public static class BatchWriter
{
    public const int MaxOperationsPerBatch = 100;

    public static IEnumerable<IReadOnlyList<T>> Partition<T>(IEnumerable<T> items, Func<T, string> partitionKey) =>
        items.GroupBy(partitionKey, StringComparer.Ordinal).SelectMany(group => group.Chunk(MaxOperationsPerBatch));

    public static async Task SubmitAsync(
        TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var batch in Partition(actions, a => a.Entity.PartitionKey))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }
}
