using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Ingestion;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Events;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Corrections;

/// <summary>
/// Voids events (RFC 9457 errors). <c>POST /api/events/void</c> takes an <c>events:write</c> key;
/// <c>POST /api/accounts/{accountId}/events/void</c> also the admin key or a Standard Webhooks signature made with the
/// account's secret. The answer lists one result per item: <c>voided</c>, <c>already_voided</c> or <c>not_found</c>.
/// </summary>
public static class VoidApi
{
    public static async Task<IResult> VoidWithKeyAsync(HttpRequest request, ApiKeyAuthenticator keys, IEventVoids voids,
        CancellationToken cancellationToken)
    {
        var presented = PresentedCredentials.BearerOrApiKey(request);
        var check = await keys.CheckAsync(presented, ApiKeyScopes.EventsWrite, cancellationToken);
        if (check.Status != KeyStatus.Valid) return KeyProblem(check.Status);
        return await VoidAsync(request, check.AccountId!, "key:" + ApiKey.KeyIdOf(presented!), voids, cancellationToken);
    }

    public static async Task<IResult> VoidForAccountAsync(string accountId, HttpRequest request, ApiKeyAuthenticator keys,
        SignatureAuthenticator signatures, IOptions<AdminOptions> admin, IEventVoids voids, CancellationToken cancellationToken)
    {
        var presented = PresentedCredentials.BearerOrApiKey(request);
        if (admin.Value.Accepts(AdminKeyMiddleware.Presented(request)))
            return AccountIds.IsValidId(accountId) ? await VoidAsync(request, accountId, "admin", voids, cancellationToken) : AccountNotFound();
        if (presented is not null || !SignatureAuthenticator.IsPresent(request))
        {
            var check = await keys.CheckAsync(presented, ApiKeyScopes.EventsWrite, cancellationToken);
            if (check.Status == KeyStatus.Valid && check.AccountId != accountId) return KeyProblem(KeyStatus.MissingScope);
            if (check.Status != KeyStatus.Valid) return KeyProblem(check.Status);
            return await VoidAsync(request, accountId, "key:" + ApiKey.KeyIdOf(presented!), voids, cancellationToken);
        }
        var body = await IngestionApi.ReadBodyAsync(request, cancellationToken);
        if (body is null) return IngestionApi.TooLarge();
        if (!AccountIds.IsValidId(accountId)) return IngestionApi.SignatureProblem(Domain.Webhooks.SignatureCheck.Mismatch);
        var signature = await signatures.CheckAsync(accountId, request, body, cancellationToken);
        if (signature != Domain.Webhooks.SignatureCheck.Valid) return IngestionApi.SignatureProblem(signature);
        return await VoidBodyAsync(body, accountId, "webhook:" + request.Headers["webhook-id"], voids, cancellationToken);
    }

    private static async Task<IResult> VoidAsync(HttpRequest request, string accountId, string voidedBy, IEventVoids voids,
        CancellationToken cancellationToken)
    {
        var body = await IngestionApi.ReadBodyAsync(request, cancellationToken);
        return body is null ? IngestionApi.TooLarge() : await VoidBodyAsync(body, accountId, voidedBy, voids, cancellationToken);
    }

    private static async Task<IResult> VoidBodyAsync(byte[] body, string accountId, string voidedBy, IEventVoids voids,
        CancellationToken cancellationToken)
    {
        var (items, errors) = VoidBody.Read(body);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid void request");
        var results = await voids.VoidAsync(accountId, items, voidedBy, cancellationToken);
        return TypedResults.Ok(new VoidResponse(
            results.Count(r => r.Status == VoidStatus.Voided), results.Count(r => r.Status == VoidStatus.AlreadyVoided),
            results.Count(r => r.Status == VoidStatus.NotFound),
            [.. items.Select((item, i) => ToItem(i, item, results[i]))]));
    }

    private static VoidItemResult ToItem(int index, VoidRequest item, VoidResult result) => new(index, item.Source, item.Id,
        result.Status switch { VoidStatus.Voided => "voided", VoidStatus.AlreadyVoided => "already_voided", _ => "not_found" },
        result.Record?.VoidedAt, result.Record?.VoidedBy, result.Record?.Reason, result.OccurredAt);

    private static IResult AccountNotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found",
        detail: "No account has this id.");

    private static IResult KeyProblem(KeyStatus status) => status switch
    {
        KeyStatus.MissingScope => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "This key may not void events of this account (scope events:write)."),
        KeyStatus.Missing => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
            detail: "Send an events:write key as 'Authorization: Bearer <key>', the admin key, or sign the request (webhook-id, webhook-timestamp, webhook-signature)."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid API key", detail: "The API key is unknown or revoked."),
    };
}

/// <summary>How many items were voided now, had been voided before, or were not found; then one result per item in order.</summary>
public sealed record VoidResponse(int Voided, int AlreadyVoided, int NotFound, IReadOnlyList<VoidItemResult> Results);

/// <summary><c>status</c>: <c>voided</c>, <c>already_voided</c> (the first void's record is kept) or <c>not_found</c>.</summary>
public sealed record VoidItemResult(int Index, string Source, string Id, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? VoidedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VoidedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? OccurredAt);
