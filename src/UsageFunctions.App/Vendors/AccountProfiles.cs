using Microsoft.Extensions.Caching.Memory;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Vendors;

/// <summary>
/// Account profiles for the read APIs, kept for <see cref="CacheFor"/> like the keys that lead to them: a profile does
/// not change once created, so a read spends its storage requests on usage, not on who is asking. Unknown ids are not kept.
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
}
