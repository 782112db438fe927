using Microsoft.Extensions.Caching.Memory;
using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Webhooks;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Ingestion;

/// <summary>
/// Checks Standard Webhooks signatures against every secret of the account still valid (several during rotation). A
/// request to an account that does not exist is refused without a read (<see cref="KnownIds"/>).
/// </summary>
public sealed class SignatureAuthenticator(IAccountStore accounts, IMemoryCache cache, TimeProvider clock, KnownAccountIds known)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    public static bool IsPresent(HttpRequest request) =>
        request.Headers.ContainsKey("webhook-signature") || request.Headers.ContainsKey("webhook-id");

    public async Task<SignatureCheck> CheckAsync(string accountId, HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        // An unknown account is checked against no secret, so it answers exactly as a wrong signature does.
        var exists = cache.TryGetValue(CacheKey(accountId), out _) || await known.MayExistAsync(accountId, cancellationToken);
        var secrets = !exists ? [] : await cache.GetOrCreateAsync(CacheKey(accountId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return accounts.GetWebhookSecretsAsync(accountId, cancellationToken);
        }) ?? [];
        var now = clock.GetUtcNow();
        return StandardWebhookSignature.Verify(
            secrets.Where(s => s.IsValidAt(now)).Select(s => s.Secret),
            request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], body, now);
    }

    public void Forget(string accountId) => cache.Remove(CacheKey(accountId));

    /// <summary>An account created by this instance takes signed requests at once.</summary>
    public void Created(string accountId) => known.Add(accountId);

    private static string CacheKey(string accountId) => "whsec:" + accountId;
}
