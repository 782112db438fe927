using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Webhooks;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Admin;

/// <summary>API keys (shown once, stored as hashes) and webhook signing secrets.</summary>
public static class AdminKeys
{
    public static readonly TimeSpan DefaultRotationGrace = TimeSpan.FromHours(24);

    public static async Task<Results<Created<CreatedKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string accountId, CreateKeyRequest request, IAccountStore accounts, IApiKeyStore keys, ApiKeyAuthenticator authenticator,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = AdminValidation.Key(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!await AdminApi.ExistsAsync(accounts, accountId, cancellationToken)) return AdminApi.AccountNotFound(accountId);
        var keyId = AccountIds.NewKeyId();
        var presented = ApiKey.Compose(keyId, AccountIds.RandomToken(40));
        var scopes = request.Scopes!.Distinct().Order(StringComparer.Ordinal).ToList();
        var key = new ApiKey(keyId, accountId, request.Name ?? "", scopes.ToHashSet(), ApiKey.HashOf(presented), clock.GetUtcNow(), null);
        await keys.AddAsync(key, cancellationToken);
        authenticator.Issued(keyId);
        return TypedResults.Created($"/{AdminApi.Root}/{accountId}/keys/{keyId}",
            new CreatedKeyResponse(keyId, presented, key.Name, scopes, key.CreatedAt));
    }

    public static async Task<Results<Ok<List<KeyResponse>>, ProblemHttpResult>> ListAsync(
        string accountId, IAccountStore accounts, IApiKeyStore keys, CancellationToken cancellationToken)
    {
        if (!await AdminApi.ExistsAsync(accounts, accountId, cancellationToken)) return AdminApi.AccountNotFound(accountId);
        var list = await keys.ListAsync(accountId, cancellationToken);
        return TypedResults.Ok(list.Select(k => new KeyResponse(k.KeyId, k.Name, [.. k.Scopes.Order(StringComparer.Ordinal)], k.CreatedAt, k.RevokedAt)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string accountId, string keyId, IApiKeyStore keys, ApiKeyAuthenticator authenticator, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var revoked = AccountIds.IsValidId(accountId) && AccountIds.IsValidId(keyId)
            && await keys.RevokeAsync(accountId, keyId, clock.GetUtcNow(), cancellationToken);
        if (!revoked)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Key not found", detail: $"No key '{keyId}' on account '{accountId}'.");
        authenticator.Forget(keyId);
        return TypedResults.NoContent();
    }

    /// <summary>Adds a new secret; the older ones stay valid for <c>graceHours</c> (default 24) so senders can switch over.</summary>
    public static async Task<Results<Created<WebhookSecretResponse>, ValidationProblem, ProblemHttpResult>> RotateSecretAsync(
        string accountId, string graceHoursText, IAccountStore accounts, Ingestion.SignatureAuthenticator signatures, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        int? graceHours = graceHoursText.Length == 0 ? null
            : int.TryParse(graceHoursText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var hours) ? hours : -1;
        if (graceHours is < 0 or > 24 * 30)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["graceHours"] = ["From 0 to 720."] });
        if (!await AdminApi.ExistsAsync(accounts, accountId, cancellationToken)) return AdminApi.AccountNotFound(accountId);
        var now = clock.GetUtcNow();
        var validUntil = now + (graceHours is { } h ? TimeSpan.FromHours(h) : DefaultRotationGrace);
        var hadSecrets = (await accounts.GetWebhookSecretsAsync(accountId, cancellationToken)).Count > 0;
        await accounts.ExpireWebhookSecretsAsync(accountId, validUntil, cancellationToken);
        var secret = new WebhookSecret(now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + AccountIds.RandomToken(4),
            StandardWebhookSignature.NewSecret(), now, null);
        await accounts.AddWebhookSecretAsync(accountId, secret, cancellationToken);
        signatures.Forget(accountId);
        return TypedResults.Created($"/{AdminApi.Root}/{accountId}/webhook-secrets/{secret.Id}",
            new WebhookSecretResponse(secret.Id, secret.Secret, now, hadSecrets ? validUntil : null));
    }
}
