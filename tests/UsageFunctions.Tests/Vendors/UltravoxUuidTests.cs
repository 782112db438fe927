using System.Text.Json;
using UsageFunctions.App.Vendors.Ultravox;
using UsageFunctions.Tests.Infrastructure;
using static UsageFunctions.Tests.Vendors.VendorTestKit;

namespace UsageFunctions.Tests.Vendors;

/// <summary>Our free-form agent and voice ids as the UUIDs Ultravox's OpenAPI promises, shown and filtered by.</summary>
public sealed class UltravoxUuidTests : AppTest
{
    private const string CallsUrl = "/ultravox/api/accounts/me/usage/calls";
    private const string AgentsUrl = "/ultravox/api/agents/usage";
    private static Action<HttpRequestMessage> ApiKey(string key) => r => r.Headers.Add("X-API-Key", key);

    // What a client generated from the OpenAPI document (agentId: string, format: uuid) reads.
    private sealed record TypedAgentUsage(TypedAgent Agent, IReadOnlyList<TypedAgentDay> Usage);

    private sealed record TypedAgent(Guid AgentId, string Name);

    private sealed record TypedAgentDay(DateOnly Date, double BilledMinutes, int Calls);

    private Task<TestAccount> AccountWithCallsAsync() => UltravoxCalls.AccountWithCallsAsync(App);

    [Fact]
    public async Task AClientThatReadsAgentIdsAsGuidsReadsAgentUsage()
    {
        var account = await AccountWithCallsAsync();
        var (_, body) = await GetAsync(App, AgentsUrl, ApiKey(account.ReadKey));

        var agents = JsonSerializer.Deserialize<List<TypedAgentUsage>>(body.GetRawText(), JsonSerializerOptions.Web)!;
        var ids = new UltravoxIds(account.Id);
        Assert.Equal([(Guid.Parse(ids.Present(UltravoxIds.Agent, "agent_b")), ""), (Guid.Parse(ids.Present(UltravoxIds.Agent, "agent_a")), "Support Bot")],
            agents.Select(a => (a.Agent.AgentId, a.Agent.Name)));
    }

    [Theory]
    [InlineData(CallsUrl, "agentIds", "agent_a", UltravoxIds.Agent, "")]
    [InlineData(CallsUrl, "agentIds", "agent_a", UltravoxIds.Agent, "&durationMin=0s")]
    [InlineData(CallsUrl, "voiceId", "voice_1", UltravoxIds.Voice, "")]
    [InlineData(CallsUrl, "voiceId", "voice_1", UltravoxIds.Voice, "&durationMin=0s")]
    [InlineData(AgentsUrl, "agentIds", "agent_a", UltravoxIds.Agent, "")]
    [InlineData(AgentsUrl, "agentIds", "agent_a", UltravoxIds.Agent, "&durationMin=0s")]
    [InlineData(AgentsUrl, "voiceId", "voice_1", UltravoxIds.Voice, "")]
    public async Task FilteringByTheUuidAnswersAsFilteringByTheId(string url, string parameter, string id, string kind, string source)
    {
        // Without durationMin the aggregates answer; durationMin=0s keeps every call but needs a scan of raw calls.
        var account = await AccountWithCallsAsync();
        var uuid = new UltravoxIds(account.Id).Present(kind, id);
        var (_, byId) = await GetAsync(App, $"{url}?{parameter}={id}{source}", ApiKey(account.ReadKey));
        var (status, byUuid) = await GetAsync(App, $"{url}?{parameter}={uuid}{source}", ApiKey(account.ReadKey));
        var (_, unfiltered) = await GetAsync(App, url + "?" + source, ApiKey(account.ReadKey));

        Assert.Equal(200, status);
        Assert.Equal(byId.GetRawText(), byUuid.GetRawText());
        Assert.NotEqual(unfiltered.GetRawText(), byUuid.GetRawText());
    }

    [Fact]
    public async Task AnotherAccountsUuidForTheSameIdMatchesNothing()
    {
        var account = await AccountWithCallsAsync();
        var foreign = new UltravoxIds("acct_other").Present(UltravoxIds.Agent, "agent_a");
        var (_, body) = await GetAsync(App, $"{CallsUrl}?agentIds={foreign}", ApiKey(account.ReadKey));

        Assert.Equal(0, body.GetProperty("allTime").GetProperty("totalCount").GetInt64());
    }
}
