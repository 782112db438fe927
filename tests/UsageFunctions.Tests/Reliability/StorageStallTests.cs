using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Reliability;

/// <summary>
/// Storage refused (connections reset), stalled (connections accepted, nothing answered) and back, through a relay in
/// front of Azurite: every request answers 503 with Retry-After within its deadline, nothing unstored is acknowledged,
/// and the same app recovers once storage answers again.
/// </summary>
public sealed class StorageStallTests : IDisposable
{
    private readonly StorageProxy _proxy = new(AzuriteServer.ConnectionString);
    private readonly UsageAppFactory _app;

    public StorageStallTests() => _app = new UsageAppFactory(_proxy.ConnectionString).WithSettings(new Dictionary<string, string>
    {
        ["Deadlines__ReadSeconds"] = "4",
        ["Deadlines__IngestSeconds"] = "5",
        ["Storage__NetworkTimeoutSeconds"] = "5",
    });

    public void Dispose()
    {
        _app.Dispose();
        _proxy.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StorageThatStallsOrRefusesAnswers503WithRetryAfterEverywhereThenRecoversAndCountsRedeliveredEventsOnce(bool stall)
    {
        var (account, batch, client) = await StartAsync();
        if (stall) _proxy.Stall();
        else _proxy.Cut();

        using (var ingest = await client.SendAsync(account.KeyedPost(batch)))
            await AssertNothingAcknowledgedAsync(ingest);
        await UnavailableShapes.AssertEveryReadAnswers503Async(client, account);

        if (stall) _proxy.Resume();
        else _proxy.Restore();
        await AssertRecoveredAsync(account, batch, client);
    }

    [Fact]
    public async Task RollupDuringAStallEndsItsInvocationAndTheNextOneCatchesUp()
    {
        var (account, batch, client) = await StartAsync();
        (await client.SendAsync(account.KeyedPost(batch))).EnsureSuccessStatusCode();
        _proxy.Stall();

        using (var stalled = await _app.RunTimerAsync("RollupTimer"))
            Assert.Equal(HttpStatusCode.InternalServerError, stalled.StatusCode);

        _proxy.Resume();
        _app.Clock.Advance(TimeSpan.FromSeconds(31)); // a lease the stalled run may have taken has run out
        (await _app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        Assert.Equal(21, await MessagesAsync(client, account));
    }

    /// <summary>An account with one event rolled up, a 20-event batch to send, and a client that gives up long before the old 86 s.</summary>
    private async Task<(TestAccount Account, string Batch, HttpClient Client)> StartAsync()
    {
        var account = await TestAccount.CreateAsync(_app);
        var client = _app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(45);
        var now = _app.Clock.GetUtcNow();
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(now, "warm-up"))))).EnsureSuccessStatusCode();
        (await _app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        var batch = TestEvents.Batch([.. Enumerable.Range(0, 20).Select(i => TestEvents.Message(now, $"held-{i}"))]);
        return (account, batch, client);
    }

    private static async Task AssertNothingAcknowledgedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.False(body.TryGetProperty("results", out _));
    }

    /// <summary>The same app, unrestarted: reads answer, the redelivered batch is stored once, and the roll-up counts it once.</summary>
    private async Task AssertRecoveredAsync(TestAccount account, string batch, HttpClient client)
    {
        await UnavailableShapes.AssertEveryReadAnswers200Async(client, account);
        var first = await (await client.SendAsync(account.KeyedPost(batch))).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(20, first.GetProperty("accepted").GetInt32() + first.GetProperty("duplicates").GetInt32());
        var again = await (await client.SendAsync(account.KeyedPost(batch))).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(20, again.GetProperty("duplicates").GetInt32());
        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        (await _app.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
        Assert.Equal(21, await MessagesAsync(client, account));
    }

    private async Task<long> MessagesAsync(HttpClient client, TestAccount account)
    {
        var now = _app.Clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/api/usage?meter=messages&from={now.AddHours(-2):yyyy-MM-ddTHH:mm:ssZ}&to={now.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}");
        request.Headers.Authorization = new("Bearer", account.ReadKey);
        using var response = await client.SendAsync(request);
        var body = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (long)body.GetProperty("total").GetDouble();
    }
}
