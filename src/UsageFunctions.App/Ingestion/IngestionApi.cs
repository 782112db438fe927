using UsageFunctions.App.Auth;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Webhooks;

namespace UsageFunctions.App.Ingestion;

/// <summary>
/// Webhook producers post CloudEvents here. <c>POST /api/events</c> takes an <c>events:write</c> key;
/// <c>POST /api/accounts/{accountId}/events</c> also takes a Standard Webhooks signature made with the account's secret.
/// </summary>
public static class IngestionApi
{
    public static async Task<IResult> IngestWithKeyAsync(
        HttpRequest request, ApiKeyAuthenticator keys, EventIngestor ingestor, CancellationToken cancellationToken)
    {
        var check = await keys.CheckAsync(PresentedCredentials.BearerOrApiKey(request), ApiKeyScopes.EventsWrite, cancellationToken);
        if (check.Status != KeyStatus.Valid) return KeyProblem(check.Status);
        var body = await ReadBodyAsync(request, cancellationToken);
        return body is null ? TooLarge() : await ingestor.IngestAsync(check.AccountId!, request, body, cancellationToken);
    }

    public static async Task<IResult> IngestForAccountAsync(
        string accountId, HttpRequest request, ApiKeyAuthenticator keys, SignatureAuthenticator signatures,
        EventIngestor ingestor, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null) return TooLarge();
        var presented = PresentedCredentials.BearerOrApiKey(request);
        if (presented is not null || !SignatureAuthenticator.IsPresent(request))
        {
            var check = await keys.CheckAsync(presented, ApiKeyScopes.EventsWrite, cancellationToken);
            if (check.Status == KeyStatus.Valid && check.AccountId != accountId) return KeyProblem(KeyStatus.MissingScope);
            if (check.Status != KeyStatus.Valid) return KeyProblem(check.Status);
        }
        else if (!AccountIds.IsValidId(accountId))
        {
            return Unauthorized("Invalid signature", "The signature does not verify.");
        }
        else
        {
            var signature = await signatures.CheckAsync(accountId, request, body, cancellationToken);
            if (signature != SignatureCheck.Valid) return SignatureProblem(signature);
        }
        return await ingestor.IngestAsync(accountId, request, body, cancellationToken);
    }

    /// <summary>Reads at most <see cref="IngestionBody.MaxBytes"/>; null when the body is larger.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > IngestionBody.MaxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > IngestionBody.MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IResult KeyProblem(KeyStatus status) => status switch
    {
        KeyStatus.MissingScope => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "This key may not write events for this account (scope events:write)."),
        KeyStatus.Missing => Unauthorized("Authentication required",
            "Send an events:write key as 'Authorization: Bearer <key>', or sign the request (webhook-id, webhook-timestamp, webhook-signature)."),
        _ => Unauthorized("Invalid API key", "The API key is unknown or revoked."),
    };

    internal static IResult SignatureProblem(SignatureCheck check) => check switch
    {
        SignatureCheck.Expired => Unauthorized("Signature expired", "webhook-timestamp is more than 5 minutes from the server's clock."),
        SignatureCheck.BadTimestamp => Unauthorized("Invalid timestamp", "webhook-timestamp must be Unix seconds."),
        SignatureCheck.Missing => Unauthorized("Signature incomplete", "Send webhook-id, webhook-timestamp and webhook-signature."),
        _ => Unauthorized("Invalid signature", "The signature does not verify."),
    };

    private static IResult Unauthorized(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail);

    internal static IResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Payload too large", detail: $"A request body may be at most {IngestionBody.MaxBytes} bytes.");
}
