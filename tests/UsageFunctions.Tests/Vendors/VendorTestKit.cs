using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Vendors;

/// <summary>Shared steps of the vendor API tests: post events and roll them up, make revoked keys, read JSON.</summary>
public static class VendorTestKit
{
    public static async Task PostAndRollUpAsync(UsageAppFactory app, TestAccount account, params JsonNode[] events)
    {
        using var client = app.CreateClient();
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(events)))).EnsureSuccessStatusCode();
        (await app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
    }

    public static async Task<string> RevokedReadKeyAsync(UsageAppFactory app, TestAccount account)
    {
        using var admin = app.CreateAdminClient();
        var key = await TestAccount.IssueKeyAsync(admin, account.Id, "usage:read");
        (await admin.DeleteAsync($"/api/manage/accounts/{account.Id}/keys/{ApiKey.KeyIdOf(key)}")).EnsureSuccessStatusCode();
        return key;
    }

    public static async Task RegisterAgentAsync(UsageAppFactory app, TestAccount account, string agentId, string name)
    {
        using var admin = app.CreateAdminClient();
        (await admin.PutAsJsonAsync($"/api/manage/accounts/{account.Id}/agents/{agentId}", new { name })).EnsureSuccessStatusCode();
    }

    public static async Task<(int Status, JsonElement Body)> GetAsync(UsageAppFactory app, string url, Action<HttpRequestMessage>? auth)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        auth?.Invoke(request);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static JsonObject Quantity(string type, DateTimeOffset time, string field, double amount) =>
        TestEvents.Event(type, time, new JsonObject { [field] = amount });
}
