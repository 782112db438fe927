using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Accounts;

namespace UsageFunctions.Storage.Accounts;

/// <summary>
/// ApiKeys table: PartitionKey = key id, RowKey = <c>key</c>; an index row per key under its account,
/// PartitionKey <c>account~{account id}</c>, RowKey = key id, without the hash; and the key's id in the partition of
/// all key ids (<see cref="IdsPartition"/>, RowKey = key id). The key itself is never stored.
/// </summary>
public sealed class ApiKeyEntity : ITableEntity
{
    public const string Row = "key";

    /// <summary>Every issued key id, one row each (revoked ones included): what the known-id set lists.</summary>
    public const string IdsPartition = "keys~index";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string AccountId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Scopes { get; set; } = "";
    public byte[] Hash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public static ApiKeyEntity From(ApiKey key) => new()
    {
        PartitionKey = key.KeyId, AccountId = key.AccountId, Name = key.Name, Scopes = string.Join(' ', key.Scopes.Order(StringComparer.Ordinal)),
        Hash = key.Hash, CreatedAt = key.CreatedAt, RevokedAt = key.RevokedAt,
    };

    /// <summary>The key's row in its account's index partition: what listing shows, no hash.</summary>
    public static ApiKeyEntity IndexFrom(ApiKey key)
    {
        var row = From(key);
        row.PartitionKey = IndexPartition(key.AccountId);
        row.RowKey = key.KeyId;
        row.Hash = [];
        return row;
    }

    /// <summary>The key's row in the partition of all key ids: its id and account, nothing else.</summary>
    public static TableEntity IdFrom(ApiKey key) => new(IdsPartition, key.KeyId) { [nameof(AccountId)] = key.AccountId };

    /// <summary>Key ids never hold '~', so no key's own partition is ever an index partition.</summary>
    public static string IndexPartition(string accountId) => Tables.StorageKeys.Join("account", accountId);

    public ApiKey ToApiKey() => new(RowKey == Row ? PartitionKey : RowKey, AccountId, Name,
        new HashSet<string>(Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal), Hash, CreatedAt, RevokedAt);
}
