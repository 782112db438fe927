using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UsageFunctions.Domain.Webhooks;

namespace UsageFunctions.Tests.Infrastructure;

/// <summary>An account created through the management API, with an events:write key, a usage:read key and a signing secret.</summary>
public sealed record TestAccount(string Id, string WriteKey, string ReadKey, string Secret)
{
    public static async Task<TestAccount> CreateAsync(UsageAppFactory app, string plan = "pro", string timeZone = "UTC", int anchorDay = 1)
    {
        using var admin = app.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/manage/accounts", new { name = "Test", plan, billingAnchorDay = anchorDay, timeZone });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var write = await IssueKeyAsync(admin, id, "events:write");
        var read = await IssueKeyAsync(admin, id, "usage:read");
        var secret = await admin.PostAsync($"/api/manage/accounts/{id}/webhook-secrets", null);
        secret.EnsureSuccessStatusCode();
        return new TestAccount(id, write, read,
            (await secret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
    }

    public static async Task<string> IssueKeyAsync(HttpClient admin, string accountId, params string[] scopes)
    {
        var response = await admin.PostAsJsonAsync($"/api/manage/accounts/{accountId}/keys", new { name = "test", scopes });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public HttpRequestMessage KeyedPost(string json, string contentType = "application/cloudevents-batch+json") =>
        new(HttpMethod.Post, "/api/events")
        {
            Headers = { Authorization = new("Bearer", WriteKey) },
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };

    public HttpRequestMessage SignedPost(string json, DateTimeOffset now, string? secret = null,
        string contentType = "application/cloudevents-batch+json", string webhookId = "msg_1")
    {
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{Id}/events")
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret ?? Secret, webhookId, timestamp, Encoding.UTF8.GetBytes(json)));
        return request;
    }
}
