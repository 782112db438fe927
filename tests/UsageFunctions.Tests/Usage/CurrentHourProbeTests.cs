using System.Net;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Usage;

/// <summary>
/// A window that ends now reads the current hour so far. When the roll-up has covered that hour, its aggregate (read
/// with the other buckets) says whether it holds any event: a quiet hour costs no request of its own, and an hour with
/// events is still counted to the event.
/// </summary>
public sealed class CurrentHourProbeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AQuietCoveredCurrentHourCostsNoRequestAndACoveredHourWithEventsIsStillCounted()
    {
        var policy = new StorageRequestPolicy();
        using var tables = new UsageAppFactory();
        using var app = StorageRequestPolicy.Instance(tables, policy);
        app.Clock.Advance(TimeSpan.FromMinutes(30 - app.Clock.GetUtcNow().Minute));
        var account = await TestAccount.CreateAsync(app);
        var now = app.Clock.GetUtcNow();
        await SendAsync(app, account, [.. Enumerable.Range(0, 40).Select(i => now.AddHours(-2 - i))]);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        var (quiet, quietRequests) = await MessagesLast24hAsync(app, policy, account);
        Assert.Equal(22, quiet);

        // Three messages in the current hour, then a roll-up past them: the hour is covered and not pending any more.
        await SendAsync(app, account, [.. Enumerable.Range(1, 3).Select(i => app.Clock.GetUtcNow().AddMinutes(-i))]);
        var (pending, pendingRequests) = await MessagesLast24hAsync(app, policy, account);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        var (covered, coveredRequests) = await MessagesLast24hAsync(app, policy, account);

        output.WriteLine($"Requests: quiet covered hour {quietRequests}, pending hour {pendingRequests}, covered hour with events {coveredRequests}.");
        Assert.Equal(25, pending);
        Assert.Equal(25, covered);
        Assert.True(quietRequests < coveredRequests, $"A quiet hour took {quietRequests} requests, one with events {coveredRequests}.");
        Assert.True(quietRequests <= 3, $"{quietRequests} storage requests with a quiet current hour, at most 3 expected.");
        Assert.True(coveredRequests <= 4, $"{coveredRequests} storage requests with a covered current hour, at most 4 expected.");
    }

    private static async Task SendAsync(UsageAppFactory app, TestAccount account, List<DateTimeOffset> times)
    {
        using var client = app.CreateClient();
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch([.. times.Select(t => TestEvents.Message(t))])))).EnsureSuccessStatusCode();
    }

    /// <summary><c>messagesLast24h</c> of the second of two reads, and that read's storage requests.</summary>
    private static async Task<(int Messages, int Requests)> MessagesLast24hAsync(UsageAppFactory app, StorageRequestPolicy policy, TestAccount account)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        await ReadAsync(client);
        var before = policy.Requests;
        var messages = await ReadAsync(client);
        return (messages, policy.Requests - before);

        static async Task<int> ReadAsync(HttpClient client)
        {
            using var response = await client.GetAsync("/agentphone/v1/usage");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("stats").GetProperty("messagesLast24h").GetInt32();
        }
    }
}
