namespace UsageFunctions.App.Observability;

/// <summary>
/// Where telemetry goes. Application Insights is configured by the platform's own settings
/// (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, and <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> for Entra ID);
/// an OpenTelemetry collector by <c>Observability__OtlpEndpoint</c>. With neither, nothing is collected or sent.
/// </summary>
public sealed record ObservabilityOptions(string? AzureMonitorConnectionString, string? AzureMonitorAuthentication, Uri? OtlpEndpoint)
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpointSetting = "Observability:OtlpEndpoint";

    public bool ExportsAnything => AzureMonitorConnectionString is not null || OtlpEndpoint is not null;

    public static ObservabilityOptions From(IConfiguration configuration) => new(
        Blank(configuration[ConnectionStringSetting]), Blank(configuration[AuthenticationSetting]),
        Blank(configuration[OtlpEndpointSetting]) is { } otlp ? new Uri(otlp, UriKind.Absolute) : null);

    /// <summary>
    /// <c>Authorization=AAD</c> means Entra ID: the user-assigned identity named by <c>ClientId=</c>, else the system
    /// identity. Null (the connection string's instrumentation key alone) only when no authentication string is set.
    /// </summary>
    public string? ManagedIdentityClientId(out bool useEntraId)
    {
        var parts = (AzureMonitorAuthentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        useEntraId = parts.TryGetValue("Authorization", out var mode) && mode.Equals("AAD", StringComparison.OrdinalIgnoreCase);
        return parts.GetValueOrDefault("ClientId");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
