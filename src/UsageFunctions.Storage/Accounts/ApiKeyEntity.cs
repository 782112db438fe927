using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Accounts;

namespace UsageFunctions.Storage.Accounts;

/// <summary>
/// ApiKeys table: PartitionKey = key id, RowKey = <c>key</c>; and an index row per key under its account,
/// PartitionKey <c>account~{account id}</c>, RowKey = key id, without the hash. The key itself is never stored.
/// </summary>
public sealed class ApiKeyEntity : ITableEntity
{
    public const string Row = "key";

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

    /// <summary>Key ids never hold '~', so no key's own partition is ever an index partition.</summary>
    public static string IndexPartition(string accountId) => Tables.StorageKeys.Join("account", accountId);

    public ApiKey ToApiKey() => new(RowKey == Row ? PartitionKey : RowKey, AccountId, Name,
        new HashSet<string>(Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal), Hash, CreatedAt, RevokedAt);
}
