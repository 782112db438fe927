using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Accounts;

/// <summary>
/// Writes the index rows that accounts and keys stored before the indexes existed lack: the account's row in
/// <c>accounts~index</c>, the key's rows under <c>account~{id}</c> and in <c>keys~index</c>. Its scan of both tables
/// runs once per deployment: a marker row named after the build records that it completed, so later instances pay one
/// point read. It only inserts (a row that exists is never overwritten, so a revocation racing it keeps its index row),
/// and any number of instances may run it at once. The readers of the indexes await it on their instance, so a
/// listing never misses an account or key that exists.
/// </summary>
public sealed class IndexBackfill(TableClients tables)
{
    /// <summary>The Accounts partition of completion markers, one row per deployment that ran the backfill.</summary>
    public const string MarkerPartition = "accounts~backfill";

    private readonly SharedRun<IndexBackfillResult> _run = new(() => RunAsync(tables));

    /// <summary>This build of the app and of the storage layer: a new deployment checks the tables again.</summary>
    public static string Deployment { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{Assembly.GetEntryAssembly()?.ManifestModule.ModuleVersionId}/{typeof(IndexBackfill).Assembly.ManifestModule.ModuleVersionId}")))[..16];

    /// <summary>True once this instance's run has succeeded: from then on the index partitions hold every account and key.</summary>
    public bool IsComplete => _run.IsComplete;

    /// <summary>The instance's one run: started by the first caller, shared by the others, started again if it failed.</summary>
    public Task<IndexBackfillResult> EnsureAsync(CancellationToken cancellationToken) => _run.EnsureAsync(cancellationToken);

    private static async Task<IndexBackfillResult> RunAsync(TableClients tables)
    {
        var accounts = await tables.GetAsync(TableNames.Accounts);
        var marker = await accounts.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, Deployment, select: ["RowKey"]);
        if (marker.HasValue) return IndexBackfillResult.AlreadyDone;
        var accountRows = await MissingAccountRowsAsync(accounts);
        await InsertMissingAsync(accounts, accountRows);
        var keys = await tables.GetAsync(TableNames.ApiKeys);
        var keyRows = await MissingKeyRowsAsync(keys);
        await InsertMissingAsync(keys, keyRows);
        await accounts.UpsertEntityAsync(new TableEntity(MarkerPartition, Deployment)
        {
            ["AccountRows"] = accountRows.Count, ["KeyRows"] = keyRows.Count,
        });
        return new IndexBackfillResult(true, accountRows.Count, keyRows.Count);
    }

    private static async Task<List<ITableEntity>> MissingAccountRowsAsync(TableClient table)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {AccountRows.Profile} or PartitionKey eq {AccountRows.IndexPartition}");
        var profiles = new List<AccountEntity>();
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<AccountEntity>(filter))
        {
            if (row.PartitionKey == AccountRows.IndexPartition) indexed.Add(row.RowKey);
            else profiles.Add(row);
        }
        return [.. profiles.Where(p => !indexed.Contains(p.PartitionKey)).Select(p => AccountEntity.IndexFrom(p.ToAccount()))];
    }

    private static async Task<List<ITableEntity>> MissingKeyRowsAsync(TableClient table)
    {
        var keys = new List<ApiKeyEntity>();
        var present = new HashSet<(string, string)>();
        await foreach (var row in table.QueryAsync<ApiKeyEntity>())
        {
            if (row.RowKey == ApiKeyEntity.Row && !row.PartitionKey.Contains(StorageKeys.Separator)) keys.Add(row);
            else present.Add((row.PartitionKey, row.RowKey));
        }
        var missing = new List<ITableEntity>();
        foreach (var key in keys.Select(k => k.ToApiKey()))
        {
            if (!present.Contains((ApiKeyEntity.IndexPartition(key.AccountId), key.KeyId))) missing.Add(ApiKeyEntity.IndexFrom(key));
            if (!present.Contains((ApiKeyEntity.IdsPartition, key.KeyId))) missing.Add(ApiKeyEntity.IdFrom(key));
        }
        return missing;
    }

    /// <summary>Batches of inserts per partition; a batch that meets a row written since the scan is retried row by row.</summary>
    private static async Task InsertMissingAsync(TableClient table, IEnumerable<ITableEntity> rows)
    {
        foreach (var batch in BatchWriter.Partition(rows, r => r.PartitionKey))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                foreach (var row in batch) await InsertIfAbsentAsync(table, row);
            }
        }
    }

    private static async Task InsertIfAbsentAsync(TableClient table, ITableEntity row)
    {
        try
        {
            await table.AddEntityAsync(row);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Written by the product or another instance since the scan: that row is at least as new as ours.
        }
    }
}

/// <summary>What a backfill did: whether it scanned (false when this deployment's marker was found) and the rows it inserted.</summary>
public sealed record IndexBackfillResult(bool Scanned, int AccountRows, int KeyRows)
{
    public static readonly IndexBackfillResult AlreadyDone = new(false, 0, 0);
}
