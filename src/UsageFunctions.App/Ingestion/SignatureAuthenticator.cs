using Microsoft.Extensions.Caching.Memory;
using UsageFunctions.Domain.Webhooks;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Ingestion;

/// <summary>Checks Standard Webhooks signatures against every secret of the account still valid (several during rotation).</summary>
public sealed class SignatureAuthenticator(IAccountStore accounts, IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    public static bool IsPresent(HttpRequest request) =>
        request.Headers.ContainsKey("webhook-signature") || request.Headers.ContainsKey("webhook-id");

    public async Task<SignatureCheck> CheckAsync(string accountId, HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var secrets = await cache.GetOrCreateAsync("whsec:" + accountId, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return accounts.GetWebhookSecretsAsync(accountId, cancellationToken);
        }) ?? [];
        var now = clock.GetUtcNow();
        return StandardWebhookSignature.Verify(
            secrets.Where(s => s.IsValidAt(now)).Select(s => s.Secret),
            request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], body, now);
    }

    public void Forget(string accountId) => cache.Remove("whsec:" + accountId);
}
