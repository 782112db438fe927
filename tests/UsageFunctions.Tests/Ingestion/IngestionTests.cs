using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Events;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Ingestion;

public sealed class IngestionTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task KeyedEventIsStoredAndReadBack()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var call = TestEvents.Call(Now.AddMinutes(-10), 61);
        var response = await client.SendAsync(account.KeyedPost(call.ToJsonString(), "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var stored = await StoredAsync(account.Id, Now.AddMinutes(-10));
        Assert.Equal(call["id"]!.ToString(), Assert.Single(stored).Event.Id);
    }

    [Fact]
    public async Task DuplicateWithinABatchIsStoredOnce()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var message = TestEvents.Message(Now.AddMinutes(-5), "m-1");
        var response = await client.SendAsync(account.KeyedPost(TestEvents.Batch(message, message, TestEvents.Message(Now.AddMinutes(-5)))));

        var statuses = await StatusesAsync(response);
        Assert.Equal(["accepted", "duplicate", "accepted"], statuses);
        Assert.Equal(2, (await StoredAsync(account.Id, Now.AddMinutes(-5))).Count);
    }

    [Fact]
    public async Task DuplicateAcrossBatchesIsStoredOnce()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var events = Enumerable.Range(0, 40).Select(i => TestEvents.Message(Now.AddMinutes(-i), $"m-{i}")).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(account.KeyedPost(TestEvents.Batch(events[..30])))).StatusCode);

        var second = await client.SendAsync(account.KeyedPost(TestEvents.Batch(events[20..])));
        var statuses = await StatusesAsync(second);
        Assert.Equal(Enumerable.Repeat("duplicate", 10).Concat(Enumerable.Repeat("accepted", 10)), statuses);
        Assert.Equal(40, await CountStoredAsync(account.Id, Now.AddHours(-1), Now.AddMinutes(1)));
    }

    [Fact]
    public async Task ConcurrentRedeliveryIsStoredOnce()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var batch = TestEvents.Batch([.. Enumerable.Range(0, 50).Select(i => TestEvents.Message(Now.AddMinutes(-1), $"c-{i}"))]);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(account.KeyedPost(batch))));

        var statuses = new List<string>();
        foreach (var response in responses) statuses.AddRange(await StatusesAsync(response));
        Assert.Equal(50, statuses.Count(s => s == "accepted"));
        Assert.Equal(250, statuses.Count(s => s == "duplicate"));
        Assert.Equal(50, await CountStoredAsync(account.Id, Now.AddHours(-1), Now.AddMinutes(1)));
    }

    [Fact]
    public async Task BatchWithBadEventsStoresTheGoodOnesAndSaysWhy()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var unknown = TestEvents.Message(Now);
        unknown["type"] = "usage.teleport";
        var old = TestEvents.Message(Now.AddDays(-40));
        var good = TestEvents.Message(Now.AddMinutes(-2));
        var response = await client.SendAsync(account.KeyedPost(TestEvents.Batch(unknown, good, old)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal(["rejected", "accepted", "rejected"], results.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("unknown_type", results[0].GetProperty("reason").GetString());
        Assert.Equal("too_old", results[2].GetProperty("reason").GetString());
        Assert.Equal(1, await CountStoredAsync(account.Id, Now.AddDays(-41), Now.AddMinutes(1)));
    }

    [Fact]
    public async Task RejectedSingleEventAnswers422AndStoresNothing()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var call = TestEvents.Call(Now.AddMinutes(-3));
        call["data"]!.AsObject().Remove("endReason");
        var response = await client.SendAsync(account.KeyedPost(call.ToJsonString(), "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("missing_field", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(0, await CountStoredAsync(account.Id, Now.AddHours(-1), Now.AddMinutes(1)));
    }

    [Theory]
    [InlineData("text/plain", "{}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/cloudevents-batch+json", "{\"not\":\"an array\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/cloudevents-batch+json", "[]", HttpStatusCode.BadRequest)]
    [InlineData("application/cloudevents+json", "{\"unterminated\":", HttpStatusCode.BadRequest)]
    public async Task MalformedBodiesAreRefusedWithAProblem(string contentType, string body, HttpStatusCode expected)
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var response = await client.SendAsync(account.KeyedPost(body, contentType));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OversizedBatchAndBodyAreRefused()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var tooMany = TestEvents.Batch([.. Enumerable.Range(0, 101).Select(_ => TestEvents.Message(Now))]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(account.KeyedPost(tooMany))).StatusCode);
        var huge = "[" + new string(' ', 1024 * 1024 + 1) + "]";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(account.KeyedPost(huge))).StatusCode);
    }

    [Fact]
    public async Task StoredEventsAreReadBackWithAReadKeyOnlyForItsAccount()
    {
        var account = await TestAccount.CreateAsync(App);
        var other = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(Now.AddMinutes(-30), "mine"))));
        await client.SendAsync(other.KeyedPost(TestEvents.Batch(TestEvents.Message(Now.AddMinutes(-30), "theirs"))));

        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/events?from=" + Uri.EscapeDataString(Now.AddHours(-1).ToString("O")));
        Assert.Equal(["mine"], listed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal("agent_1", listed.GetProperty("events")[0].GetProperty("data").GetProperty("agentId").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/events?from=never")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/events?limit=0")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.WriteKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/events")).StatusCode);
    }

    private static async Task<List<string>> StatusesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!)];
    }

    private async Task<List<StoredEvent>> StoredAsync(string accountId, DateTimeOffset hour)
    {
        var store = App.Services.GetRequiredService<IEventStore>();
        var list = new List<StoredEvent>();
        await foreach (var e in store.ReadHourAsync(accountId, hour, CancellationToken.None)) list.Add(e);
        return list;
    }

    private async Task<int> CountStoredAsync(string accountId, DateTimeOffset from, DateTimeOffset to)
    {
        var store = App.Services.GetRequiredService<IEventStore>();
        var count = 0;
        await foreach (var _ in store.ReadRangeAsync(accountId, from, to, CancellationToken.None)) count++;
        return count;
    }
}
