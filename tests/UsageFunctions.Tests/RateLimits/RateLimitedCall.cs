using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.RateLimits;

/// <summary>One call to one API surface with a key, as its clients send it; the answer keeps what a 429 carries.</summary>
public sealed record RateLimitedCall(string Surface, HttpMethod Method, string Path, bool ApiKeyHeader = false)
{
    public static readonly RateLimitedCall Vocode = new("vocode", HttpMethod.Get, "/vocode/v1/usage");
    public static readonly RateLimitedCall AgentPhone = new("agentphone", HttpMethod.Get, "/agentphone/v1/usage");
    public static readonly RateLimitedCall Ultravox = new("ultravox", HttpMethod.Get, "/ultravox/api/accounts/me/usage/calls", ApiKeyHeader: true);
    public static readonly RateLimitedCall Billing = new("billing", HttpMethod.Get, "/billing/api/billing/usage");
    public static readonly RateLimitedCall UsageApi = new("usage", HttpMethod.Get, "/api/usage/period");
    public static readonly RateLimitedCall Ingestion = new("ingestion", HttpMethod.Post, "/api/events");

    public async Task<Answer> SendAsync(UsageAppFactory app, string key)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(Method, Path);
        if (ApiKeyHeader) request.Headers.Add("X-API-Key", key);
        else request.Headers.Authorization = new("Bearer", key);
        if (Method == HttpMethod.Post)
            request.Content = new StringContent(TestEvents.Batch(TestEvents.Message(app.Clock.GetUtcNow())), Encoding.UTF8,
                "application/cloudevents-batch+json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, response.Headers.RetryAfter, response.Content.Headers.ContentType?.MediaType,
            text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public sealed record Answer(int Status, RetryConditionHeaderValue? RetryAfterHeader, string? MediaType, JsonElement Body)
    {
        /// <summary>Whole seconds, as every surface sends it; 0 when the header is missing or not a delta.</summary>
        public int RetryAfter => (int)(RetryAfterHeader?.Delta?.TotalSeconds ?? 0);
    }
}
