using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Corrections;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Entitlements;

public sealed class EntitlementTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task UsedCountsEventsSinceTheLastRollupAndVoidsAndDeniesAtTheLimit()
    {
        using var app = App.WithSettings(new Dictionary<string, string> { ["Plans__tiny__Name"] = "tiny", ["Plans__tiny__MessagesPerMonth"] = "3" });
        var account = await TestAccount.CreateAsync(app, plan: "tiny");
        using var client = app.CreateClient();
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(Now.AddMinutes(-10), "m-1"))));
        await app.RunTimerAsync("RollupTimer");
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(Now.AddMinutes(-1), "m-2"))));

        var check = await CheckAsync(app, account, "messages");
        Assert.Equal(2, check.GetProperty("used").GetDecimal());
        Assert.Equal(3, check.GetProperty("limit").GetDecimal());
        Assert.Equal(1, check.GetProperty("remaining").GetDecimal());
        Assert.True(check.GetProperty("hasAccess").GetBoolean());
        Assert.Equal(Now, check.GetProperty("asOf").GetDateTimeOffset());

        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Message(Now.AddMinutes(-1), "m-3"))));
        check = await CheckAsync(app, account, "messages");
        Assert.Equal(3, check.GetProperty("used").GetDecimal());
        Assert.Equal(0, check.GetProperty("remaining").GetDecimal());
        Assert.False(check.GetProperty("hasAccess").GetBoolean());

        await client.SendAsync(VoidRequests.Keyed(account.WriteKey, new { source = "/tests", id = "m-1", reason = "test" }));
        check = await CheckAsync(app, account, "messages");
        Assert.Equal(2, check.GetProperty("used").GetDecimal());
        Assert.True(check.GetProperty("hasAccess").GetBoolean());
    }

    [Fact]
    public async Task MeterWithoutALimitAlwaysHasAccessAndResetsAtThePeriodEnd()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        await client.SendAsync(account.KeyedPost(TestEvents.Batch(TestEvents.Call(Now.AddMinutes(-10), 30))));

        var check = await CheckAsync(App, account, "calls");

        Assert.Equal(1, check.GetProperty("used").GetDecimal());
        Assert.Equal(JsonValueKind.Null, check.GetProperty("limit").ValueKind);
        Assert.Equal(JsonValueKind.Null, check.GetProperty("remaining").ValueKind);
        Assert.True(check.GetProperty("hasAccess").GetBoolean());
        using var period = App.CreateClient();
        period.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var current = await period.GetFromJsonAsync<JsonElement>("/api/usage/period");
        Assert.Equal(current.GetProperty("end").GetDateTimeOffset(), check.GetProperty("resetsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task UnknownMeterIs404AndOtherKeysAreRefused()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/entitlements/nope")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.WriteKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/entitlements/messages")).StatusCode);
        client.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/entitlements/messages")).StatusCode);
    }

    private static async Task<JsonElement> CheckAsync(UsageAppFactory app, TestAccount account, string meter)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var response = await client.GetAsync("/api/entitlements/" + meter);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
