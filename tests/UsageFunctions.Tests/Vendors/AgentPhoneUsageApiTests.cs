using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Vendors;

public sealed class AgentPhoneUsageApiTests : AppTest
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    [Fact]
    public async Task UsageReportsPlanNumbersAndWindowedStats()
    {
        var account = await TestAccount.CreateAsync(App, plan: "pro");
        var other = await TestAccount.CreateAsync(App, plan: "pro");
        await RegisterAsync(account, ("num_1", "active"), ("num_2", "active"), ("num_3", "inactive"));
        using var client = App.CreateClient();
        await PostAsync(client, account,
            Message(Now.AddHours(-1)), Message(Now.AddHours(-2)), Message(Now.AddDays(-3)), Message(Now.AddDays(-20)),
            TestEvents.Call(Now.AddMinutes(-30)), TestEvents.Call(Now.AddDays(-10)), TestEvents.Call(Now.AddDays(-10).AddHours(3)),
            Delivery(true, Now.AddHours(-5)), Delivery(true, Now.AddDays(-8)), Delivery(true, Now.AddDays(-31)), Delivery(false, Now.AddDays(-1)));
        await PostAsync(client, other, Message(Now.AddHours(-1)), TestEvents.Call(Now.AddHours(-1)));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        var body = await GetAsync(client, account, "/agentphone/v1/usage");
        VendorSchemas.AgentPhoneUsage.AssertValid(body);
        Assert.Equal("pro", body.GetProperty("plan").GetProperty("name").GetString());
        Assert.Equal(10000, body.GetProperty("plan").GetProperty("limits").GetProperty("messagesPerMonth").GetInt32());
        Assert.Equal(500, body.GetProperty("plan").GetProperty("limits").GetProperty("voiceMinutesPerMonth").GetInt32());
        Assert.Equal([2, 10, 8], new[] { "used", "limit", "remaining" }.Select(p => body.GetProperty("numbers").GetProperty(p).GetInt32()));
        var stats = body.GetProperty("stats");
        int Stat(string name) => stats.GetProperty(name).GetInt32();
        Assert.Equal([4, 2, 3, 4], new[] { "totalMessages", "messagesLast24h", "messagesLast7d", "messagesLast30d" }.Select(Stat));
        Assert.Equal([3, 1, 1, 3], new[] { "totalCalls", "callsLast24h", "callsLast7d", "callsLast30d" }.Select(Stat));
        Assert.Equal([4, 3, 1], new[] { "totalWebhookDeliveries", "successfulWebhookDeliveries", "failedWebhookDeliveries" }.Select(Stat));
        Assert.Equal("2026-11-01T00:00:00Z", body.GetProperty("periodStart").GetString());
        Assert.Equal("2026-11-30T23:59:59Z", body.GetProperty("periodEnd").GetString());
    }

    [Fact]
    public async Task ANumberSavedThroughTheAdminApiIsCountedAtOnceThoughResourcesAreKeptForReads()
    {
        var account = await TestAccount.CreateAsync(App, plan: "pro");
        using var client = App.CreateClient();
        int Used(JsonElement body) => body.GetProperty("numbers").GetProperty("used").GetInt32();
        Assert.Equal(0, Used(await GetAsync(client, account, "/agentphone/v1/usage")));

        await RegisterAsync(account, ("num_1", "active"));

        // The read APIs keep resources 30 s; a save through this instance forgets the kept copy.
        Assert.Equal(1, Used(await GetAsync(client, account, "/agentphone/v1/usage")));
    }

    [Fact]
    public async Task RollingWindowsAreWholeClockHoursUpToNowBothBeforeAndAfterTheRollup()
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        var nextHour = new DateTimeOffset(Now.Year, Now.Month, Now.Day, Now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        // Each window's first instant counts and the instant before it does not; a message from the future does not either.
        var edges = new[] { TimeSpan.FromHours(24), TimeSpan.FromDays(7), TimeSpan.FromDays(30) }.Select(w => nextHour - w).ToList();
        await PostAsync(client, account, [.. edges.SelectMany(e => new[] { Message(e), Message(e.AddSeconds(-1)) }),
            Message(Now.AddSeconds(-1)), Message(Now.AddMinutes(2))]);

        foreach (var rolledUp in new[] { false, true })
        {
            if (rolledUp) (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();
            var stats = (await GetAsync(client, account, "/agentphone/v1/usage")).GetProperty("stats");
            // Last 24h: its edge and the one just now; 7d adds the 24h edge's second before it; 30d adds the 7d's.
            Assert.Equal([2, 4, 6], new[] { "messagesLast24h", "messagesLast7d", "messagesLast30d" }.Select(n => stats.GetProperty(n).GetInt32()));
        }
    }

    [Fact]
    public async Task DailyAndMonthlyAreZeroFilledLocalBucketsOldestFirst()
    {
        var account = await TestAccount.CreateAsync(App, timeZone: "America/New_York");
        using var client = App.CreateClient();
        // 2026-11-20T12:00Z is 07:00 in New York; 03:00Z on the 20th is still the 19th there.
        await PostAsync(client, account, Message(Now.AddHours(-9)), Message(Now.AddHours(-1)), TestEvents.Call(Now.AddDays(-1)),
            Delivery(false, Now.AddDays(-2)), Message(Now.AddDays(-25)));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        var daily = await GetAsync(client, account, "/agentphone/v1/usage/daily?days=3");
        VendorSchemas.AgentPhoneDaily.AssertValid(daily);
        Assert.Equal(3, daily.GetProperty("days").GetInt32());
        var rows = daily.GetProperty("data").EnumerateArray().Select(d =>
            (d.GetProperty("date").GetString(), d.GetProperty("messages").GetInt32(), d.GetProperty("calls").GetInt32(), d.GetProperty("webhooks").GetInt32())).ToList();
        Assert.Equal([("2026-11-18", 0, 0, 1), ("2026-11-19", 1, 1, 0), ("2026-11-20", 1, 0, 0)], rows);
        Assert.Equal(30, (await GetAsync(client, account, "/agentphone/v1/usage/daily")).GetProperty("data").GetArrayLength());

        var monthly = await GetAsync(client, account, "/agentphone/v1/usage/monthly?months=2");
        VendorSchemas.AgentPhoneMonthly.AssertValid(monthly);
        var months = monthly.GetProperty("data").EnumerateArray().Select(m => (m.GetProperty("month").GetString(), m.GetProperty("messages").GetInt32())).ToList();
        Assert.Equal([("2026-10", 1), ("2026-11", 2)], months);
        Assert.Equal(6, (await GetAsync(client, account, "/agentphone/v1/usage/monthly")).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task ByNumberListsRegisteredNumbersWithThisPeriodsUsage()
    {
        var account = await TestAccount.CreateAsync(App);
        await RegisterAsync(account, ("num_1", "active"), ("num_2", "inactive"));
        using var client = App.CreateClient();
        var call = TestEvents.Call(Now.AddHours(-3));
        call["data"]!["phoneNumberId"] = "num_2";
        await PostAsync(client, account, Message(Now.AddHours(-1)), Message(Now.AddHours(-2)), call, Message(Now.AddDays(-30)));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        var body = await GetAsync(client, account, "/agentphone/v1/usage/by-number");
        VendorSchemas.AgentPhoneByNumber.AssertValid(body);
        var rows = body.GetProperty("data").EnumerateArray().Select(n => (n.GetProperty("numberId").GetString(),
            n.GetProperty("messages").GetInt32(), n.GetProperty("calls").GetInt32(), n.GetProperty("agentName").GetString())).ToList();
        Assert.Equal([("num_1", 2, 0, "Support"), ("num_2", 0, 1, "Support")], rows);
    }

    [Fact]
    public async Task ByAgentCountsCompletedCallsAndPutsTheRestInTheOrphanBucket()
    {
        var account = await TestAccount.CreateAsync(App);
        await RegisterAsync(account);
        using var client = App.CreateClient();
        var unassigned = TestEvents.Call(Now.AddHours(-2), 30);
        unassigned["data"]!.AsObject().Remove("agentId");
        var stranger = TestEvents.Call(Now.AddHours(-2), 10);
        stranger["data"]!["agentId"] = "agent_unknown";
        var joinedWithoutJoinedAt = TestEvents.Call(Now.AddHours(-1), 30);
        joinedWithoutJoinedAt["data"]!.AsObject().Remove("joinedAt");
        await PostAsync(client, account, TestEvents.Call(Now.AddHours(-1), 90.4), TestEvents.Call(Now.AddHours(-1), 45), joinedWithoutJoinedAt,
            TestEvents.Call(Now.AddHours(-1), 20, endReason: "system_error"), TestEvents.Call(Now.AddHours(-1), 5, endReason: "unjoined"),
            unassigned, stranger, Message(Now.AddHours(-1)), TestEvents.Call(Now.AddDays(-25), 60));
        (await App.RunTimerAsync("RollupTimer")).EnsureSuccessStatusCode();

        var body = await GetAsync(client, account, "/agentphone/v1/usage/by-agent?period=month&tz=America/New_York");
        VendorSchemas.AgentPhoneByAgent.AssertValid(body);
        Assert.Equal("2026-11-01T04:00:00Z", body.GetProperty("periodStart").GetString());
        Assert.Equal("2026-12-01T04:59:59Z", body.GetProperty("periodEnd").GetString());
        var rows = body.GetProperty("data").EnumerateArray().Select(a => (a.GetProperty("agentId").GetString(), a.GetProperty("agentName").GetString(),
            a.GetProperty("messages").GetInt32(), a.GetProperty("calls").GetInt32(), a.GetProperty("totalSeconds").GetInt32(), a.GetProperty("isOrphan").GetBoolean())).ToList();
        Assert.Equal([("agent_1", "Support", 1, 3, 165, false), (null, "Unassigned", 0, 2, 40, true)], rows);

        var week = await GetAsync(client, account, "/agentphone/v1/usage/by-agent?period=week");
        Assert.Equal("2026-11-16T00:00:00Z", week.GetProperty("periodStart").GetString());
    }

    [Theory]
    [InlineData("/agentphone/v1/usage/daily?days=0", "days")]
    [InlineData("/agentphone/v1/usage/daily?days=366", "days")]
    [InlineData("/agentphone/v1/usage/daily?days=abc", "days")]
    [InlineData("/agentphone/v1/usage/monthly?months=25", "months")]
    [InlineData("/agentphone/v1/usage/by-agent", "period")]
    [InlineData("/agentphone/v1/usage/by-agent?period=decade", "period")]
    [InlineData("/agentphone/v1/usage/by-agent?period=&tz=", "period")]
    [InlineData("/agentphone/v1/usage/by-agent?period=week&tz=Mars/Base", "tz")]
    public async Task InvalidParametersAnswer422InTheErrorShape(string path, string field)
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        VendorSchemas.AgentPhoneError.AssertValid(body);
        Assert.Equal("VALIDATION_ERROR", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(field, body.GetProperty("error").GetProperty("details")[0].GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("/by-agent?period=week&tz=", "/by-agent?period=week")]
    [InlineData("/daily?days=", "/daily")]
    [InlineData("/monthly?months=", "/monthly")]
    [InlineData("?unused=", "")]
    public async Task AnEmptyOptionalParameterMeansNotGiven(string withEmpty, string without)
    {
        var account = await TestAccount.CreateAsync(App);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var response = await client.GetAsync("/agentphone/v1/usage" + withEmpty);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((await client.GetStringAsync("/agentphone/v1/usage" + without)), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ufk_nosuchkey_abc")]
    [InlineData("write")]
    [InlineData("revoked")]
    public async Task EveryEndpointRefusesWithoutAValidReadKey(string? key)
    {
        var account = await TestAccount.CreateAsync(App);
        if (key == "revoked")
        {
            using var admin = App.CreateAdminClient();
            (await admin.DeleteAsync($"/api/manage/accounts/{account.Id}/keys/{account.ReadKey.Split('_')[1]}")).EnsureSuccessStatusCode();
        }
        using var client = App.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key switch { "write" => account.WriteKey, "revoked" => account.ReadKey, _ => key });
        foreach (var path in new[] { "", "/daily", "/monthly", "/by-number", "/by-agent?period=week" })
        {
            var response = await client.GetAsync("/agentphone/v1/usage" + path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            VendorSchemas.AgentPhoneError.AssertValid(await response.Content.ReadFromJsonAsync<JsonElement>());
        }
    }

    private async Task RegisterAsync(TestAccount account, params (string Id, string Status)[] numbers)
    {
        using var admin = App.CreateAdminClient();
        var root = $"/api/manage/accounts/{account.Id}";
        (await admin.PutAsJsonAsync($"{root}/agents/agent_1", new { name = "Support" })).EnsureSuccessStatusCode();
        foreach (var (id, status) in numbers)
            (await admin.PutAsJsonAsync($"{root}/phone-numbers/{id}", new { number = "+14155550100", country = "US", status, agentId = "agent_1" })).EnsureSuccessStatusCode();
    }

    private static JsonObject Message(DateTimeOffset time) => TestEvents.Message(time);

    private static JsonObject Delivery(bool succeeded, DateTimeOffset time) =>
        TestEvents.Event(succeeded ? "usage.webhook.delivery.succeeded" : "usage.webhook.delivery.failed", time, []);

    private static async Task PostAsync(HttpClient client, TestAccount account, params JsonNode[] events) =>
        (await client.SendAsync(account.KeyedPost(TestEvents.Batch(events)))).EnsureSuccessStatusCode();

    private static async Task<JsonElement> GetAsync(HttpClient client, TestAccount account, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", account.ReadKey) } };
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
