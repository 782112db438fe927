using System.Net;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Entitlements;

/// <summary>Storage requests per entitlement check, counted at the app's table client.</summary>
public sealed class EntitlementRequestCountTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ACheckSendsTwoStorageRequestsWithoutPendingHoursAndFourWithThem()
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
        var settled = await CountAsync(app, policy, account);

        using (var client = app.CreateClient())
        {
            // Late events for the last two hours and the current one: three pending hours, one run of them.
            var late = new[] { -1, -62, -125 }.Select(m => TestEvents.Message(app.Clock.GetUtcNow().AddMinutes(m)));
            (await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. late])))).EnsureSuccessStatusCode();
        }
        var pending = await CountAsync(app, policy, account);

        output.WriteLine($"Without pending hours: {settled}; with three pending hours: {pending}.");
        Assert.True(settled <= 2, $"{settled} storage requests without pending hours, at most 2 expected.");
        Assert.True(pending <= 4, $"{pending} storage requests with pending hours, at most 4 expected.");
    }

    /// <summary>The requests of the second of two checks (the first warms the key, account and roll-up state caches).</summary>
    private static async Task<int> CountAsync(UsageAppFactory app, StorageRequestPolicy policy, TestAccount account)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/entitlements/messages")).StatusCode);
        var before = policy.Requests;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/entitlements/messages")).StatusCode);
        return policy.Requests - before;
    }
}
