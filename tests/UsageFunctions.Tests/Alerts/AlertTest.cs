using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Alerts;

/// <summary>
/// A fresh app per test that may deliver to loopback receivers (<c>Alerts__AllowPrivateTargets</c>) with a one-second
/// attempt timeout, and helpers to drive alerts through the public API.
/// </summary>
public abstract class AlertTest : IDisposable
{
    private readonly UsageAppFactory _base = new();

    protected AlertTest()
    {
        App = _base.WithSettings(new Dictionary<string, string>
        {
            ["Alerts__AllowPrivateTargets"] = "true",
            ["Alerts__AttemptTimeoutSeconds"] = "1",
        });
    }

    protected UsageAppFactory App { get; }

    /// <summary>An account and a key that may change its alerts.</summary>
    protected async Task<(TestAccount Account, string AlertKey)> CreateAccountAsync(string plan = "pro")
    {
        var account = await TestAccount.CreateAsync(App, plan);
        using var admin = App.CreateAdminClient();
        return (account, await TestAccount.IssueKeyAsync(admin, account.Id, "alerts:write"));
    }

    protected HttpClient Client(string key)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    protected async Task<(string Id, string Secret)> CreateEndpointAsync(string key, string url)
    {
        using var client = Client(key);
        var response = await client.PostAsJsonAsync("/api/alerts/endpoints", new { url, description = "test receiver" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    protected async Task<string> CreateRuleAsync(string key, object rule)
    {
        using var client = Client(key);
        var response = await client.PostAsJsonAsync("/api/alerts/rules", rule);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    protected static JsonObject Message(DateTimeOffset time, string agent = "agent_1", string? id = null) =>
        TestEvents.Event("usage.message.sent", time, new JsonObject { ["phoneNumberId"] = "num_1", ["agentId"] = agent }, id);

    protected async Task SendAsync(TestAccount account, params JsonNode[] events)
    {
        using var client = App.CreateClient();
        var response = await client.SendAsync(account.KeyedPost(TestEvents.Batch(events)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    protected async Task RunAsync(string timer)
    {
        var response = await App.RunTimerAsync(timer);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    protected async Task<List<JsonElement>> DeliveriesAsync(string key, string endpointId)
    {
        using var client = Client(key);
        var response = await client.GetAsync($"/api/alerts/endpoints/{endpointId}/deliveries");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    public void Dispose()
    {
        App.Dispose();
        _base.Dispose();
        GC.SuppressFinalize(this);
    }
}
