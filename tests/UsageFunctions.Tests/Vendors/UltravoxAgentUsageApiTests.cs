using System.Text.Json;
using UsageFunctions.App.Vendors.Ultravox;
using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

public sealed class UltravoxAgentUsageApiTests : AppTest
{
    private const string Url = "/ultravox/api/agents/usage";
    private static Action<HttpRequestMessage> ApiKey(string key) => r => r.Headers.Add("X-API-Key", key);

    private Task<TestAccount> AccountWithCallsAsync() => UltravoxCalls.AccountWithCallsAsync(App);

    private static Dictionary<string, (double Billed, long Calls)> Days(JsonElement agent) =>
        agent.GetProperty("usage").EnumerateArray().Where(d => d.GetProperty("calls").GetInt64() > 0)
            .ToDictionary(d => d.GetProperty("date").GetString()!, d => (d.GetProperty("billedMinutes").GetDouble(), d.GetProperty("calls").GetInt64()));

    [Fact]
    public async Task EachAgentWithCallsGetsThirtyDaysOfBilledMinutesAndCalls()
    {
        var account = await AccountWithCallsAsync();
        var (status, body) = await GetAsync(App, Url, ApiKey(account.ReadKey));

        Assert.Equal(200, status);
        VendorSchemas.For("ultravox-agents-usage.json").AssertValid(body);
        var agents = body.EnumerateArray().ToList();
        var ids = new UltravoxIds(account.Id);
        Assert.Equal([(ids.Present(UltravoxIds.Agent, "agent_b"), ""), (ids.Present(UltravoxIds.Agent, "agent_a"), "Support Bot")],
            agents.Select(a => (a.GetProperty("agent").GetProperty("agentId").GetString()!, a.GetProperty("agent").GetProperty("name").GetString()!)));
        Assert.All(agents, a => Assert.Equal(30, a.GetProperty("usage").GetArrayLength()));
        Assert.Equal(new Dictionary<string, (double, long)> { ["2026-11-18"] = (2.0, 1), ["2026-11-19"] = (0.0, 1), ["2026-11-20"] = (1.5, 1) },
            Days(agents[1]));
        Assert.Equal(new Dictionary<string, (double, long)> { ["2026-11-20"] = (0.0, 1) }, Days(agents[0]));
    }

    [Fact]
    public async Task FiltersApplyToAgentUsage()
    {
        var account = await AccountWithCallsAsync();
        var (_, body) = await GetAsync(App, Url + "?durationMin=100s", ApiKey(account.ReadKey));

        VendorSchemas.For("ultravox-agents-usage.json").AssertValid(body);
        var agent = Assert.Single(body.EnumerateArray());
        Assert.Equal(new Dictionary<string, (double, long)> { ["2026-11-18"] = (2.0, 1), ["2026-11-19"] = (0.0, 1) }, Days(agent));
    }

    [Theory]
    [InlineData("")]
    [InlineData("agentIds=agent_a")]
    [InlineData("agentIds=agent_a,agent_b&fromDate=2026-11-19")]
    public async Task TheAggregateAnswerEqualsARecountOfRawCalls(string query)
    {
        // durationMin=0s keeps every call but can only be answered by scanning raw calls.
        var account = await AccountWithCallsAsync();
        var (_, fromAggregates) = await GetAsync(App, Url + "?" + query, ApiKey(account.ReadKey));
        var (_, fromRaw) = await GetAsync(App, Url + "?durationMin=0s&" + query, ApiKey(account.ReadKey));

        Assert.NotEqual(0, fromAggregates.GetArrayLength());
        Assert.Equal(fromRaw.GetRawText(), fromAggregates.GetRawText());
    }

    [Fact]
    public async Task AnotherAccountsAgentsNeverShow()
    {
        await AccountWithCallsAsync();
        var quiet = await TestAccount.CreateAsync(App);
        var (status, body) = await GetAsync(App, Url, ApiKey(quiet.ReadKey));

        Assert.Equal(200, status);
        Assert.Equal(0, body.GetArrayLength());
    }
}
