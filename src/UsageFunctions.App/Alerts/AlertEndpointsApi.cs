using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Alerts;
using UsageFunctions.Domain.Webhooks;

namespace UsageFunctions.App.Alerts;

/// <summary>Webhook endpoints of one account, each with its own signing secret (shown once, rotatable with a grace).</summary>
public static class AlertEndpointsApi
{
    public const int MaxDescriptionLength = 500;
    public static readonly TimeSpan DefaultRotationGrace = TimeSpan.FromHours(24);

    public static async Task<IResult> ListAsync(string accountId, AlertServices s, CancellationToken cancellationToken)
    {
        var (_, endpoints) = await s.Store.ReadAllAsync(accountId, cancellationToken);
        return TypedResults.Ok(endpoints.Select(e => ToResponse(e)).ToList());
    }

    /// <summary>One endpoint, without its secret (shown only when created or rotated).</summary>
    public static async Task<IResult> GetAsync(string accountId, string endpointId, AlertServices s, CancellationToken cancellationToken) =>
        await FindAsync(accountId, endpointId, s, cancellationToken) is { } endpoint
            ? TypedResults.Ok(ToResponse(endpoint))
            : AlertProblems.NotFound("Endpoint", endpointId);

    public static async Task<IResult> CreateAsync(string accountId, AlertEndpointRequest request, AlertServices s, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(request, s, cancellationToken) is { } refusal) return refusal;
        var (_, endpoints) = await s.Store.ReadAllAsync(accountId, cancellationToken);
        if (endpoints.Count >= AlertServices.MaxEndpointsPerAccount)
            return AlertProblems.Conflict("Too many endpoints", $"An account has at most {AlertServices.MaxEndpointsPerAccount} endpoints.");
        var now = s.Clock.GetUtcNow();
        var secret = new WebhookSecret(now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            StandardWebhookSignature.NewSecret(), now, null);
        var endpoint = new AlertEndpoint("ep_" + AccountIds.RandomToken(16), request.Url!, request.Description ?? "", request.Enabled ?? true,
            [secret], now, null);
        await s.Store.SaveEndpointAsync(accountId, endpoint, cancellationToken);
        return TypedResults.Created($"endpoints/{endpoint.Id}", ToResponse(endpoint, secret.Secret));
    }

    /// <summary>Changes URL, description or enabled flag; enabling clears the reason it was disabled.</summary>
    public static async Task<IResult> UpdateAsync(string accountId, string endpointId, AlertEndpointRequest request, AlertServices s,
        CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(accountId, endpointId, s, cancellationToken);
        if (endpoint is null) return AlertProblems.NotFound("Endpoint", endpointId);
        if (await RefusalAsync(request with { Url = request.Url ?? endpoint.Url }, s, cancellationToken) is { } refusal) return refusal;
        var enabled = request.Enabled ?? endpoint.Enabled;
        var updated = endpoint with
        {
            Url = request.Url ?? endpoint.Url, Description = request.Description ?? endpoint.Description, Enabled = enabled,
            DisabledReason = enabled ? null : endpoint.DisabledReason ?? "Disabled by the account.",
        };
        await s.Store.SaveEndpointAsync(accountId, updated, cancellationToken);
        return TypedResults.Ok(ToResponse(updated));
    }

    public static async Task<IResult> DeleteAsync(string accountId, string endpointId, AlertServices s, CancellationToken cancellationToken) =>
        AccountIds.IsValidId(endpointId) && await s.Store.DeleteEndpointAsync(accountId, endpointId, cancellationToken)
            ? TypedResults.NoContent()
            : AlertProblems.NotFound("Endpoint", endpointId);

    /// <summary>A new secret signs from now on; the older ones keep signing too until the grace (hours, default 24) ends.</summary>
    public static async Task<IResult> RotateSecretAsync(string accountId, string endpointId, string graceHoursText, AlertServices s,
        CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(accountId, endpointId, s, cancellationToken);
        if (endpoint is null) return AlertProblems.NotFound("Endpoint", endpointId);
        int? hours = graceHoursText.Length == 0 ? null : int.TryParse(graceHoursText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : -1;
        if (hours is < 0 or > 720) return AlertProblems.Invalid("graceHours", "From 0 to 720.");
        var now = s.Clock.GetUtcNow();
        var until = now + (hours is { } g ? TimeSpan.FromHours(g) : DefaultRotationGrace);
        var secret = new WebhookSecret(now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + AccountIds.RandomToken(4),
            StandardWebhookSignature.NewSecret(), now, null);
        var kept = endpoint.Secrets.Where(x => x.IsValidAt(now)).Select(x => x with { ExpiresAt = x.ExpiresAt is { } e && e < until ? e : until });
        await s.Store.SaveEndpointAsync(accountId, endpoint with { Secrets = [.. kept, secret] }, cancellationToken);
        return TypedResults.Ok(new EndpointSecretResponse(secret.Secret, until));
    }

    internal static async Task<AlertEndpoint?> FindAsync(string accountId, string endpointId, AlertServices s, CancellationToken cancellationToken) =>
        AccountIds.IsValidId(endpointId) ? await s.Store.FindEndpointAsync(accountId, endpointId, cancellationToken) : null;

    private static async Task<IResult?> RefusalAsync(AlertEndpointRequest request, AlertServices s, CancellationToken cancellationToken)
    {
        if (request.Description is { Length: > MaxDescriptionLength })
            return AlertProblems.Invalid("description", $"At most {MaxDescriptionLength} characters.");
        return await s.Guard.RefusalAsync(request.Url, cancellationToken) is { } why ? AlertProblems.Invalid("url", why) : null;
    }

    private static AlertEndpointResponse ToResponse(AlertEndpoint e, string? secret = null) =>
        new(e.Id, e.Url, e.Description, e.Enabled, e.DisabledReason, e.CreatedAt, secret);
}
