using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Accounts;

/// <summary>
/// A key is found by its id with one point read (authentication), listed from its account's index partition with one
/// single-partition query (management), and every key id is listed from the partition of key ids (the known-id set),
/// so no read grows with the number of accounts.
/// </summary>
public sealed class TableApiKeyStore(TableClients tables, IndexBackfill backfill) : IApiKeyStore
{
    /// <summary>
    /// The index rows first: a key that exists is always listed and known (a failure in between leaves a listed key that
    /// cannot authenticate).
    /// </summary>
    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        await table.UpsertEntityAsync(ApiKeyEntity.IndexFrom(key), TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(ApiKeyEntity.IdFrom(key), TableUpdateMode.Replace, cancellationToken);
        await table.AddEntityAsync(ApiKeyEntity.From(key), cancellationToken);
    }

    public async Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<ApiKeyEntity>(keyId, ApiKeyEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.ToApiKey() : null;
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken)
    {
        await backfill.EnsureAsync(cancellationToken);
        var table = await Table(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ApiKeyEntity.IdsPartition}");
        var ids = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            ids.Add(entity.RowKey);
        return ids;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        await backfill.EnsureAsync(cancellationToken);
        var table = await Table(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ApiKeyEntity.IndexPartition(accountId)}");
        var keys = new List<ApiKey>();
        await foreach (var entity in table.QueryAsync<ApiKeyEntity>(filter, cancellationToken: cancellationToken))
            keys.Add(entity.ToApiKey());
        return keys;
    }

    public async Task<bool> RevokeAsync(string accountId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<ApiKeyEntity>(keyId, ApiKeyEntity.Row, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.AccountId != accountId) return false;
        var entity = found.Value;
        if (entity.RevokedAt is null)
        {
            entity.RevokedAt = revokedAt;
            await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        // Also when already revoked: a retry repairs an index row that a failed revocation left behind.
        await table.UpsertEntityAsync(ApiKeyEntity.IndexFrom(entity.ToApiKey()), TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    private Task<TableClient> Table(CancellationToken cancellationToken) => tables.GetAsync(TableNames.ApiKeys, cancellationToken);
}
