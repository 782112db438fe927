using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Domain.Webhooks;

namespace UsageFunctions.Bench;

/// <summary>An account made through the management API, with a usage:read key and a webhook signing secret.</summary>
public sealed record BenchAccount(string Id, string ReadKey, string Secret)
{
    public static async Task<BenchAccount> CreateAsync(AppProcess app, string name)
    {
        var account = await PostAsync(app, "/api/manage/accounts", new { name, plan = "pro", billingAnchorDay = 1, timeZone = "UTC" });
        var id = account.GetProperty("id").GetString()!;
        var read = await PostAsync(app, $"/api/manage/accounts/{id}/keys", new { name = "bench-read", scopes = new[] { "usage:read" } });
        var secret = await PostAsync(app, $"/api/manage/accounts/{id}/webhook-secrets", new { });
        return new BenchAccount(id, read.GetProperty("key").GetString()!, secret.GetProperty("secret").GetString()!);
    }

    /// <summary>A Standard Webhooks signed batch, signed now (signatures expire after five minutes).</summary>
    public HttpRequestMessage SignedBatch(byte[] body, string webhookId)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/cloudevents-batch+json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{Id}/events") { Content = content };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(Secret, webhookId, timestamp, body));
        return request;
    }

    private static async Task<JsonElement> PostAsync(AppProcess app, string path, object body)
    {
        using var request = app.Admin(HttpMethod.Post, path);
        request.Content = JsonContent.Create(body);
        using var response = await app.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
