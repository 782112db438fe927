using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

public sealed class UltravoxUsageApiTests : AppTest
{
    private const string Url = "/ultravox/api/accounts/me/usage/calls";
    private static Action<HttpRequestMessage> ApiKey(string key) => r => r.Headers.Add("X-API-Key", key);

    private async Task<TestAccount> AccountWithCallsAsync()
    {
        var account = await TestAccount.CreateAsync(App, "pro", "America/New_York");
        await PostAndRollUpAsync(App, account, UltravoxCalls.All());
        return account;
    }

    private static (long Total, long Errors, string Duration, long Joined, double Billed) Stats(JsonElement s) =>
        (s.GetProperty("totalCount").GetInt64(), s.GetProperty("errorCount").GetInt64(), s.GetProperty("duration").GetString()!,
            s.GetProperty("joinedCount").GetInt64(), s.GetProperty("billedMinutes").GetDouble());

    [Fact]
    public async Task UnfilteredUsageCountsEveryCallWithThirtyDaysAndFortyEightHours()
    {
        var account = await AccountWithCallsAsync();
        var (status, body) = await GetAsync(App, Url, ApiKey(account.ReadKey));

        Assert.Equal(200, status);
        VendorSchemas.For("ultravox-call-usage.json").AssertValid(body);
        Assert.Equal((5L, 2L, "840.5s", 4L, 3.5), Stats(body.GetProperty("allTime")));
        var daily = body.GetProperty("daily").EnumerateArray().ToList();
        Assert.Equal(30, daily.Count);
        Assert.Equal(("2026-10-22", "2026-11-20"), (daily[0].GetProperty("date").GetString(), daily[^1].GetProperty("date").GetString()));
        Assert.Equal((2L, 1L, "120.5s", 2L, 1.5), Stats(daily[^1]));
        Assert.Equal((1L, 0L, "0s", 0L, 0.0), Stats(daily.Single(d => d.GetProperty("date").GetString() == "2026-11-15")));
        var hourly = body.GetProperty("hourly").EnumerateArray().ToList();
        Assert.Equal(48, hourly.Count);
        Assert.Equal(("2026-11-18", 13), (hourly[0].GetProperty("date").GetString(), hourly[0].GetProperty("hour").GetInt32()));
        Assert.Equal(("2026-11-20", 12), (hourly[^1].GetProperty("date").GetString(), hourly[^1].GetProperty("hour").GetInt32()));
        Assert.Equal([("2026-11-18", 22), ("2026-11-19", 10), ("2026-11-20", 9), ("2026-11-20", 11)],
            hourly.Where(h => h.GetProperty("totalCount").GetInt64() > 0)
                .Select(h => (h.GetProperty("date").GetString()!, h.GetProperty("hour").GetInt32())));
    }

