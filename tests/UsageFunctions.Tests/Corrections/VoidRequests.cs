using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Corrections;

/// <summary>Void requests and the figures tests compare around them.</summary>
public static class VoidRequests
{
    public static HttpRequestMessage Keyed(string key, object body, string path = "/api/events/void") => new(HttpMethod.Post, path)
    {
        Headers = { Authorization = new("Bearer", key) },
        Content = JsonContent.Create(body),
    };

    public static HttpRequestMessage Raw(string key, string json) => new(HttpMethod.Post, "/api/events/void")
    {
        Headers = { Authorization = new("Bearer", key) },
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    public static async Task<List<string>> StatusesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!)];
    }

    /// <summary>A meter's total over a window from <c>GET /api/usage</c>.</summary>
    public static async Task<decimal> TotalAsync(UsageAppFactory app, TestAccount account, string meter, DateTimeOffset from, DateTimeOffset to)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var body = await client.GetFromJsonAsync<JsonElement>(
            $"/api/usage?meter={meter}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        return body.GetProperty("total").GetDecimal();
    }

    public static async Task<List<JsonElement>> ListedAsync(UsageAppFactory app, TestAccount account, string query)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var body = await client.GetFromJsonAsync<JsonElement>("/api/events?" + query);
        return [.. body.GetProperty("events").EnumerateArray()];
    }
}
