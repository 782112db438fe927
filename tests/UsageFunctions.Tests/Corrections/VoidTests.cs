using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Corrections.VoidRequests;

namespace UsageFunctions.Tests.Corrections;

public sealed class VoidTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task VoidedEventStopsCountingStaysListedWithItsRecordAndItsIdStaysTaken()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var wrong = TestEvents.Message(Now.AddMinutes(-30), "m-wrong");
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(wrong, TestEvents.Message(Now.AddMinutes(-20), "m-right"))));
        await App.RunTimerAsync("RollupTimer");
        var (from, to) = (Now.AddHours(-2), Now.AddHours(1));
        Assert.Equal(2, await TotalAsync(App, account, "messages", from, to));

        var voided = await client.SendAsync(Keyed(account.WriteKey, new { source = "/tests", id = "m-wrong", reason = "test traffic" }));
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        var result = (await voided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        Assert.Equal("voided", result.GetProperty("status").GetString());
        Assert.StartsWith("key:", result.GetProperty("voidedBy").GetString());
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await App.RunTimerAsync("RollupTimer");
        Assert.Equal(1, await TotalAsync(App, account, "messages", from, to));

        var again = await client.SendAsync(Keyed(account.WriteKey, new[] { new { source = "/tests", id = "m-wrong", reason = "second try" } }));
        var second = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        Assert.Equal("already_voided", second.GetProperty("status").GetString());
        Assert.Equal("test traffic", second.GetProperty("reason").GetString());
        Assert.Equal(result.GetProperty("voidedAt").GetDateTimeOffset(), second.GetProperty("voidedAt").GetDateTimeOffset());

        var redelivered = await client.SendAsync(account.KeyedPost(TestEvents.Batch(wrong)));
        Assert.Equal(1, (await redelivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32());
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await App.RunTimerAsync("RollupTimer");
        Assert.Equal(1, await TotalAsync(App, account, "messages", from, to));

        var window = $"from={Uri.EscapeDataString(from.ToString("O"))}";
        Assert.Equal(["m-right"], (await ListedAsync(App, account, window)).Select(e => e.GetProperty("id").GetString()));
        var all = await ListedAsync(App, account, window + "&includeVoided=true");
        var record = all.Single(e => e.GetProperty("id").GetString() == "m-wrong").GetProperty("void");
        Assert.Equal("test traffic", record.GetProperty("reason").GetString());
        Assert.False(all.Single(e => e.GetProperty("id").GetString() == "m-right").TryGetProperty("void", out _));
    }

    [Fact]
    public async Task BatchAnswersEachItemAndUnknownEventsAreNotFound()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var call = TestEvents.Call(Now.AddMinutes(-50), 61, "c-1");
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(call, TestEvents.Message(Now.AddMinutes(-5), "m-1"))));
        await App.RunTimerAsync("RollupTimer");
        Assert.Equal(2, await VocodeMinutesAsync(account));

        var response = await client.SendAsync(Keyed(account.WriteKey, new object[]
        {
            new { source = "/tests", id = "c-1", reason = "double billed", time = Now.AddMinutes(-50) },
            new { source = "/tests", id = "missing", reason = "typo" },
            new { source = "/elsewhere", id = "m-1", reason = "wrong source" },
            new { source = "/tests", id = "m-1", reason = "wrong hint", time = Now.AddDays(-3) },
        }));

        Assert.Equal(["voided", "not_found", "not_found", "voided"], await StatusesAsync(response));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await App.RunTimerAsync("RollupTimer");
        Assert.Equal(0, await TotalAsync(App, account, "calls", Now.AddHours(-2), Now.AddHours(1)));
        Assert.Equal(0, await TotalAsync(App, account, "messages", Now.AddHours(-2), Now.AddHours(1)));
        Assert.Equal(0, await VocodeMinutesAsync(account));
    }

    private async Task<int> VocodeMinutesAsync(TestAccount account)
    {
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        return (await client.GetFromJsonAsync<JsonElement>("/vocode/v1/usage/")).GetProperty("monthly_usage_minutes").GetInt32();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"source\":\"/tests\",\"id\":\"m-1\"}")]
    [InlineData("{\"source\":\"/tests\",\"id\":7,\"reason\":\"r\"}")]
    [InlineData("[{\"source\":\"/tests\",\"id\":\"m-1\",\"reason\":\"r\"},{\"source\":\"\",\"id\":\"m-2\",\"reason\":\"r\"}]")]
    [InlineData("{\"source\":\"/tests\",\"id\":\"m-1\",\"reason\":\"r\",\"time\":\"yesterday\"}")]
    [InlineData("{\"source\":\"/tests\",\"id\":\"\\ud800\",\"reason\":\"r\"}")]
    public async Task BadVoidRequestAnswers400AndVoidsNothing(string json)
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(Now.AddMinutes(-5), "m-1"))));

        var response = await client.SendAsync(Raw(account.WriteKey, json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(await ListedAsync(App, account, "includeVoided=false"));
        Assert.DoesNotContain(await ListedAsync(App, account, "includeVoided=true"), e => e.TryGetProperty("void", out _));
    }

    [Fact]
    public async Task MoreThanAHundredItemsIsRefused()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var items = Enumerable.Range(0, 101).Select(i => new { source = "/tests", id = $"m-{i}", reason = "r" });
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Keyed(account.WriteKey, items))).StatusCode);
    }

    [Fact]
    public async Task VoidingAnEventOfAClosedBillingPeriodCorrectsItsSnapshot()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var sent = Now.AddMinutes(-5);
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(sent, "m-1"), TestEvents.Message(sent, "m-2"))));
        await App.RunTimerAsync("RollupTimer");
        App.Clock.Advance(TimeSpan.FromDays(40));
        await App.RunTimerAsync("PeriodTimer");
        var query = App.Services.GetRequiredService<IUsageQuery>();
        var closed = Assert.Single(await query.ClosedPeriodsAsync(account.Id, sent, sent.AddMinutes(1), CancellationToken.None));
        Assert.Equal(2, closed.Meters["messages"]);

        Assert.Equal(["voided"], await StatusesAsync(await client.SendAsync(Keyed(account.WriteKey, new { source = "/tests", id = "m-1", reason = "late fix" }))));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await App.RunTimerAsync("RollupTimer");

        closed = Assert.Single(await query.ClosedPeriodsAsync(account.Id, sent, sent.AddMinutes(1), CancellationToken.None));
        Assert.Equal(1, closed.Meters["messages"]);
        Assert.Equal(1, await TotalAsync(App, account, "messages", sent.AddHours(-1), sent.AddHours(1)));
    }
}
