using System.Net;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Reliability;

/// <summary>One read per API surface, and what its 503 must look like: each API's own error shape, with Retry-After.</summary>
public static class UnavailableShapes
{
    public static IReadOnlyList<(string Url, bool ApiKeyHeader, Action<JsonElement> Shape)> Reads { get; } =
    [
        ("/api/usage?meter=messages", false, b => Assert.Equal(503, b.GetProperty("status").GetInt32())),
        ("/api/usage/period", false, b => Assert.Equal(503, b.GetProperty("status").GetInt32())),
        ("/api/events", false, b => Assert.Equal(503, b.GetProperty("status").GetInt32())),
        ("/vocode/v1/usage", false, b => Assert.Equal("Service Unavailable", b.GetProperty("detail").GetString())),
        ("/agentphone/v1/usage", false, b => Assert.Equal("SERVICE_UNAVAILABLE", b.GetProperty("error").GetProperty("code").GetString())),
        ("/agentphone/v1/usage/daily?days=3", false, b => Assert.Equal("api_error", b.GetProperty("error").GetProperty("type").GetString())),
        ("/ultravox/api/accounts/me/usage/calls", true, b => Assert.False(string.IsNullOrEmpty(b.GetProperty("detail").GetString()))),
        ("/billing/api/billing/usage", false, b => Assert.Equal("SERVICE_UNAVAILABLE", b.GetProperty("error").GetProperty("code").GetString())),
    ];

    /// <summary>Every read surface answers 503 with Retry-After in its own shape (concurrently: each waits out its deadline).</summary>
    public static Task AssertEveryReadAnswers503Async(HttpClient client, TestAccount account) =>
        Task.WhenAll(Reads.Select(async read =>
        {
            using var response = await client.SendAsync(Get(read.Url, read.ApiKeyHeader, account));
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{read.Url} answered {(int)response.StatusCode}");
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{read.Url} has no Retry-After");
            read.Shape(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
        }));

    /// <summary>Every read surface answers 200 again, retried on 503 as its Retry-After invites (a few times at most).</summary>
    public static async Task AssertEveryReadAnswers200Async(HttpClient client, TestAccount account)
    {
        foreach (var read in Reads)
        {
            var status = HttpStatusCode.ServiceUnavailable;
            for (var attempt = 0; attempt < 5 && status == HttpStatusCode.ServiceUnavailable; attempt++)
            {
                using var response = await client.SendAsync(Get(read.Url, read.ApiKeyHeader, account));
                status = response.StatusCode;
            }
            Assert.True(status == HttpStatusCode.OK, $"{read.Url} answered {(int)status}");
        }
    }

    private static HttpRequestMessage Get(string url, bool apiKeyHeader, TestAccount account)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (apiKeyHeader) request.Headers.Add("X-API-Key", account.ReadKey);
        else request.Headers.Authorization = new("Bearer", account.ReadKey);
        return request;
    }
}
