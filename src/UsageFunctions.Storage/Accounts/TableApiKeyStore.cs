using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Accounts;

public sealed class TableApiKeyStore(TableClients tables) : IApiKeyStore
{
    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken) =>
        await (await Table(cancellationToken)).AddEntityAsync(ApiKeyEntity.From(key), cancellationToken);

    public async Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<ApiKeyEntity>(keyId, ApiKeyEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.ToApiKey() : null;
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        var ids = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
            ids.Add(entity.PartitionKey);
        return ids;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"AccountId eq {accountId}");
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
        if (entity.RevokedAt is not null) return true;
        entity.RevokedAt = revokedAt;
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    private Task<TableClient> Table(CancellationToken cancellationToken) => tables.GetAsync(TableNames.ApiKeys, cancellationToken);
}
