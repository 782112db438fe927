using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Usage;

public sealed class UsageApiTests : AppTest
{
    [Fact]
    public async Task TotalsBreakdownsAndLocalSeriesEqualWhatWasPosted()
    {
        var account = await TestAccount.CreateAsync(App, timeZone: "Asia/Kolkata");
        var other = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var now = App.Clock.GetUtcNow();
        var noAgent = TestEvents.Call(now.AddHours(-20), 15);
        noAgent["data"]!.AsObject().Remove("agentId");
        // 18:10Z on the 19th is 23:40 in Kolkata (the 19th); 18:40Z is 00:10 on the 20th; 16:00Z (no agent) is 21:30 on the 19th.
        var late = new DateTimeOffset(2026, 11, 19, 18, 10, 0, TimeSpan.Zero);
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(
            TestEvents.Call(late, 100), TestEvents.Call(late.AddMinutes(30), 50), noAgent)))).EnsureSuccessStatusCode();
        (await client.SendAsync(other.KeyedPost(TestEvents.Batch(TestEvents.Call(late, 999))))).EnsureSuccessStatusCode();
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var from = Uri.EscapeDataString("2026-11-19T00:00:00+05:30");
        var to = Uri.EscapeDataString("2026-11-21T00:00:00+05:30");
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/usage?meter=call_seconds&from={from}&to={to}&groupBy=agent&grain=day");
        Assert.Equal(165, body.GetProperty("total").GetDecimal());
        Assert.Equal(150, body.GetProperty("byDimension").GetProperty("agent_1").GetDecimal());
        Assert.Equal(15, body.GetProperty("byDimension").GetProperty("(none)").GetDecimal());
        Assert.Equal([115m, 50m], body.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("value").GetDecimal()));

        var period = await client.GetFromJsonAsync<JsonElement>("/api/usage/period");
        Assert.Equal(3, period.GetProperty("meters").GetProperty("calls").GetDecimal());
    }

    [Fact]
    public async Task BandwidthIsGroupedByTheDirectionItsEventsCarry()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var now = App.Clock.GetUtcNow();
        JsonObject Bandwidth(long bytes, string? direction) =>
            TestEvents.Event("usage.bandwidth.used", now.AddHours(-2), new JsonObject { ["bytes"] = bytes, ["direction"] = direction });
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(
            Bandwidth(100, "inbound"), Bandwidth(40, "outbound"), Bandwidth(2, "outbound"), Bandwidth(7, null))))).EnsureSuccessStatusCode();
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var body = await client.GetFromJsonAsync<JsonElement>("/api/usage?meter=bandwidth_bytes&groupBy=direction");
        Assert.Equal(149, body.GetProperty("total").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["inbound"] = 100, ["outbound"] = 42, ["(none)"] = 7 },
            body.GetProperty("byDimension").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal()));
    }

    [Theory]
    [InlineData("calls", "One of: agent, voice, phoneNumber, endReason, direction.")]
    [InlineData("completed_calls", "One of: agent, voice, phoneNumber, endReason, direction.")]
    [InlineData("api_requests", "The meter 'api_requests' has no dimensions, so it cannot be grouped.")]
    public async Task AnUnknownGroupByNamesTheMetersDimensionsOrSaysItCannotBeGrouped(string meter, string message)
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var response = await client.GetAsync($"/api/usage?meter={meter}&groupBy=color");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([message], problem.GetProperty("errors").GetProperty("groupBy").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("?meter=nope")]
    [InlineData("?meter=calls&from=yesterday")]
    [InlineData("?meter=calls&from=2026-11-20&to=2026-11-01")]
    [InlineData("?meter=calls&groupBy=color")]
    [InlineData("?meter=calls&grain=week")]
    [InlineData("?meter=calls&tz=Mars/Base")]
    public async Task BadQueriesAreValidationProblems(string query)
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var response = await client.GetAsync("/api/usage" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WriteKeysCannotRead()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.WriteKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/usage?meter=calls")).StatusCode);
    }
}
