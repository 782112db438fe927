namespace UsageFunctions.App.Auth;

/// <summary>Reads the key a client presents: <c>Authorization: Bearer …</c> or <c>X-API-Key: …</c>.</summary>
public static class PresentedCredentials
{
    public const string ApiKeyHeader = "X-API-Key";

    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }

    public static string? ApiKey(HttpRequest request) =>
        request.Headers.TryGetValue(ApiKeyHeader, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

    public static string? BearerOrApiKey(HttpRequest request) => Bearer(request) ?? ApiKey(request);
}
