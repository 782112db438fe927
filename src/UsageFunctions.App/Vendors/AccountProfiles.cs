using Microsoft.Extensions.Caching.Memory;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Vendors;

/// <summary>
/// Account profiles and resources for the read APIs, kept for <see cref="CacheFor"/> like the keys that lead to them: a
/// profile does not change once created, and resources (numbers, agents, voices) change rarely, so a read spends its
/// storage requests on usage, not on who is asking. A resource saved through this instance is seen at once (the admin
/// API forgets the kept copy); one saved through another instance within <see cref="CacheFor"/>. Unknown ids are not kept.
/// </summary>
public sealed class AccountProfiles(IAccountStore accounts, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        var cacheKey = "account:" + accountId;
        if (cache.TryGetValue(cacheKey, out Account? kept)) return kept;
        var found = await accounts.FindAsync(accountId, cancellationToken);
        if (found is not null) cache.Set(cacheKey, found, CacheFor);
        return found;
    }

    public async Task<AccountResources> ResourcesAsync(string accountId, CancellationToken cancellationToken)
    {
        var cacheKey = ResourcesKey(accountId);
        if (cache.TryGetValue(cacheKey, out AccountResources? kept)) return kept!;
        var found = await accounts.GetResourcesAsync(accountId, cancellationToken);
        cache.Set(cacheKey, found, CacheFor);
        return found;
    }

    public void ForgetResources(string accountId) => cache.Remove(ResourcesKey(accountId));

    private static string ResourcesKey(string accountId) => "resources:" + accountId;
}
