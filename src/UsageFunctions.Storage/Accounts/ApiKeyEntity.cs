using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Accounts;

namespace UsageFunctions.Storage.Accounts;

/// <summary>ApiKeys table: PartitionKey = key id, RowKey = <c>key</c>. The key itself is never stored.</summary>
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

    public ApiKey ToApiKey() => new(PartitionKey, AccountId, Name,
        new HashSet<string>(Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal), Hash, CreatedAt, RevokedAt);
}
