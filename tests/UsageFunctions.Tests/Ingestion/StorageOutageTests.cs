using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Events;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Ingestion;

public sealed class StorageOutageTests : IDisposable
{
    private readonly StorageProxy _proxy = new(AzuriteServer.ConnectionString);
    private readonly UsageAppFactory _app;

    public StorageOutageTests() => _app = new UsageAppFactory(_proxy.ConnectionString);

    public void Dispose()
    {
        _app.Dispose();
        _proxy.Dispose();
    }

    [Fact]
    public async Task StorageOutageAnswers503WithRetryAfterAndAcknowledgesNothing()
    {
        var account = await TestAccount.CreateAsync(_app);
        using var client = _app.CreateClient();
        var now = _app.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(now, "warm-up"))))).StatusCode);

        _proxy.Cut();
        var batch = TestEvents.Batch([.. Enumerable.Range(0, 20).Select(i => TestEvents.Message(now, $"lost-{i}"))]);
        var response = await client.SendAsync(account.KeyedPost(batch));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("results", out _));
        Assert.False(body.TryGetProperty("accepted", out _));

        _proxy.Restore();
        var store = _app.Services.GetRequiredService<IEventStore>();
        var stored = new List<string>();
        await foreach (var e in store.ReadRangeAsync(account.Id, now.AddHours(-1), now.AddHours(1), CancellationToken.None)) stored.Add(e.Event.Id);
        var retry = await client.SendAsync(account.KeyedPost(batch));
        var retried = await retry.Content.ReadFromJsonAsync<JsonElement>();
        // Whatever reached storage before the cut is recognised on retry; together every event is stored exactly once.
        Assert.Equal(20, retried.GetProperty("accepted").GetInt32() + retried.GetProperty("duplicates").GetInt32());
        Assert.Equal(stored.Count - 1, retried.GetProperty("duplicates").GetInt32());
    }
}
