using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

public sealed class UltravoxAgentUsageApiTests : IDisposable
{
    private const string Url = "/ultravox/api/agents/usage";
    private readonly UsageAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static Action<HttpRequestMessage> ApiKey(string key) => r => r.Headers.Add("X-API-Key", key);

    private async Task<TestAccount> AccountWithCallsAsync()
    {
        var account = await TestAccount.CreateAsync(_app);
        await RegisterAgentAsync(_app, account, "agent_a", "Support Bot");
        await PostAndRollUpAsync(_app, account, UltravoxCalls.All());
        return account;
    }

    private static Dictionary<string, (double Billed, long Calls)> Days(JsonElement agent) =>
        agent.GetProperty("usage").EnumerateArray().Where(d => d.GetProperty("calls").GetInt64() > 0)
            .ToDictionary(d => d.GetProperty("date").GetString()!, d => (d.GetProperty("billedMinutes").GetDouble(), d.GetProperty("calls").GetInt64()));

    [Fact]
    public async Task EachAgentWithCallsGetsThirtyDaysOfBilledMinutesAndCalls()
    {
        var account = await AccountWithCallsAsync();
        var (status, body) = await GetAsync(_app, Url, ApiKey(account.ReadKey));

        Assert.Equal(200, status);
        VendorSchemas.For("ultravox-agents-usage.json").AssertValid(body);
        var agents = body.EnumerateArray().ToList();
        Assert.Equal([("agent_b", ""), ("agent_a", "Support Bot")],
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
        var (_, body) = await GetAsync(_app, Url + "?durationMin=100s", ApiKey(account.ReadKey));

        VendorSchemas.For("ultravox-agents-usage.json").AssertValid(body);
        var agent = Assert.Single(body.EnumerateArray());
        Assert.Equal(new Dictionary<string, (double, long)> { ["2026-11-18"] = (2.0, 1), ["2026-11-19"] = (0.0, 1) }, Days(agent));
    }

    [Fact]
    public async Task AnotherAccountsAgentsNeverShow()
    {
        await AccountWithCallsAsync();
        var quiet = await TestAccount.CreateAsync(_app);
        var (status, body) = await GetAsync(_app, Url, ApiKey(quiet.ReadKey));

        Assert.Equal(200, status);
        Assert.Equal(0, body.GetArrayLength());
    }
}
