namespace UsageFunctions.Bench;

/// <summary>Every usage read the product serves, with the header its vendor API takes the usage:read key in.</summary>
public sealed record UsageEndpoint(string Path, bool ApiKeyHeader)
{
    public static IReadOnlyList<UsageEndpoint> All { get; } =
    [
        new("/vocode/v1/usage/", false),
        new("/agentphone/v1/usage", false),
        new("/agentphone/v1/usage/daily", false),
        new("/agentphone/v1/usage/monthly", false),
        new("/agentphone/v1/usage/by-number", false),
        new("/agentphone/v1/usage/by-agent?period=month", false),
        new("/ultravox/api/accounts/me/usage/calls", true),
        new("/ultravox/api/accounts/me/usage/calls?durationMin=30s", true),
        new("/ultravox/api/accounts/me/usage/calls?metadata.campaign=bench", true),
        new("/ultravox/api/agents/usage", true),
        new("/billing/api/billing/usage", false),
        new("/api/usage?meter=calls&groupBy=agent&grain=day", false),
        new("/api/events", false),
        new("/api/entitlements/messages", false),
    ];

    public HttpRequestMessage Request(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path);
        if (ApiKeyHeader) request.Headers.Add("X-API-Key", key);
        else request.Headers.Authorization = new("Bearer", key);
        return request;
    }
}