    [Theory]
    [InlineData("agentIds=agent_a", 3, "810s", 3.5)]
    [InlineData("agentIds=agent_a&agentIds=agent_b", 4, "840.5s", 3.5)]
    [InlineData("agentIds=agent_a,agent_b", 4, "840.5s", 3.5)]
    [InlineData("voiceId=voice_1", 3, "210s", 3.5)]
    [InlineData("agentIds=agent_a&voiceId=voice_1", 2, "210s", 3.5)]
    [InlineData("durationMin=100s", 2, "720s", 2.0)]
    [InlineData("durationMax=90s", 3, "120.5s", 1.5)]
    [InlineData("durationMin=30.5s&durationMax=120s", 3, "240.5s", 3.5)]
    [InlineData("timeOfDayStart=09:00:00&timeOfDayEnd=10:30:00", 2, "630.5s", 0.0)]
    [InlineData("timeOfDayStart=21:00:00&timeOfDayEnd=09:30:00", 2, "150.5s", 2.0)]
    [InlineData("metadata.campaign=spring", 3, "810s", 3.5)]
    [InlineData("metadata.campaign=spring&metadata.tier=gold", 1, "90s", 1.5)]
    [InlineData("search=REFUND", 1, "90s", 1.5)]
    [InlineData("search=gamma", 1, "600s", 0.0)]
    [InlineData("search=silver", 1, "120s", 2.0)]
    [InlineData("fromDate=2026-11-19&toDate=2026-11-19", 1, "600s", 0.0)]
    [InlineData("fromDate=2026-11-19T05:00:00-05:00&toDate=2026-11-20T04:00:00-05:00", 2, "630.5s", 0.0)]
    [InlineData("fromDate=2026-11-18T22:00:00Z&durationMin=1s", 4, "840.5s", 3.5)]
    public async Task EachFilterCountsExactlyTheMatchingCalls(string query, long calls, string duration, double billedMinutes)
    {
        var account = await AccountWithCallsAsync();
        var (status, body) = await GetAsync(App, Url + "?" + query, ApiKey(account.ReadKey));

        Assert.Equal(200, status);
        VendorSchemas.For("ultravox-call-usage.json").AssertValid(body);
        var all = Stats(body.GetProperty("allTime"));
        Assert.Equal((calls, duration, billedMinutes), (all.Total, all.Duration, all.Billed));
        Assert.Equal(calls, body.GetProperty("daily").EnumerateArray().Sum(d => d.GetProperty("totalCount").GetInt64()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?durationMin=0s")]
    public async Task AHangupWithoutJoinedAtIsJoinedAndABilledCallWithoutBilledSecondsBillsItsDuration(string rawScan)
    {
        var account = await TestAccount.CreateAsync(App);
        var noJoinedAt = UltravoxCalls.Call("call-1", UltravoxCalls.Now.AddHours(-1), 60, "agent_a", "voice_1", "hangup", "BILLED", 60, new());
        noJoinedAt["data"]!.AsObject().Remove("joinedAt");
        var noBilledSeconds = UltravoxCalls.Call("call-2", UltravoxCalls.Now.AddHours(-1), 90, "agent_a", "voice_1", "hangup", "BILLED", 0, new());
        noBilledSeconds["data"]!.AsObject().Remove("billedSeconds");
        await PostAndRollUpAsync(App, account, noJoinedAt, noBilledSeconds);

        var (_, body) = await GetAsync(App, Url + rawScan, ApiKey(account.ReadKey));
        Assert.Equal((2L, 0L, "150s", 2L, 2.5), Stats(body.GetProperty("allTime")));
        Assert.Equal((2L, 0L, "150s", 2L, 2.5), Stats(body.GetProperty("daily").EnumerateArray().Last()));
        Assert.Equal((2L, 0L, "150s", 2L, 2.5), Stats(body.GetProperty("hourly").EnumerateArray().Single(h => h.GetProperty("totalCount").GetInt64() > 0)));
    }

    [Fact]
    public async Task DateRangeBoundsTheDailyAndHourlySeries()
    {
        var account = await AccountWithCallsAsync();
        var (_, body) = await GetAsync(App, Url + "?fromDate=2026-11-19&toDate=2026-11-19", ApiKey(account.ReadKey));

        Assert.Equal(["2026-11-19"], body.GetProperty("daily").EnumerateArray().Select(d => d.GetProperty("date").GetString()));
        var hourly = body.GetProperty("hourly").EnumerateArray().ToList();
        Assert.Equal(24, hourly.Count);
        Assert.All(hourly, h => Assert.Equal("2026-11-19", h.GetProperty("date").GetString()));
        Assert.Equal(1, hourly.Single(h => h.GetProperty("hour").GetInt32() == 10).GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task AnotherAccountsCallsNeverShow()
    {
        await AccountWithCallsAsync();
        var quiet = await TestAccount.CreateAsync(App);
        foreach (var query in new[] { "", "?durationMin=0s" })
        {
            var (_, body) = await GetAsync(App, Url + query, ApiKey(quiet.ReadKey));
            Assert.Equal((0L, 0L, "0s", 0L, 0.0), Stats(body.GetProperty("allTime")));
        }
    }
}
