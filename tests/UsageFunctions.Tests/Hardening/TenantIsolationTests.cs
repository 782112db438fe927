using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Hardening;

/// <summary>
/// Account A's keys never see or change account B's data: every read route answers A exactly as it answers an
/// account with no data while B has plenty, and A's keys reach neither B's ingestion route nor the management API.
/// </summary>
public sealed partial class TenantIsolationTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private static readonly string[] ReadRoutes =
    [
        "/api/usage?meter=calls&groupBy=agent&grain=day", "/api/usage?meter=messages", "/api/usage/period", "/api/events",
        "/vocode/v1/usage", "/agentphone/v1/usage", "/agentphone/v1/usage/daily", "/agentphone/v1/usage/monthly",
        "/agentphone/v1/usage/by-number", "/agentphone/v1/usage/by-agent?period=month", "/ultravox/api/accounts/me/usage/calls",
        "/ultravox/api/agents/usage", "/billing/api/billing/usage",
    ];

    [Fact]
    public async Task EveryReadRouteAnswersAnotherTenantAsIfTheDataDidNotExist()
    {
        var app = shared.App;
        var (a, b, empty) = (await TestAccount.CreateAsync(app), await TestAccount.CreateAsync(app), await TestAccount.CreateAsync(app));
        using var client = app.CreateClient();
        using var admin = app.CreateAdminClient();
        var now = app.Clock.GetUtcNow();
        (await admin.PutAsJsonAsync($"/api/manage/accounts/{b.Id}/agents/agent_1", new { name = "B's agent" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/manage/accounts/{b.Id}/phone-numbers/num_1", new { number = "+14155550100", country = "US" })).EnsureSuccessStatusCode();
        var events = TestEvents.Batch(TestEvents.Call(now.AddHours(-2)), TestEvents.Call(now.AddDays(-3)), TestEvents.Message(now.AddHours(-1)));
        (await client.SendAsync(b.KeyedPost(events))).EnsureSuccessStatusCode();
        (await app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        foreach (var route in ReadRoutes)
        {
            var seenByA = await ReadAsync(client, a, route);
            Assert.Equal(await ReadAsync(client, empty, route), seenByA);
            Assert.DoesNotContain(b.Id, seenByA, StringComparison.Ordinal);
        }
        Assert.NotEqual(await ReadAsync(client, empty, "/api/events"), await ReadAsync(client, b, "/api/events"));
        Assert.NotEqual(await ReadAsync(client, empty, ReadRoutes[0]), await ReadAsync(client, b, ReadRoutes[0]));
    }

    [Fact]
    public async Task ATenantsKeysChangeNothingOfAnotherTenant()
    {
        var app = shared.App;
        var (a, b) = (await TestAccount.CreateAsync(app), await TestAccount.CreateAsync(app));
        using var client = app.CreateClient();
        var now = app.Clock.GetUtcNow();
        var post = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{b.Id}/events")
        {
            Headers = { Authorization = new("Bearer", a.WriteKey) },
            Content = new StringContent(TestEvents.Batch(TestEvents.Message(now.AddMinutes(-5))), System.Text.Encoding.UTF8, "application/cloudevents-batch+json"),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(post)).StatusCode);
        // B's secret does not sign for A's route either.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync((a with { Secret = b.Secret }).SignedPost("[]", now))).StatusCode);

        var root = $"/api/manage/accounts/{b.Id}";
        (string Method, string Path)[] management =
        [
            ("GET", root), ("GET", root + "/keys"), ("POST", root + "/keys"), ("DELETE", root + "/keys/abc"), ("POST", root + "/webhook-secrets"),
            ("PUT", root + "/agents/agent_1"), ("PUT", root + "/voices/voice_1"), ("PUT", root + "/phone-numbers/num_1"), ("GET", root + "/resources"),
            ("POST", "/api/manage/accounts"), ("GET", "/api/manage/diagnostics/storage"),
        ];
        foreach (var (method, path) in management)
        foreach (var key in new[] { a.ReadKey, a.WriteKey })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Headers = { Authorization = new("Bearer", key) } };
            request.Headers.TryAddWithoutValidation("X-Admin-Key", key);
            if (method is "POST" or "PUT") request.Content = JsonContent.Create(new { name = "x", scopes = new[] { "usage:read" } });
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        }
        Assert.Empty(JsonNode.Parse(await ReadAsync(client, b, "/api/events"))!["events"]!.AsArray());
    }

    /// <summary>The answer to a read key, with the caller's own account id blanked so two callers' answers compare.</summary>
    private static async Task<string> ReadAsync(HttpClient client, TestAccount account, string route)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, route) { Headers = { Authorization = new("Bearer", account.ReadKey) } };
        request.Headers.TryAddWithoutValidation("X-API-Key", account.ReadKey);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} answered {(int)response.StatusCode}");
        return (await response.Content.ReadAsStringAsync()).Replace(account.Id, "ACCOUNT", StringComparison.Ordinal);
    }
}
