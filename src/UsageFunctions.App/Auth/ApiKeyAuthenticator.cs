using Microsoft.Extensions.Caching.Memory;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.App.Auth;

/// <summary>
/// Resolves a presented API key to its account. Keys are found by their key id with one point read, cached for a
/// short while (a revocation reaches other instances within <see cref="CacheFor"/>), and compared by hash in
/// constant time. A key id that was never issued is refused without a read (<see cref="KnownIds"/>).
/// </summary>
public sealed class ApiKeyAuthenticator(IApiKeyStore keys, IMemoryCache cache, KnownKeyIds known)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<KeyCheck> CheckAsync(string? presented, string scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented)) return KeyCheck.Missing;
        var key = await FindGenuineAsync(presented, cancellationToken);
        if (key is null) return KeyCheck.Invalid;
        UsageTracing.TagAccount(key.AccountId);
        return key.Allows(scope) ? KeyCheck.For(key.AccountId) : KeyCheck.Forbidden(key.AccountId);
    }

    /// <summary>The key id of a presented key that exists, matches and is not revoked, whatever its scopes; otherwise null.</summary>
    public async Task<string?> GenuineKeyIdAsync(string? presented, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(presented) ? null : (await FindGenuineAsync(presented, cancellationToken))?.KeyId;

    private async Task<ApiKey?> FindGenuineAsync(string presented, CancellationToken cancellationToken)
    {
        var keyId = ApiKey.KeyIdOf(presented);
        if (keyId is null) return null;
        if (!cache.TryGetValue(CacheKey(keyId), out _) && !await known.MayExistAsync(keyId, cancellationToken)) return null;
        var key = await cache.GetOrCreateAsync(CacheKey(keyId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return keys.FindAsync(keyId, cancellationToken);
        });
        return key is null || !key.Matches(presented) || key.RevokedAt is not null ? null : key;
    }

    public void Forget(string keyId) => cache.Remove(CacheKey(keyId));

    /// <summary>A key issued by this instance is usable at once.</summary>
    public void Issued(string keyId) => known.Add(keyId);

    private static string CacheKey(string keyId) => "apikey:" + keyId;
}

/// <summary>The outcome of checking a key: which account it belongs to, and whether it carries the scope.</summary>
public sealed record KeyCheck(KeyStatus Status, string? AccountId)
{
    public static readonly KeyCheck Missing = new(KeyStatus.Missing, null);
    public static readonly KeyCheck Invalid = new(KeyStatus.Invalid, null);

    public static KeyCheck For(string accountId) => new(KeyStatus.Valid, accountId);

    public static KeyCheck Forbidden(string accountId) => new(KeyStatus.MissingScope, accountId);
}

public enum KeyStatus
{
    Valid,
    Missing,
    Invalid,
    MissingScope,
}
