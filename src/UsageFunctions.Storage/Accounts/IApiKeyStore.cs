using UsageFunctions.Domain.Accounts;

namespace UsageFunctions.Storage.Accounts;

/// <summary>Issued API keys, stored as hashes and found by key id with one point read.</summary>
public interface IApiKeyStore
{
    Task AddAsync(ApiKey key, CancellationToken cancellationToken);
    Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken);
    /// <summary>Every issued key id (revoked ones included): one query of the partition of key ids.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken);
    Task<IReadOnlyList<ApiKey>> ListAsync(string accountId, CancellationToken cancellationToken);
    Task<bool> RevokeAsync(string accountId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
