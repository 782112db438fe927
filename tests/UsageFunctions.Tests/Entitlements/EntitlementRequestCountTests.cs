using System.Net;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Entitlements;

/// <summary>Storage requests per entitlement check, counted at the app's table client.</summary>
public sealed class EntitlementRequestCountTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ACheckSendsTwoStorageRequestsWithoutPendingHoursAndFourWithThemHoweverBusyThoseHours()
    {
        var policy = new StorageRequestPolicy();
        using var tables = new UsageAppFactory();
        using var app = StorageRequestPolicy.Instance(tables, policy);
        app.Clock.Advance(TimeSpan.FromMinutes(40 - app.Clock.GetUtcNow().Minute));
        var account = await TestAccount.CreateAsync(app);
        var now = app.Clock.GetUtcNow();
        using (var client = app.CreateClient())
        {
            foreach (var chunk in Enumerable.Range(0, 600).Chunk(100))
                (await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. chunk.Select(i => TestEvents.Message(now.AddMinutes(-30 - i * 7)))])))).EnsureSuccessStatusCode();
        }
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var settled = await CountAsync(app, policy, account, 600);

        using (var client = app.CreateClient())
        {
            // Late events for the last two hours and the current one: three pending hours, one run of them.
            var late = new[] { -1, -62, -125 }.Select(m => TestEvents.Message(app.Clock.GetUtcNow().AddMinutes(m)));
            (await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. late])))).EnsureSuccessStatusCode();
        }
        var pending = await CountAsync(app, policy, account, 603);

        using (var client = app.CreateClient())
        {
            // 1,500 more late events in the previous hour: more than one page of raw events, but 16 batch summaries.
            var hourAgo = app.Clock.GetUtcNow().AddMinutes(-62);
            foreach (var chunk in Enumerable.Range(0, 1_500).Chunk(100))
                (await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. chunk.Select(i => TestEvents.Message(hourAgo.AddSeconds(-i)))])))).EnsureSuccessStatusCode();
        }
        var busy = await CountAsync(app, policy, account, 2_103);

        output.WriteLine($"Without pending hours: {settled}; with three pending hours: {pending}; with 1,500 more events in one of them: {busy}.");
        Assert.True(settled <= 2, $"{settled} storage requests without pending hours, at most 2 expected.");
        Assert.True(pending <= 4, $"{pending} storage requests with pending hours, at most 4 expected.");
        Assert.True(busy <= 4, $"{busy} storage requests with a pending hour of 1,500 events, at most 4 expected.");
    }

    /// <summary>
    /// The requests of the second of two checks (the first warms the key, account and roll-up state caches). Both must
    /// answer the messages sent so far.
    /// </summary>
    private static async Task<int> CountAsync(UsageAppFactory app, StorageRequestPolicy policy, TestAccount account, int sent)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        await AssertUsedAsync(client, sent);
        var before = policy.Requests;
        await AssertUsedAsync(client, sent);
        return policy.Requests - before;
    }

    private static async Task AssertUsedAsync(HttpClient client, int sent)
    {
        using var response = await client.GetAsync("/api/entitlements/messages");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(sent, body.RootElement.GetProperty("used").GetDecimal());
    }
}
