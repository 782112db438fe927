using System.Net.Http.Json;
using System.Text.Json;

namespace UsageFunctions.Local;

/// <summary>A demo account made through the management API, as a new user would make one.</summary>
public sealed record DemoAccount(string Id, string WriteKey, string ReadKey, string Secret)
{
    public string SecretHex => Convert.ToHexStringLower(Convert.FromBase64String(Secret["whsec_".Length..]));

    public static async Task<DemoAccount> CreateAsync(string baseUrl, string adminKey)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(baseUrl) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
        var account = await PostAsync(admin, "/api/manage/accounts",
            new { name = "Demo Co", plan = "pro", billingAnchorDay = 1, timeZone = "America/New_York" });
        var id = account.GetProperty("id").GetString()!;
        var root = $"/api/manage/accounts/{id}";
        await PutAsync(admin, $"{root}/agents/agent_support", new { name = "Support Agent" });
        await PutAsync(admin, $"{root}/voices/voice_mark", new { name = "Mark" });
        await PutAsync(admin, $"{root}/phone-numbers/num_main", new { number = "+14155550100", country = "US", status = "active", agentId = "agent_support" });
        var write = await PostAsync(admin, $"{root}/keys", new { name = "producer", scopes = new[] { "events:write" } });
        var read = await PostAsync(admin, $"{root}/keys", new { name = "dashboard", scopes = new[] { "usage:read" } });
        var secret = await PostAsync(admin, $"{root}/webhook-secrets", new { });
        return new DemoAccount(id, write.GetProperty("key").GetString()!, read.GetProperty("key").GetString()!,
            secret.GetProperty("secret").GetString()!);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task PutAsync(HttpClient client, string path, object body) =>
        (await client.PutAsJsonAsync(path, body)).EnsureSuccessStatusCode();
}
